import { and, asc, desc, eq, gte, isNull, lt, or, sql } from "drizzle-orm";
import {
  meetingAgendaItems,
  meetingParticipants,
  meetingRooms,
  meetings,
  meetingSeries,
  meetingSeriesExceptions,
  units,
  type Meeting,
  type MeetingRoom,
  type MeetingSeries,
} from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { ConflictError, DomainError, InvalidInputError, NotFoundError } from "@/lib/auth/errors";
import { holdsPermission, inScope, pathInScope, requirePermission, type Scope } from "@/lib/auth/guard";
import { recordAudit } from "@/lib/audit/service";
import type { Db } from "@/lib/db";
import { addDays, formatDate, todayInVietnam } from "@/lib/i18n/format";
import { findUnitInScope } from "@/lib/org/units";
import { findBookableRoom } from "./bookings";
import { expandSeries, InvalidRecurrence, parseRule } from "./recurrence";
import { onlineRoomUrl } from "./rooms";
import type { AgendaItemInput, ChangeSeriesFromInput, CreateSeriesInput } from "./schemas";
import { bookForMeeting, checkParticipants, releaseBookings, writeMeetingDetails, type Participants } from "./service";

/*
 * Series: the rule is kept, and its occurrences are kept as meetings rows for the next twelve weeks
 * (each with its participants, invitations and room booking), moved on daily by the job
 * "meetings.materialise". A series' template for new occurrences is its latest occurrence.
 */

/** How far ahead occurrences are kept as meetings. */
export const HORIZON_DAYS = 84;

const later = (a: string, b: string) => (a > b ? a : b);

export interface SeriesTemplate extends Participants {
  agenda: AgendaItemInput[];
}

export interface OccurrenceConflict {
  occurrenceDate: string;
  startsAt: string;
  details: unknown;
}

function checkRule(rrule: string) {
  try {
    parseRule(rrule);
  } catch (error) {
    if (error instanceof InvalidRecurrence) throw new InvalidInputError({ rrule: "meeting.invalidRecurrence" }, "meeting.invalidRecurrence");
    throw error;
  }
}

/**
 * Keeps the series' occurrences up to `until` as meetings (those already kept stay as they are),
 * each with the template's agenda, participants and invitations, and the room booked. Slots the
 * room cannot give are returned; the caller decides whether that refuses everything.
 */
async function materialise(tx: Db, actor: Actor | null, series: MeetingSeries, until: string, template: SeriesTemplate, now = new Date()) {
  const from = later(series.materialisedUntil ? addDays(series.materialisedUntil, 1) : series.startsOn, todayInVietnam(now));
  const conflicts: OccurrenceConflict[] = [];
  const created: Meeting[] = [];
  if (from <= until) {
    const exceptions = await tx.select().from(meetingSeriesExceptions).where(eq(meetingSeriesExceptions.seriesId, series.id));
    const occurrences = expandSeries(series, from, until, exceptions).filter((o) => o.startsAt > now);
    const room: MeetingRoom | null = series.roomId ? ((await tx.select().from(meetingRooms).where(eq(meetingRooms.id, series.roomId)))[0] ?? null) : null;
    const unitPaths = template.unitIds.length
      ? (await tx.select({ path: units.path }).from(units).where(sql`${units.id} in (${sql.join(template.unitIds.map((id) => sql`${id}::uuid`), sql`, `)})`)).map((u) => u.path)
      : [];
    for (const occurrence of occurrences) {
      const [meeting] = await tx
        .insert(meetings)
        .values({
          unitId: series.unitId,
          seriesId: series.id,
          occurrenceDate: occurrence.occurrenceDate,
          title: series.title,
          chairId: series.chairId,
          startsAt: occurrence.startsAt,
          endsAt: occurrence.endsAt,
          roomId: room?.id ?? null,
          createdBy: series.createdBy,
        })
        .onConflictDoNothing()
        .returning();
      // Already kept (a second run of the job, or another instance): left as it is.
      if (!meeting) continue;
      created.push(meeting);
      await writeMeetingDetails(tx, meeting.id, { ...template, chairId: series.chairId, unitPaths });
      if (!room || !actor) continue;
      try {
        await bookForMeeting(tx, actor, room, meeting);
      } catch (error) {
        if (!(error instanceof DomainError) || error.code !== "conflict") throw error;
        conflicts.push({ occurrenceDate: occurrence.occurrenceDate, startsAt: occurrence.startsAt.toISOString(), details: error.details });
      }
    }
  }
  let materialisedUntil = series.materialisedUntil;
  if (!materialisedUntil || materialisedUntil < until) {
    await tx.update(meetingSeries).set({ materialisedUntil: until }).where(eq(meetingSeries.id, series.id));
    materialisedUntil = until;
  }
  return { created, conflicts, series: { ...series, materialisedUntil } };
}

