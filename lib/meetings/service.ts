import { and, asc, eq, gte, inArray, isNull, lt, or, sql, type SQL } from "drizzle-orm";
import {
  documents,
  meetingAgendaItems,
  meetingDocuments,
  meetingInvitations,
  meetingParticipants,
  meetingRooms,
  meetings,
  meetingSeriesExceptions,
  roomBookings,
  units,
  users,
  type Meeting,
  type MeetingRoom,
} from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { ConflictError, InvalidInputError, NotFoundError, UnauthenticatedError } from "@/lib/auth/errors";
import { holdsPermission, inScope, pathInScope, requirePermission, type Scope } from "@/lib/auth/guard";
import { recordAudit } from "@/lib/audit/service";
import type { Db } from "@/lib/db";
import { outer } from "@/lib/db/sql";
import { publiclyVisible } from "@/lib/documents/service";
import { findUnitInScope } from "@/lib/org/units";
import { bookRoomInTx, findBookableRoom } from "./bookings";
import { zonedParts } from "./recurrence";
import { onlineRoomUrl } from "./rooms";
import type { AgendaItemInput, CreateMeetingInput, UpdateMeetingInput } from "./schemas";

/*
 * Meetings on their own, and what series occurrences share with them: who takes part (people and
 * whole units, each unit's active accounts invited), the agenda, the documents and the room.
 */

export interface Participants {
  chairId: string | null;
  userIds: string[];
  unitIds: string[];
}

/**
 * The chair and participants, each inside the scope the actor manages meetings in; a unit or a
 * person outside it is named next to its field (an invitation is not a way to reach other provinces).
 */
export async function checkParticipants(db: Db, scope: Scope, input: Participants): Promise<{ unitPaths: string[] }> {
  const userIds = [...new Set([...input.userIds, ...(input.chairId ? [input.chairId] : [])])];
  if (userIds.length > 0) {
    const found = await db
      .select({ id: users.id })
      .from(users)
      .innerJoin(units, eq(units.id, users.homeUnitId))
      .where(and(inArray(users.id, userIds), isNull(users.disabledAt), inScope(units.path, scope)));
    const ok = new Set(found.map((u) => u.id));
    if (input.chairId && !ok.has(input.chairId)) throw new InvalidInputError({ chairId: "meeting.chairNotFound" });
    if (input.userIds.some((id) => !ok.has(id))) throw new InvalidInputError({ participantUserIds: "meeting.participantOutside" });
  }
  const unitIds = [...new Set(input.unitIds)];
  if (unitIds.length === 0) return { unitPaths: [] };
  const found = await db.select({ id: units.id, path: units.path }).from(units).where(and(inArray(units.id, unitIds), inScope(units.path, scope)));
  if (found.length !== unitIds.length) throw new InvalidInputError({ participantUnitIds: "meeting.participantOutside" });
  return { unitPaths: found.map((u) => u.path) };
}

/** Who is invited: the chair, each person named, and every active account whose home unit lies under an invited unit. */
async function invitees(db: Db, input: Participants, unitPaths: string[]): Promise<string[]> {
  const ids = new Set([...input.userIds, ...(input.chairId ? [input.chairId] : [])]);
  if (unitPaths.length > 0) {
    const under = await db
      .select({ id: users.id })
      .from(users)
      .innerJoin(units, eq(units.id, users.homeUnitId))
      .where(and(isNull(users.disabledAt), sql`(${sql.join(unitPaths.map((p) => sql`${units.path} <@ ${p}::ltree`), sql` or `)})`));
    for (const u of under) ids.add(u.id);
  }
  return [...ids];
}

async function insertParticipants(db: Db, meetingId: string, input: Participants) {
  const rows: (typeof meetingParticipants.$inferInsert)[] = [
    ...[...new Set(input.userIds)].map((userId) => ({ meetingId, userId })),
    ...[...new Set(input.unitIds)].map((unitId) => ({ meetingId, unitId })),
  ];
  if (rows.length > 0) await db.insert(meetingParticipants).values(rows);
}

/** A new meeting's agenda, participants and invitations (the participants already checked). */
export async function writeMeetingDetails(db: Db, meetingId: string, input: Participants & { agenda: AgendaItemInput[]; unitPaths: string[] }) {
  if (input.agenda.length > 0) {
    await db.insert(meetingAgendaItems).values(
      input.agenda.map((item, i) => ({ meetingId, position: i + 1, title: item.title, presenter: item.presenter, durationMinutes: item.durationMinutes })),
    );
  }
  await insertParticipants(db, meetingId, input);
  const invited = await invitees(db, input, input.unitPaths);
  if (invited.length > 0) await db.insert(meetingInvitations).values(invited.map((userId) => ({ meetingId, userId }))).onConflictDoNothing();
}

