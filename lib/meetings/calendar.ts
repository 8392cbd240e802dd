import { and, asc, eq, gt, inArray, lt, or, sql, type SQL } from "drizzle-orm";
import { meetingInvitations, meetingRooms, meetings, units } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { ForbiddenError, NotFoundError, UnauthenticatedError } from "@/lib/auth/errors";
import { holdsPermission, inScope, requirePermission } from "@/lib/auth/guard";
import { roleGrants } from "@/lib/auth/permissions";
import type { Db } from "@/lib/db";
import { addDays } from "@/lib/i18n/format";
import { DEFAULT_TIME_ZONE, zonedInstant, zonedParts } from "./recurrence";
import { onlineRoomUrl } from "./rooms";

/**
 * The calendar (issue 7, item 5): the meetings a person sees over a time range. By default these
 * are the meetings they are invited to and those held by the units where they hold meeting.read
 * (the unit itself: a central administrator's calendar is not every ward's Monday briefing). With
 * `unitIds` — "Lịch của đơn vị" — it is the meetings of those units and everything below them,
 * always within the meeting.read scope, so a unit outside it gives nothing.
 */

export type Reply = "pending" | "attend" | "decline" | "deputy";

export interface CalendarEntry {
  id: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
  unit: { id: string; name: string };
  room: { name: string; kind: "physical" | "online"; location: string } | null;
  /** The Jitsi link of an online room. */
  onlineUrl: string | null;
  status: "scheduled" | "cancelled";
  cancelReason: string;
  /** The person's reply when invited, null when they see it through their unit. */
  myReply: Reply | null;
  version: number;
  updatedAt: Date;
}

export interface CalendarQuery {
  from: Date;
  to: Date;
  unitIds?: string[];
  /** Cancelled meetings are left out unless asked for (the views mark them, the feed says CANCELLED). */
  includeCancelled?: boolean;
}

/** Where a meeting's own page is. */
export const meetingHref = (id: string) => `/lam-viec/hop/${id}`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function checkedActor(actor: Actor | null): Actor {
  if (!actor) throw new UnauthenticatedError();
  if (actor.mustChangePassword) throw new ForbiddenError();
  return actor;
}

/** Units of the actor's roles (in force) that grant meeting.read. */
function readingUnitIds(actor: Actor): string[] {
  return [...new Set(actor.roles.filter((r) => roleGrants(r.role, "meeting.read")).map((r) => r.unitId))];
}

/** The visibility clause: invited, or the unit is visible as described above. */
async function visibleWhere(db: Db, actor: Actor, unitIds: string[] | undefined): Promise<SQL> {
  const invited = sql`${meetingInvitations.userId} is not null`;
  if (unitIds === undefined) {
    const own = readingUnitIds(actor);
    return own.length > 0 ? or(invited, inArray(meetings.unitId, own))! : invited;
  }
  const scope = requirePermission(actor, "meeting.read");
  const ids = unitIds.filter((id) => UUID.test(id));
  if (ids.length === 0) throw new NotFoundError();
  const chosen = await db.select({ path: units.path }).from(units).where(and(inArray(units.id, ids), inScope(units.path, scope)));
  if (chosen.length === 0) throw new NotFoundError();
  const under = chosen.map((c) => sql`${units.path} <@ ${c.path}::ltree`);
  return and(inScope(units.path, scope), sql`(${sql.join(under, sql` or `)})`)!;
}

/** Meetings with their unit, room and the person's own reply: what a calendar entry is made of. */
function entryRows(db: Db, userId: string) {
  return db
    .select({
      id: meetings.id,
      title: meetings.title,
      startsAt: meetings.startsAt,
      endsAt: meetings.endsAt,
      unitId: units.id,
      unitName: units.name,
      roomName: meetingRooms.name,
      roomKind: meetingRooms.kind,
      roomLocation: meetingRooms.location,
      roomSlug: meetingRooms.onlineSlug,
      status: meetings.status,
      cancelReason: meetings.cancelReason,
      reply: meetingInvitations.reply,
      version: meetings.version,
      updatedAt: meetings.updatedAt,
    })
    .from(meetings)
    .innerJoin(units, eq(units.id, meetings.unitId))
    .leftJoin(meetingRooms, eq(meetingRooms.id, meetings.roomId))
    .leftJoin(meetingInvitations, and(eq(meetingInvitations.meetingId, meetings.id), eq(meetingInvitations.userId, userId)))
    .$dynamic();
}