function refuseConflicts(conflicts: OccurrenceConflict[]) {
  if (conflicts.length === 0) return;
  const dates = conflicts.map((c) => formatDate(c.occurrenceDate)).join(", ");
  throw new ConflictError("meeting.seriesConflict", { roomId: "meeting.seriesConflict" }, { values: { dates }, details: { conflicts } });
}

export async function createSeries(db: Db, actor: Actor | null, input: CreateSeriesInput, now = new Date()) {
  const scope = requirePermission(actor, "meeting.manage");
  checkRule(input.rrule);
  const today = todayInVietnam(now);
  if (input.startsOn < today) throw new InvalidInputError({ startsOn: "meeting.startInPast" });
  return db.transaction(async (tx) => {
    const unit = await findUnitInScope(tx, input.unitId, scope);
    const template: SeriesTemplate = { chairId: input.chairId, userIds: input.participantUserIds, unitIds: input.participantUnitIds, agenda: input.agenda };
    await checkParticipants(tx, scope, template);
    const room = input.roomId ? await findBookableRoom(tx, scope, input.roomId) : null;
    const [series] = await tx
      .insert(meetingSeries)
      .values({
        unitId: unit.id,
        title: input.title,
        rrule: input.rrule.replace(/^RRULE:/i, ""),
        startsOn: input.startsOn,
        startTime: input.startTime,
        durationMinutes: input.durationMinutes,
        roomId: room?.id ?? null,
        chairId: input.chairId,
        createdBy: actor!.userId,
      })
      .returning();
    const { created, conflicts, series: kept } = await materialise(tx, actor, series!, addDays(later(today, input.startsOn), HORIZON_DAYS - 1), template, now);
    refuseConflicts(conflicts);
    await recordAudit(tx, actor, {
      action: "meeting.createSeries",
      entityType: "meeting_series",
      entityId: series!.id,
      unitId: unit.id,
      changes: { title: { to: input.title }, rrule: { to: series!.rrule }, startsOn: { to: input.startsOn }, startTime: { to: input.startTime }, occurrences: { to: created.length } },
    });
    return { series: kept, meetings: created };
  });
}

/** A series the actor manages, locked; outside the scope it is not there. */
async function findManagedSeries(db: Db, scope: Scope, id: string) {
  const [row] = await db
    .select({ series: meetingSeries })
    .from(meetingSeries)
    .innerJoin(units, eq(units.id, meetingSeries.unitId))
    .where(and(eq(meetingSeries.id, id), inScope(units.path, scope)))
    .for("update", { of: meetingSeries });
  if (!row) throw new NotFoundError("meeting.seriesNotFound");
  return row.series;
}

/** The day must be one the rule gives (before any exception), and not already past. */
function checkOccurrenceDay(series: MeetingSeries, day: string, now: Date) {
  if (expandSeries(series, day, day).length !== 1) throw new InvalidInputError({ occurrenceDate: "meeting.notAnOccurrence" });
  if (day < todayInVietnam(now)) throw new InvalidInputError({ occurrenceDate: "meeting.startInPast" });
}

async function occurrenceRow(tx: Db, seriesId: string, day: string) {
  const [row] = await tx
    .select()
    .from(meetings)
    .where(and(eq(meetings.seriesId, seriesId), eq(meetings.occurrenceDate, day)))
    .for("update");
  return row ?? null;
}