/** The invitations brought in line with new participants: newcomers invited, replies of those still invited kept. */
async function reinvite(db: Db, meetingId: string, input: Participants & { unitPaths: string[] }) {
  await db.delete(meetingParticipants).where(eq(meetingParticipants.meetingId, meetingId));
  await insertParticipants(db, meetingId, input);
  const invited = await invitees(db, input, input.unitPaths);
  await db
    .delete(meetingInvitations)
    .where(and(eq(meetingInvitations.meetingId, meetingId), invited.length > 0 ? sql`${meetingInvitations.userId} not in (${sql.join(invited.map((id) => sql`${id}::uuid`), sql`, `)})` : undefined));
  if (invited.length > 0) await db.insert(meetingInvitations).values(invited.map((userId) => ({ meetingId, userId }))).onConflictDoNothing();
}

/** Documents the actor may read (their units' and public ones); any other id is named next to the field. */
async function checkDocuments(db: Db, actor: Actor | null, ids: string[]): Promise<string[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  if (!holdsPermission(actor, "document.read")) throw new InvalidInputError({ documentIds: "meeting.documentNotFound" });
  const scope = requirePermission(actor, "document.read");
  const found = await db
    .select({ id: documents.id })
    .from(documents)
    .innerJoin(units, eq(units.id, documents.unitId))
    .where(and(inArray(documents.id, unique), or(inScope(units.path, scope), publiclyVisible)));
  if (found.length !== unique.length) throw new InvalidInputError({ documentIds: "meeting.documentNotFound" });
  return unique;
}

/** Live bookings of a meeting released (the meeting was cancelled, moved or given another room). */
export async function releaseBookings(db: Db, meetingId: string) {
  await db
    .update(roomBookings)
    .set({ status: "cancelled" })
    .where(and(eq(roomBookings.meetingId, meetingId), inArray(roomBookings.status, ["pending", "approved"])));
}

/** Books the meeting's room for its time, a refusal named next to the time. */
export async function bookForMeeting(db: Db, actor: Actor, room: MeetingRoom, meeting: Pick<Meeting, "id" | "unitId" | "title" | "startsAt" | "endsAt">) {
  return bookRoomInTx(db, actor, room, { unitId: meeting.unitId, title: meeting.title, startsAt: meeting.startsAt, endsAt: meeting.endsAt, meetingId: meeting.id });
}

function checkTimes(startsAt: Date, endsAt: Date, now = new Date()) {
  if (endsAt <= startsAt) throw new InvalidInputError({ endsAt: "meeting.endBeforeStart" });
  if (startsAt < now) throw new InvalidInputError({ startsAt: "meeting.startInPast" });
}

export async function createMeeting(db: Db, actor: Actor | null, input: CreateMeetingInput) {
  const scope = requirePermission(actor, "meeting.manage");
  checkTimes(input.startsAt, input.endsAt);
  return db.transaction(async (tx) => {
    const unit = await findUnitInScope(tx, input.unitId, scope);
    const participants = { chairId: input.chairId, userIds: input.participantUserIds, unitIds: input.participantUnitIds };
    const { unitPaths } = await checkParticipants(tx, scope, participants);
    const documentIds = await checkDocuments(tx, actor, input.documentIds);
    const room = input.roomId ? await findBookableRoom(tx, scope, input.roomId) : null;
    const [meeting] = await tx
      .insert(meetings)
      .values({ unitId: unit.id, title: input.title, chairId: input.chairId, startsAt: input.startsAt, endsAt: input.endsAt, roomId: room?.id ?? null, createdBy: actor!.userId })
      .returning();
    await writeMeetingDetails(tx, meeting!.id, { ...participants, agenda: input.agenda, unitPaths });
    if (documentIds.length > 0) await tx.insert(meetingDocuments).values(documentIds.map((documentId) => ({ meetingId: meeting!.id, documentId })));
    if (room) await bookForMeeting(tx, actor!, room, meeting!);
    await recordAudit(tx, actor, {
      action: "meeting.create",
      entityType: "meeting",
      entityId: meeting!.id,
      unitId: unit.id,
      changes: { title: { to: input.title }, startsAt: { to: input.startsAt.toISOString() }, room: { to: room?.name ?? null } },
    });
    return meeting!;
  });
}