export async function calendarFor(db: Db, actorOrNull: Actor | null, query: CalendarQuery): Promise<CalendarEntry[]> {
  const actor = checkedActor(actorOrNull);
  const where = await visibleWhere(db, actor, query.unitIds);
  const rows = await entryRows(db, actor.userId)
    .where(
      and(
        lt(meetings.startsAt, query.to),
        gt(meetings.endsAt, query.from),
        query.includeCancelled ? undefined : eq(meetings.status, "scheduled"),
        where,
      ),
    )
    .orderBy(asc(meetings.startsAt), asc(meetings.title), asc(meetings.id));
  return rows.map(toEntry);
}

/** One meeting, if the actor may see it (invited, or its unit is in their meeting.read scope); otherwise not found. */
export async function visibleMeeting(db: Db, actorOrNull: Actor | null, id: string): Promise<CalendarEntry> {
  const actor = checkedActor(actorOrNull);
  if (!UUID.test(id)) throw new NotFoundError();
  const scope = holdsPermission(actor, "meeting.read") ? requirePermission(actor, "meeting.read") : null;
  const invited = sql`${meetingInvitations.userId} is not null`;
  const [row] = await entryRows(db, actor.userId)
    .where(and(eq(meetings.id, id), scope ? or(invited, inScope(units.path, scope)) : invited))
    .limit(1);
  if (!row) throw new NotFoundError();
  return toEntry(row);
}

function toEntry(row: {
  id: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
  unitId: string;
  unitName: string;
  roomName: string | null;
  roomKind: "physical" | "online" | null;
  roomLocation: string | null;
  roomSlug: string | null;
  status: "scheduled" | "cancelled";
  cancelReason: string;
  reply: Reply | null;
  version: number;
  updatedAt: Date;
}): CalendarEntry {
  return {
    id: row.id,
    title: row.title,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    unit: { id: row.unitId, name: row.unitName },
    room: row.roomName && row.roomKind ? { name: row.roomName, kind: row.roomKind, location: row.roomLocation ?? "" } : null,
    onlineUrl: row.roomKind === "online" && row.roomSlug ? onlineRoomUrl(row.roomSlug) : null,
    status: row.status,
    cancelReason: row.cancelReason,
    myReply: row.reply,
    version: row.version,
    updatedAt: row.updatedAt,
  };
}

/** The units the "Lịch của đơn vị" filter offers: those of the actor's meeting.read roles and their direct children. */
export async function calendarUnitChoices(db: Db, actor: Actor): Promise<{ id: string; name: string; depth: number }[]> {
  const own = readingUnitIds(actor);
  if (own.length === 0) return [];
  const scope = requirePermission(actor, "meeting.read");
  const rows = await db
    .select({ id: units.id, name: units.name, parentId: units.parentId, path: units.path })
    .from(units)
    .where(and(or(inArray(units.id, own), inArray(units.parentId, own)), inScope(units.path, scope), sql`${units.activeTo} is null`))
    .orderBy(asc(units.path));
  const out: { id: string; name: string; depth: number }[] = [];
  for (const parent of rows.filter((r) => own.includes(r.id))) {
    out.push({ id: parent.id, name: parent.name, depth: 0 });
    const children = rows.filter((r) => r.parentId === parent.id && !own.includes(r.id)).sort((a, b) => a.name.localeCompare(b.name, "vi"));
    for (const child of children) out.push({ id: child.id, name: child.name, depth: 1 });
  }
  return out;
}