/** One date left out (Tết, a holiday): its meeting is cancelled and its room released. */
export async function skipOccurrence(db: Db, actor: Actor | null, input: { seriesId: string; occurrenceDate: string; reason: string }, now = new Date()) {
  const scope = requirePermission(actor, "meeting.manage");
  return db.transaction(async (tx) => {
    const series = await findManagedSeries(tx, scope, input.seriesId);
    checkOccurrenceDay(series, input.occurrenceDate, now);
    await tx
      .insert(meetingSeriesExceptions)
      .values({ seriesId: series.id, occurrenceDate: input.occurrenceDate, kind: "skip", reason: input.reason, createdBy: actor!.userId })
      .onConflictDoUpdate({ target: [meetingSeriesExceptions.seriesId, meetingSeriesExceptions.occurrenceDate], set: { kind: "skip", startsAt: null, endsAt: null, reason: input.reason } });
    const meeting = await occurrenceRow(tx, series.id, input.occurrenceDate);
    if (meeting) {
      await tx
        .update(meetings)
        .set({ status: "cancelled", cancelReason: input.reason, version: sql`${meetings.version} + 1`, updatedAt: new Date() })
        .where(eq(meetings.id, meeting.id));
      await releaseBookings(tx, meeting.id);
    }
    await recordAudit(tx, actor, {
      action: "meeting.skipOccurrence",
      entityType: "meeting_series",
      entityId: series.id,
      unitId: series.unitId,
      changes: { occurrenceDate: { to: input.occurrenceDate }, reason: { to: input.reason } },
    });
    return { seriesId: series.id, meetingId: meeting?.id ?? null };
  });
}

/** One date held at another time: the meeting and its booking move with it (a taken slot refuses the move). */
export async function moveOccurrence(db: Db, actor: Actor | null, input: { seriesId: string; occurrenceDate: string; startsAt: Date; endsAt: Date }, now = new Date()) {
  const scope = requirePermission(actor, "meeting.manage");
  if (input.endsAt <= input.startsAt) throw new InvalidInputError({ endTime: "meeting.endBeforeStart" });
  if (input.startsAt < now) throw new InvalidInputError({ date: "meeting.startInPast" });
  return db.transaction(async (tx) => {
    const series = await findManagedSeries(tx, scope, input.seriesId);
    checkOccurrenceDay(series, input.occurrenceDate, now);
    await tx
      .insert(meetingSeriesExceptions)
      .values({ seriesId: series.id, occurrenceDate: input.occurrenceDate, kind: "move", startsAt: input.startsAt, endsAt: input.endsAt, createdBy: actor!.userId })
      .onConflictDoUpdate({ target: [meetingSeriesExceptions.seriesId, meetingSeriesExceptions.occurrenceDate], set: { kind: "move", startsAt: input.startsAt, endsAt: input.endsAt } });
    const meeting = await occurrenceRow(tx, series.id, input.occurrenceDate);
    if (meeting) {
      const [moved] = await tx
        .update(meetings)
        .set({ startsAt: input.startsAt, endsAt: input.endsAt, status: "scheduled", cancelReason: "", version: sql`${meetings.version} + 1`, updatedAt: new Date() })
        .where(eq(meetings.id, meeting.id))
        .returning();
      await releaseBookings(tx, meeting.id);
      if (meeting.roomId) {
        const [room] = await tx.select().from(meetingRooms).where(eq(meetingRooms.id, meeting.roomId));
        if (room) await bookForMeeting(tx, actor!, room, moved!);
      }
    }
    await recordAudit(tx, actor, {
      action: "meeting.moveOccurrence",
      entityType: "meeting_series",
      entityId: series.id,
      unitId: series.unitId,
      changes: { occurrenceDate: { to: input.occurrenceDate }, startsAt: { from: meeting?.startsAt.toISOString() ?? null, to: input.startsAt.toISOString() } },
    });
    return { seriesId: series.id, meetingId: meeting?.id ?? null };
  });
}

/** The agenda and participants of the series' latest occurrence (before a day, if given). */
async function templateOf(db: Db, series: MeetingSeries, before?: string): Promise<SeriesTemplate> {
  const [latest] = await db
    .select({ id: meetings.id })
    .from(meetings)
    .where(and(eq(meetings.seriesId, series.id), before ? lt(meetings.occurrenceDate, before) : undefined))
    .orderBy(desc(meetings.occurrenceDate))
    .limit(1);
  if (!latest) return { chairId: series.chairId, userIds: [], unitIds: [], agenda: [] };
  const [agenda, people] = await Promise.all([
    db.select().from(meetingAgendaItems).where(eq(meetingAgendaItems.meetingId, latest.id)).orderBy(asc(meetingAgendaItems.position)),
    db.select().from(meetingParticipants).where(eq(meetingParticipants.meetingId, latest.id)),
  ]);
  return {
    chairId: series.chairId,
    userIds: people.flatMap((p) => (p.userId ? [p.userId] : [])),
    unitIds: people.flatMap((p) => (p.unitId ? [p.unitId] : [])),
    agenda: agenda.map((a) => ({ title: a.title, presenter: a.presenter, durationMinutes: a.durationMinutes })),
  };
}