/** A meeting the actor manages, locked for a change; outside the scope it is not there. */
async function findManagedMeeting(db: Db, scope: Scope, id: string) {
  const [row] = await db
    .select({ meeting: meetings })
    .from(meetings)
    .innerJoin(units, eq(units.id, meetings.unitId))
    .where(and(eq(meetings.id, id), inScope(units.path, scope)))
    .for("update", { of: meetings });
  if (!row) throw new NotFoundError("meeting.notFound");
  return row.meeting;
}

/** What updateMeeting accepts besides the scope: anything but a cancelled meeting (an ended one keeps its times). */
export const isEditable = (meeting: Pick<Meeting, "status">) => meeting.status !== "cancelled";

export async function updateMeeting(db: Db, actor: Actor | null, input: UpdateMeetingInput) {
  const scope = requirePermission(actor, "meeting.manage");
  return db.transaction(async (tx) => {
    const current = await findManagedMeeting(tx, scope, input.id);
    if (current.version !== input.version) throw new ConflictError("meeting.changedMeanwhile");
    if (!isEditable(current)) throw new ConflictError("meeting.alreadyCancelled");
    const timeChanged = current.startsAt.getTime() !== input.startsAt.getTime() || current.endsAt.getTime() !== input.endsAt.getTime();
    if (timeChanged) checkTimes(input.startsAt, input.endsAt);
    const participants = { chairId: input.chairId, userIds: input.participantUserIds, unitIds: input.participantUnitIds };
    const { unitPaths } = await checkParticipants(tx, scope, participants);
    const documentIds = await checkDocuments(tx, actor, input.documentIds);
    const room = input.roomId ? await findBookableRoom(tx, scope, input.roomId) : null;
    const [meeting] = await tx
      .update(meetings)
      .set({ title: input.title, chairId: input.chairId, startsAt: input.startsAt, endsAt: input.endsAt, roomId: room?.id ?? null, version: sql`${meetings.version} + 1`, updatedAt: new Date() })
      .where(eq(meetings.id, current.id))
      .returning();
    await tx.delete(meetingAgendaItems).where(eq(meetingAgendaItems.meetingId, current.id));
    if (input.agenda.length > 0) {
      await tx.insert(meetingAgendaItems).values(input.agenda.map((a, i) => ({ meetingId: current.id, position: i + 1, title: a.title, presenter: a.presenter, durationMinutes: a.durationMinutes })));
    }
    await tx.delete(meetingDocuments).where(eq(meetingDocuments.meetingId, current.id));
    if (documentIds.length > 0) await tx.insert(meetingDocuments).values(documentIds.map((documentId) => ({ meetingId: current.id, documentId })));
    await reinvite(tx, current.id, { ...participants, unitPaths });
    if (timeChanged || current.roomId !== (room?.id ?? null)) {
      await releaseBookings(tx, current.id);
      if (room) await bookForMeeting(tx, actor!, room, meeting!);
    }
    // An occurrence of a series moved by hand is the series' exception for that date.
    if (timeChanged && current.seriesId && current.occurrenceDate) {
      await tx
        .insert(meetingSeriesExceptions)
        .values({ seriesId: current.seriesId, occurrenceDate: current.occurrenceDate, kind: "move", startsAt: input.startsAt, endsAt: input.endsAt, createdBy: actor!.userId })
        .onConflictDoUpdate({ target: [meetingSeriesExceptions.seriesId, meetingSeriesExceptions.occurrenceDate], set: { kind: "move", startsAt: input.startsAt, endsAt: input.endsAt } });
    }
    await recordAudit(tx, actor, {
      action: "meeting.update",
      entityType: "meeting",
      entityId: current.id,
      unitId: current.unitId,
      changes: {
        title: { from: current.title, to: input.title },
        startsAt: { from: current.startsAt.toISOString(), to: input.startsAt.toISOString() },
      },
    });
    return meeting!;
  });
}

export async function cancelMeeting(db: Db, actor: Actor | null, input: { id: string; reason: string }) {
  const scope = requirePermission(actor, "meeting.manage");
  return db.transaction(async (tx) => {
    const current = await findManagedMeeting(tx, scope, input.id);
    if (current.status === "cancelled") throw new ConflictError("meeting.alreadyCancelled");
    const [meeting] = await tx
      .update(meetings)
      .set({ status: "cancelled", cancelReason: input.reason, version: sql`${meetings.version} + 1`, updatedAt: new Date() })
      .where(eq(meetings.id, current.id))
      .returning();
    await releaseBookings(tx, current.id);
    if (current.seriesId && current.occurrenceDate) {
      await tx
        .insert(meetingSeriesExceptions)
        .values({ seriesId: current.seriesId, occurrenceDate: current.occurrenceDate, kind: "skip", reason: input.reason, createdBy: actor!.userId })
        .onConflictDoUpdate({ target: [meetingSeriesExceptions.seriesId, meetingSeriesExceptions.occurrenceDate], set: { kind: "skip", startsAt: null, endsAt: null, reason: input.reason } });
    }
    await recordAudit(tx, actor, { action: "meeting.cancel", entityType: "meeting", entityId: current.id, unitId: current.unitId, changes: { status: { from: "scheduled", to: "cancelled" }, reason: { to: input.reason } } });
    return meeting!;
  });
}