// ── Days, weeks and months in Vietnam's calendar (days as "yyyy-MM-dd") ───────────────────────

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

const utcOf = (day: string) => {
  const [, y, m, d] = DAY.exec(day)!;
  return Date.UTC(Number(y), Number(m) - 1, Number(d));
};
const dayFromUtc = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** 0 for Monday … 6 for Sunday. */
export function weekdayMondayFirst(day: string): number {
  return (new Date(utcOf(day)).getUTCDay() + 6) % 7;
}

/** "dd/MM/yyyy" (the address's `ngay`) to "yyyy-MM-dd", or null for anything that is not a real day. */
export function parseDayParam(value: string | null | undefined): string | null {
  const match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec((value ?? "").trim());
  if (!match) return null;
  const day = `${match[3]}-${match[2]!.padStart(2, "0")}-${match[1]!.padStart(2, "0")}`;
  if (!DAY.test(day) || dayFromUtc(utcOf(day)) !== day) return null;
  return day;
}

export function formatDayParam(day: string): string {
  const [, y, m, d] = DAY.exec(day)!;
  return `${d}/${m}/${y}`;
}

/** "dd/MM" for a grid label. */
export function shortDayLabel(day: string): string {
  return formatDayParam(day).slice(0, 5);
}

/** The seven days (Monday first) of the week holding `day`. */
export function weekDays(day: string): string[] {
  const monday = addDays(day, -weekdayMondayFirst(day));
  return Array.from({ length: 7 }, (_, i) => addDays(monday, i));
}

export interface MonthGrid {
  /** "yyyy-MM" of the month shown. */
  month: string;
  /** Whole weeks, Monday first, from the week of the 1st to the week of the last day. */
  weeks: { day: string; inMonth: boolean }[][];
}

export function monthGrid(day: string): MonthGrid {
  const month = day.slice(0, 7);
  const first = `${month}-01`;
  const last = addDays(firstOfNextMonth(day), -1);
  const weeks: { day: string; inMonth: boolean }[][] = [];
  for (let monday = weekDays(first)[0]!; monday <= last; monday = addDays(monday, 7)) {
    weeks.push(weekDays(monday).map((d) => ({ day: d, inMonth: d.slice(0, 7) === month })));
  }
  return { month, weeks };
}

export function firstOfNextMonth(day: string): string {
  const [, y, m] = DAY.exec(day)!;
  return dayFromUtc(Date.UTC(Number(y), Number(m), 1));
}

/** The same day of the month before/after, kept within that month (31/03 → 28/02). */
export function shiftMonth(day: string, months: number): string {
  const [, y, m, d] = DAY.exec(day)!;
  const target = new Date(Date.UTC(Number(y), Number(m) - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  return dayFromUtc(Date.UTC(target.getUTCFullYear(), target.getUTCMonth(), Math.min(Number(d), lastDay)));
}

/** The instants from the start of `first` to the end of `last` (both local days included). */
export function dayRange(first: string, last: string, timeZone: string = DEFAULT_TIME_ZONE): { from: Date; to: Date } {
  return { from: zonedInstant(first, "00:00", timeZone), to: zonedInstant(addDays(last, 1), "00:00", timeZone) };
}

/** The local days (in Vietnam) a meeting touches, clipped to the given days; a meeting ending at midnight does not touch the next day. */
export function daysOf(entry: Pick<CalendarEntry, "startsAt" | "endsAt">, days: string[]): string[] {
  const first = zonedParts(entry.startsAt).day;
  const last = zonedParts(new Date(entry.endsAt.getTime() - 1)).day;
  return days.filter((d) => d >= first && d <= last);
}

/** Entries grouped by the local days they touch. */
export function byDay<T extends Pick<CalendarEntry, "startsAt" | "endsAt">>(entries: T[], days: string[]): Map<string, T[]> {
  const map = new Map<string, T[]>(days.map((d) => [d, []]));
  for (const entry of entries) for (const d of daysOf(entry, days)) map.get(d)!.push(entry);
  return map;
}