/**
 * "From this date onwards": the series ends the day before (its meetings from that day are removed)
 * and a new series continuing it starts on the day with the changes; a room that cannot be had for
 * every occurrence refuses the whole change.
 */
export async function changeSeriesFrom(db: Db, actor: Actor | null, input: ChangeSeriesFromInput, now = new Date()) {
  const scope = requirePermission(actor, "meeting.manage");
  checkRule(input.rrule);
  const today = todayInVietnam(now);
  return db.transaction(async (tx) => {
    const old = await findManagedSeries(tx, scope, input.seriesId);
    if (input.fromDate < today) throw new InvalidInputError({ fromDate: "meeting.startInPast" });
    if (input.fromDate <= old.startsOn) throw new InvalidInputError({ fromDate: "meeting.changeFromAfterStart" });
    if (old.endsOn && old.endsOn < input.fromDate) throw new InvalidInputError({ fromDate: "meeting.seriesEnded" });
    const template: SeriesTemplate = { chairId: input.chairId, userIds: input.participantUserIds, unitIds: input.participantUnitIds, agenda: input.agenda };
    await checkParticipants(tx, scope, template);
    const room = input.roomId ? await findBookableRoom(tx, scope, input.roomId) : null;
    const lastDay = addDays(input.fromDate, -1);
    await tx
      .update(meetingSeries)
      .set({ endsOn: lastDay, materialisedUntil: old.materialisedUntil && old.materialisedUntil < lastDay ? old.materialisedUntil : lastDay })
      .where(eq(meetingSeries.id, old.id));
    // Their bookings, agenda and invitations go with them (on delete cascade).
    await tx.delete(meetings).where(and(eq(meetings.seriesId, old.id), gte(meetings.occurrenceDate, input.fromDate)));
    const [next] = await tx
      .insert(meetingSeries)
      .values({
        unitId: old.unitId,
        title: input.title,
        rrule: input.rrule.replace(/^RRULE:/i, ""),
        startsOn: input.fromDate,
        startTime: input.startTime,
        durationMinutes: input.durationMinutes,
        timeZone: old.timeZone,
        endsOn: old.endsOn,
        roomId: room?.id ?? null,
        chairId: input.chairId,
        continuesId: old.id,
        createdBy: actor!.userId,
      })
      .returning();
    // Days already skipped or moved ahead (Tết) stay so in the continuing series.
    const ahead = await tx
      .select()
      .from(meetingSeriesExceptions)
      .where(and(eq(meetingSeriesExceptions.seriesId, old.id), gte(meetingSeriesExceptions.occurrenceDate, input.fromDate)));
    if (ahead.length > 0) {
      await tx.insert(meetingSeriesExceptions).values(ahead.map(({ seriesId: _old, createdAt: _at, ...e }) => ({ ...e, seriesId: next!.id })));
    }
    const { created, conflicts, series: kept } = await materialise(tx, actor, next!, addDays(later(today, input.fromDate), HORIZON_DAYS - 1), template, now);
    refuseConflicts(conflicts);
    await recordAudit(tx, actor, {
      action: "meeting.changeSeriesFrom",
      entityType: "meeting_series",
      entityId: next!.id,
      unitId: old.unitId,
      changes: {
        continues: { to: old.id },
        fromDate: { to: input.fromDate },
        rrule: { from: old.rrule, to: next!.rrule },
        startTime: { from: old.startTime, to: input.startTime },
        durationMinutes: { from: old.durationMinutes, to: input.durationMinutes },
      },
    });
    return { series: kept, meetings: created };
  });
}

/** Who books rooms for occurrences the daily job adds: the series' author (their name on the request). */
function authorAsActor(series: MeetingSeries): Actor | null {
  if (!series.createdBy) return null;
  return { userId: series.createdBy, username: "", fullName: "", homeUnitId: series.unitId, mustChangePassword: false, roles: [], assignments: [], activeUnitId: null, ip: null };
}

/**
 * The daily job: every open series kept twelve weeks ahead. Running it twice, or on two instances
 * at once, adds nothing twice (the series row is locked, and (series, day) is unique). An
 * occurrence whose room is taken is kept without the room.
 */