/** The meeting-read scope, or none (an invited member without the permission still sees their meetings). */
function readScope(actor: Actor | null): Scope | null {
  if (!actor) throw new UnauthenticatedError();
  if (!holdsPermission(actor, "meeting.read")) return null;
  return requirePermission(actor, "meeting.read");
}

function manageScope(actor: Actor): Scope | null {
  return holdsPermission(actor, "meeting.manage") ? requirePermission(actor, "meeting.manage") : null;
}

/** Visible: a meeting of a unit in the read scope, or one the actor is invited to. */
function visibleTo(actor: Actor, scope: Scope | null): SQL {
  const invited = sql`exists (select 1 from meeting_invitations i where i.meeting_id = ${outer(meetings.id)} and i.user_id = ${actor.userId})`;
  return scope ? sql`(${inScope(units.path, scope)} or ${invited})` : invited;
}

const chairName = sql<string | null>`(select full_name from users where id = ${outer(meetings.chairId)})`;
const myReplyOf = (userId: string) => sql<"pending" | "attend" | "decline" | "deputy" | null>`(select reply from meeting_invitations i where i.meeting_id = ${outer(meetings.id)} and i.user_id = ${userId})`;

/** One meeting with everything its page shows; not found outside what the actor may see. */
export async function getMeeting(db: Db, actor: Actor | null, id: string) {
  const scope = readScope(actor);
  const [row] = await db
    .select({ meeting: meetings, unitName: units.name, unitPath: units.path, chairName, room: meetingRooms, myReply: myReplyOf(actor!.userId) })
    .from(meetings)
    .innerJoin(units, eq(units.id, meetings.unitId))
    .leftJoin(meetingRooms, eq(meetingRooms.id, meetings.roomId))
    .where(and(eq(meetings.id, id), visibleTo(actor!, scope)));
  if (!row) throw new NotFoundError("meeting.notFound");
  const [agenda, docs, people, groups, booking, counts] = await Promise.all([
    db.select().from(meetingAgendaItems).where(eq(meetingAgendaItems.meetingId, id)).orderBy(asc(meetingAgendaItems.position)),
    db
      .select({ id: documents.id, numberSymbol: documents.numberSymbol, abstract: documents.abstract, issuedOn: documents.issuedOn })
      .from(meetingDocuments)
      .innerJoin(documents, eq(documents.id, meetingDocuments.documentId))
      .where(eq(meetingDocuments.meetingId, id))
      .orderBy(asc(documents.issuedOn)),
    db
      .select({ id: users.id, fullName: users.fullName, unitName: units.name })
      .from(meetingParticipants)
      .innerJoin(users, eq(users.id, meetingParticipants.userId))
      .innerJoin(units, eq(units.id, users.homeUnitId))
      .where(eq(meetingParticipants.meetingId, id))
      .orderBy(asc(users.fullName)),
    db
      .select({ id: units.id, name: units.name })
      .from(meetingParticipants)
      .innerJoin(units, eq(units.id, meetingParticipants.unitId))
      .where(eq(meetingParticipants.meetingId, id))
      .orderBy(asc(units.path)),
    db
      .select({ status: roomBookings.status })
      .from(roomBookings)
      .where(and(eq(roomBookings.meetingId, id), inArray(roomBookings.status, ["pending", "approved"])))
      .limit(1),
    db.select({ invited: sql<number>`count(*)::int` }).from(meetingInvitations).where(eq(meetingInvitations.meetingId, id)),
  ]);
  const manage = manageScope(actor!);
  return {
    ...row.meeting,
    unitName: row.unitName,
    chairName: row.chairName,
    room: row.room ? { id: row.room.id, name: row.room.name, kind: row.room.kind, location: row.room.location } : null,
    onlineUrl: row.room?.onlineSlug ? onlineRoomUrl(row.room.onlineSlug) : null,
    bookingStatus: booking[0]?.status ?? null,
    agenda,
    documents: docs,
    participantUsers: people,
    participantUnits: groups,
    invitedCount: counts[0]?.invited ?? 0,
    myReply: row.myReply,
    canManage: manage !== null && pathInScope(row.unitPath, manage),
    /** Whether updateMeeting would take a change from the actor (the page's "Sửa" link). */
    canEdit: manage !== null && pathInScope(row.unitPath, manage) && isEditable(row.meeting),
  };
}
export type MeetingDetail = Awaited<ReturnType<typeof getMeeting>>;

