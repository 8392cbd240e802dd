import { sql } from "drizzle-orm";
import { boolean, check, date, index, integer, pgEnum, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { documents } from "./documents";
import { units } from "./org";

/*
 * Meetings (lib/meetings). A weekly briefing is a series: an RFC 5545 rule read in Vietnam's time
 * zone, whose occurrences are kept as meetings rows for the weeks ahead (so each can have its room,
 * invitations, attendance and minutes); exceptions skip or move one date, and a change "from a
 * date onwards" ends the series the day before and starts a new one that continues it.
 */

export const roomKind = pgEnum("room_kind", ["physical", "online"]);

/** A meeting room of a unit: booked through the unit's office, or automatically where it says so. */
export const meetingRooms = pgTable(
  "meeting_rooms",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    unitId: uuid("unit_id")
      .notNull()
      .references(() => units.id),
    name: text("name").notNull(),
    kind: roomKind("kind").notNull(),
    /** Where a physical room is ("Phòng họp tầng 2, số 12 Lê Lợi"). */
    location: text("location").notNull().default(""),
    capacity: integer("capacity"),
    /** Bookings are approved at once (no one to ask), or wait for the unit's office. */
    autoApprove: boolean("auto_approve").notNull().default(false),
    /** An online room's name on the Jitsi server (its link is JITSI_BASE_URL/<slug>; no call is made to create it). */
    onlineSlug: text("online_slug"),
    active: boolean("active").notNull().default(true),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("meeting_rooms_unit_idx").on(t.unitId),
    uniqueIndex("meeting_rooms_slug_key").on(t.onlineSlug).where(sql`${t.onlineSlug} is not null`),
    check("meeting_rooms_online_slug", sql`(${t.kind} = 'online') = (${t.onlineSlug} is not null)`),
  ],
);

/** A recurring meeting: the rule and the local time it is held at. */
export const meetingSeries = pgTable(
  "meeting_series",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    unitId: uuid("unit_id")
      .notNull()
      .references(() => units.id),
    title: text("title").notNull(),
    /** The RRULE (RFC 5545) without DTSTART, e.g. "FREQ=WEEKLY;BYDAY=MO". */
    rrule: text("rrule").notNull(),
    /** The first day of the series and the local time of each occurrence, in `timeZone`. */
    startsOn: date("starts_on").notNull(),
    startTime: text("start_time").notNull(),
    durationMinutes: integer("duration_minutes").notNull(),
    timeZone: text("time_zone").notNull().default("Asia/Ho_Chi_Minh"),
    /** The last day of the series, when it ends (or was continued by another from the next day). */
    endsOn: date("ends_on"),
    roomId: uuid("room_id").references(() => meetingRooms.id),
    chairId: uuid("chair_id").references(() => users.id),
    /** The series this one continues ("from 01/03 onwards, at 08:00"). */
    continuesId: uuid("continues_id"),
    /** Occurrences are kept as meetings up to this day; a daily job moves it on. */
    materialisedUntil: date("materialised_until"),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("meeting_series_unit_idx").on(t.unitId),
    check("meeting_series_duration", sql`${t.durationMinutes} between 5 and 1440`),
    check("meeting_series_time", sql`${t.startTime} ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'`),
    check("meeting_series_ends", sql`${t.endsOn} is null or ${t.endsOn} >= ${t.startsOn}`),
  ],
);

export const exceptionKind = pgEnum("meeting_exception_kind", ["skip", "move"]);

/** One date of a series skipped (Tết, a holiday) or moved to another time. */
export const meetingSeriesExceptions = pgTable(
  "meeting_series_exceptions",
  {
    seriesId: uuid("series_id")
      .notNull()
      .references(() => meetingSeries.id, { onDelete: "cascade" }),
    /** The local day the rule gives for the occurrence. */
    occurrenceDate: date("occurrence_date").notNull(),
    kind: exceptionKind("kind").notNull(),
    startsAt: timestamp("starts_at", { withTimezone: true }),
    endsAt: timestamp("ends_at", { withTimezone: true }),
    reason: text("reason").notNull().default(""),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.seriesId, t.occurrenceDate] }),
    check("meeting_series_exceptions_move", sql`(${t.kind} = 'move') = (${t.startsAt} is not null and ${t.endsAt} is not null)`),
  ],
);

export const meetingStatus = pgEnum("meeting_status", ["scheduled", "cancelled"]);

/** A meeting: on its own, or one occurrence of a series. */
export const meetings = pgTable(
  "meetings",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    version: integer("version").notNull().default(1),
    unitId: uuid("unit_id")
      .notNull()
      .references(() => units.id),
    seriesId: uuid("series_id").references(() => meetingSeries.id),
    occurrenceDate: date("occurrence_date"),
    title: text("title").notNull(),
    chairId: uuid("chair_id").references(() => users.id),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
    roomId: uuid("room_id").references(() => meetingRooms.id),
    status: meetingStatus("status").notNull().default("scheduled"),
    cancelReason: text("cancel_reason").notNull().default(""),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("meetings_unit_time_idx").on(t.unitId, t.startsAt),
    index("meetings_time_idx").on(t.startsAt),
    uniqueIndex("meetings_occurrence_key").on(t.seriesId, t.occurrenceDate).where(sql`${t.seriesId} is not null`),
    check("meetings_end_after_start", sql`${t.endsAt} > ${t.startsAt}`),
    check("meetings_occurrence", sql`(${t.seriesId} is null) = (${t.occurrenceDate} is null)`),
  ],
);