export async function materialiseOpenSeries(db: Db, now = new Date()): Promise<{ series: number; created: number; withoutRoom: number }> {
  const today = todayInVietnam(now);
  const until = addDays(today, HORIZON_DAYS - 1);
  const open = await db
    .select({ id: meetingSeries.id })
    .from(meetingSeries)
    .where(and(or(isNull(meetingSeries.endsOn), gte(meetingSeries.endsOn, today)), or(isNull(meetingSeries.materialisedUntil), lt(meetingSeries.materialisedUntil, until))));
  let created = 0;
  let withoutRoom = 0;
  for (const { id } of open) {
    await db.transaction(async (tx) => {
      const [series] = await tx.select().from(meetingSeries).where(eq(meetingSeries.id, id)).for("update");
      if (!series || (series.materialisedUntil && series.materialisedUntil >= until)) return;
      const result = await materialise(tx, authorAsActor(series), series, until, await templateOf(tx, series), now);
      created += result.created.length;
      for (const conflict of result.conflicts) {
        await tx.update(meetings).set({ roomId: null }).where(and(eq(meetings.seriesId, series.id), eq(meetings.occurrenceDate, conflict.occurrenceDate)));
        withoutRoom += 1;
      }
    });
  }
  return { series: open.length, created, withoutRoom };
}

/** A series with its occurrences from a day on, its exceptions and the series it continues or is continued by. */
export async function getSeries(db: Db, actor: Actor | null, id: string, options: { from?: string } = {}) {
  const scope = requirePermission(actor, "meeting.read");
  const [row] = await db
    .select({ series: meetingSeries, unitName: units.name, unitPath: units.path, room: meetingRooms })
    .from(meetingSeries)
    .innerJoin(units, eq(units.id, meetingSeries.unitId))
    .leftJoin(meetingRooms, eq(meetingRooms.id, meetingSeries.roomId))
    .where(and(eq(meetingSeries.id, id), inScope(units.path, scope)));
  if (!row) throw new NotFoundError("meeting.seriesNotFound");
  const from = options.from ?? addDays(todayInVietnam(), -28);
  const [occurrences, exceptions, continuedBy] = await Promise.all([
    db
      .select({ id: meetings.id, occurrenceDate: meetings.occurrenceDate, startsAt: meetings.startsAt, endsAt: meetings.endsAt, status: meetings.status, cancelReason: meetings.cancelReason })
      .from(meetings)
      .where(and(eq(meetings.seriesId, id), gte(meetings.occurrenceDate, from)))
      .orderBy(asc(meetings.occurrenceDate)),
    db.select().from(meetingSeriesExceptions).where(eq(meetingSeriesExceptions.seriesId, id)).orderBy(asc(meetingSeriesExceptions.occurrenceDate)),
    db.select({ id: meetingSeries.id, startsOn: meetingSeries.startsOn }).from(meetingSeries).where(eq(meetingSeries.continuesId, id)),
  ]);
  const manage = holdsPermission(actor, "meeting.manage") ? requirePermission(actor, "meeting.manage") : null;
  return {
    ...row.series,
    unitName: row.unitName,
    room: row.room ? { id: row.room.id, name: row.room.name, kind: row.room.kind } : null,
    onlineUrl: row.room?.onlineSlug ? onlineRoomUrl(row.room.onlineSlug) : null,
    occurrences,
    exceptions,
    continuedBy: continuedBy[0] ?? null,
    template: await templateOf(db, row.series),
    canManage: manage !== null && pathInScope(row.unitPath, manage),
  };
}
export type SeriesDetail = Awaited<ReturnType<typeof getSeries>>;

/** The series of the actor's units, newest first, for the meetings page. */
export async function listSeries(db: Db, actor: Actor | null) {
  const scope = requirePermission(actor, "meeting.read");
  return db
    .select({ id: meetingSeries.id, title: meetingSeries.title, rrule: meetingSeries.rrule, startTime: meetingSeries.startTime, startsOn: meetingSeries.startsOn, endsOn: meetingSeries.endsOn, unitName: units.name })
    .from(meetingSeries)
    .innerJoin(units, eq(units.id, meetingSeries.unitId))
    .where(and(inScope(units.path, scope), or(isNull(meetingSeries.endsOn), gte(meetingSeries.endsOn, todayInVietnam()))))
    .orderBy(desc(meetingSeries.createdAt))
    .limit(200);
}