/** A meeting as the list and the calendar show it. */
export interface MeetingListItem {
  id: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
  unitId: string;
  unitName: string;
  roomName: string | null;
  /** The join link of an online room, none for a physical one. */
  onlineUrl: string | null;
  status: "scheduled" | "cancelled";
  seriesId: string | null;
  /** The actor's reply when invited, null when not invited. */
  myReply: "pending" | "attend" | "decline" | "deputy" | null;
}

/**
 * Meetings starting in [from, to) that the actor may see (their units' and those they are invited
 * to), optionally of one unit and everything below it; a unit outside the scope is not found.
 */
export async function listMeetings(db: Db, actor: Actor | null, query: { from: Date; to: Date; unitId?: string | null; limit?: number }): Promise<MeetingListItem[]> {
  const scope = readScope(actor);
  let unitFilter: SQL | undefined;
  if (query.unitId) {
    if (!scope) throw new NotFoundError("unit.notFound");
    const unit = await findUnitInScope(db, query.unitId, scope);
    unitFilter = sql`${units.path} <@ ${unit.path}::ltree`;
  }
  const rows = await db
    .select({
      id: meetings.id,
      title: meetings.title,
      startsAt: meetings.startsAt,
      endsAt: meetings.endsAt,
      unitId: meetings.unitId,
      unitName: units.name,
      roomName: meetingRooms.name,
      onlineSlug: meetingRooms.onlineSlug,
      status: meetings.status,
      seriesId: meetings.seriesId,
      myReply: myReplyOf(actor!.userId),
    })
    .from(meetings)
    .innerJoin(units, eq(units.id, meetings.unitId))
    .leftJoin(meetingRooms, eq(meetingRooms.id, meetings.roomId))
    .where(and(gte(meetings.startsAt, query.from), lt(meetings.startsAt, query.to), visibleTo(actor!, scope), unitFilter))
    .orderBy(asc(meetings.startsAt), asc(meetings.id))
    .limit(query.limit ?? 1000);
  return rows.map(({ onlineSlug, ...r }) => ({ ...r, onlineUrl: onlineSlug ? onlineRoomUrl(onlineSlug) : null }));
}

/** For forms: the local day and times of an instant pair, as the form shows them. */
export function formTimes(startsAt: Date, endsAt: Date) {
  const start = zonedParts(startsAt);
  return { date: start.day, startTime: start.time, endTime: zonedParts(endsAt).time };
}

/** What the meeting and series forms offer: the actor's units, people, the rooms they may book and documents they may read. */
export async function meetingFormOptions(db: Db, actor: Actor | null) {
  const scope = requirePermission(actor, "meeting.manage");
  const ancestorOrInside = sql`(${inScope(units.path, scope)} or ${sql.join(scope.paths.map((p) => sql`${units.path} @> ${p}::ltree`), sql` or `)})`;
  const [unitRows, people, rooms, docs] = await Promise.all([
    db.select({ id: units.id, name: units.name, level: units.level }).from(units).where(and(inScope(units.path, scope), isNull(units.activeTo))).orderBy(units.path).limit(2000),
    db
      .select({ id: users.id, fullName: users.fullName, unitName: units.name })
      .from(users)
      .innerJoin(units, eq(units.id, users.homeUnitId))
      .where(and(inScope(units.path, scope), isNull(users.disabledAt)))
      .orderBy(asc(users.fullName))
      .limit(1000),
    db
      .select({ id: meetingRooms.id, name: meetingRooms.name, kind: meetingRooms.kind, unitName: units.name })
      .from(meetingRooms)
      .innerJoin(units, eq(units.id, meetingRooms.unitId))
      .where(and(eq(meetingRooms.active, true), ancestorOrInside))
      .orderBy(asc(meetingRooms.name)),
    holdsPermission(actor, "document.read")
      ? db
          .select({ id: documents.id, numberSymbol: documents.numberSymbol, abstract: documents.abstract })
          .from(documents)
          .innerJoin(units, eq(units.id, documents.unitId))
          .where(inScope(units.path, requirePermission(actor, "document.read")))
          .orderBy(sql`${documents.issuedOn} desc`)
          .limit(200)
      : Promise.resolve([]),
  ]);
  return { units: unitRows, people, rooms, documents: docs };
}
export type MeetingFormOptions = Awaited<ReturnType<typeof meetingFormOptions>>;