/** The agenda, in order. */
export const meetingAgendaItems = pgTable(
  "meeting_agenda_items",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    meetingId: uuid("meeting_id")
      .notNull()
      .references(() => meetings.id, { onDelete: "cascade" }),
    position: smallint("position").notNull(),
    title: text("title").notNull(),
    presenter: text("presenter").notNull().default(""),
    durationMinutes: integer("duration_minutes"),
  },
  (t) => [uniqueIndex("meeting_agenda_items_position").on(t.meetingId, t.position)],
);

/** Documents (from the documents register) put before the meeting. */
export const meetingDocuments = pgTable(
  "meeting_documents",
  {
    meetingId: uuid("meeting_id")
      .notNull()
      .references(() => meetings.id, { onDelete: "cascade" }),
    documentId: uuid("document_id")
      .notNull()
      .references(() => documents.id),
  },
  (t) => [primaryKey({ columns: [t.meetingId, t.documentId] })],
);

/** Who takes part: a person, or a whole unit (whose accounts are invited). */
export const meetingParticipants = pgTable(
  "meeting_participants",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    meetingId: uuid("meeting_id")
      .notNull()
      .references(() => meetings.id, { onDelete: "cascade" }),
    userId: uuid("user_id").references(() => users.id),
    unitId: uuid("unit_id").references(() => units.id),
  },
  (t) => [
    uniqueIndex("meeting_participants_user").on(t.meetingId, t.userId).where(sql`${t.userId} is not null`),
    uniqueIndex("meeting_participants_unit").on(t.meetingId, t.unitId).where(sql`${t.unitId} is not null`),
    check("meeting_participants_one", sql`(${t.userId} is null) <> (${t.unitId} is null)`),
  ],
);

export const invitationReply = pgEnum("invitation_reply", ["pending", "attend", "decline", "deputy"]);

/** One person's invitation: their reply (attend, decline, send a deputy) and whether they came. */
export const meetingInvitations = pgTable(
  "meeting_invitations",
  {
    meetingId: uuid("meeting_id")
      .notNull()
      .references(() => meetings.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    reply: invitationReply("reply").notNull().default("pending"),
    deputyName: text("deputy_name").notNull().default(""),
    note: text("note").notNull().default(""),
    repliedAt: timestamp("replied_at", { withTimezone: true }),
    /** Taken during the meeting: null until then. */
    attended: boolean("attended"),
    attendanceBy: uuid("attendance_by").references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.meetingId, t.userId] }), index("meeting_invitations_user_idx").on(t.userId)],
);

export const bookingStatus = pgEnum("room_booking_status", ["pending", "approved", "rejected", "cancelled"]);

/**
 * A room held for a time. The database refuses two live bookings (pending or approved) of one
 * room that overlap: an exclusion constraint over the time range (drizzle/0018), so two requests
 * at the same moment cannot both win.
 */
export const roomBookings = pgTable(
  "room_bookings",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    roomId: uuid("room_id")
      .notNull()
      .references(() => meetingRooms.id),
    meetingId: uuid("meeting_id").references(() => meetings.id, { onDelete: "cascade" }),
    /** The unit asking (its office sees the request). */
    unitId: uuid("unit_id")
      .notNull()
      .references(() => units.id),
    title: text("title").notNull(),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
    status: bookingStatus("status").notNull().default("pending"),
    requestedBy: uuid("requested_by").references(() => users.id),
    decidedBy: uuid("decided_by").references(() => users.id),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    note: text("note").notNull().default(""),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("room_bookings_room_time_idx").on(t.roomId, t.startsAt),
    index("room_bookings_meeting_idx").on(t.meetingId),
    check("room_bookings_end_after_start", sql`${t.endsAt} > ${t.startsAt}`),
  ],
);

export const minutesStatus = pgEnum("meeting_minutes_status", ["draft", "approved"]);

/** Biên bản: written from the template, approved by the chair, then kept as a document record. */
export const meetingMinutes = pgTable("meeting_minutes", {
  meetingId: uuid("meeting_id")
    .primaryKey()
    .references(() => meetings.id, { onDelete: "cascade" }),
  version: integer("version").notNull().default(1),
  body: text("body").notNull(),
  status: minutesStatus("status").notNull().default("draft"),
  writtenBy: uuid("written_by").references(() => users.id),
  approvedBy: uuid("approved_by").references(() => users.id),
  approvedAt: timestamp("approved_at", { withTimezone: true }),
  documentId: uuid("document_id").references(() => documents.id),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** A personal calendar feed address: the token is shown once, only its hash is kept; revoking ends it. */
export const calendarTokens = pgTable(
  "calendar_tokens",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    tokenHash: text("token_hash").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("calendar_tokens_hash_key").on(t.tokenHash), index("calendar_tokens_user_idx").on(t.userId)],
);

export const reminderKind = pgEnum("meeting_reminder_kind", ["day_before", "thirty_minutes"]);

/** A reminder that went out: the key makes it once per person, meeting and kind, whichever instance sends. */
export const meetingReminders = pgTable(
  "meeting_reminders",
  {
    meetingId: uuid("meeting_id")
      .notNull()
      .references(() => meetings.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    kind: reminderKind("kind").notNull(),
    sentAt: timestamp("sent_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.meetingId, t.userId, t.kind] })],
);

export type MeetingRoom = typeof meetingRooms.$inferSelect;
export type MeetingSeries = typeof meetingSeries.$inferSelect;
export type Meeting = typeof meetings.$inferSelect;
export type RoomBooking = typeof roomBookings.$inferSelect;
