import { and, asc, eq, gt, inArray, lt, or, sql, type SQL } from "drizzle-orm";
import { meetingRooms, roomBookings, units, type MeetingRoom, type RoomBooking } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { ConflictError, InvalidInputError, NotFoundError, UnauthenticatedError } from "@/lib/auth/errors";
import { holdsPermission, inScope, requirePermission, type Scope } from "@/lib/auth/guard";
import { recordAudit } from "@/lib/audit/service";
import type { Db } from "@/lib/db";
import { hasPgErrorCode } from "@/lib/db/errors";
import { outer } from "@/lib/db/sql";

/**
 * Room bookings. The database refuses overlapping live bookings of a room by itself (an exclusion
 * constraint, drizzle/0018): two requests at the same instant cannot both win, whatever instance
 * they reach. The service only says who holds the slot and which slots nearby are free.
 */

const LIVE = ["pending", "approved"] as const;
/** How far around the asked time free slots are looked for. */
const SEARCH_DAYS = 7;
const ALTERNATIVES = 3;

/**
 * A room the scope may book: one of its own units' rooms or a room of a unit above them (the
 * province's online room serves its communes). Anything else is "not found".
 */
export async function findBookableRoom(db: Db, scope: Scope, roomId: string): Promise<MeetingRoom> {
  const [row] = await db
    .select({ room: meetingRooms })
    .from(meetingRooms)
    .innerJoin(units, eq(units.id, meetingRooms.unitId))
    .where(
      and(
        eq(meetingRooms.id, roomId),
        eq(meetingRooms.active, true),
        sql`(${inScope(units.path, scope)} or ${sql.join(scope.paths.map((p) => sql`${units.path} @> ${p}::ltree`), sql` or `)})`,
      ),
    )
    .limit(1);
  if (!row) throw new NotFoundError("room.notFound");
  return row.room;
}

export interface BookingHolder {
  title: string;
  unitName: string;
  startsAt: string;
  endsAt: string;
  status: "pending" | "approved";
}

export interface BookingConflictDetails {
  holder: BookingHolder | null;
  /** Free slots of the same length nearest the asked time, soonest-distance first. */
  alternatives: { startsAt: string; endsAt: string }[];
}

/**
 * Books a room inside the caller's transaction (a meeting and its booking are saved together).
 * Refuses an end before the start and a start in the past; a held slot throws ConflictError
 * "room.taken" naming the holder and the nearest free slots.
 */
export async function bookRoomInTx(
  tx: Db,
  actor: Actor,
  room: MeetingRoom,
  input: { unitId: string; title: string; startsAt: Date; endsAt: Date; meetingId: string | null },
  now: Date = new Date(),
): Promise<RoomBooking> {
  validateSlot(input.startsAt, input.endsAt, now);
  try {
    // A savepoint: when the database refuses the slot, the caller's transaction stays usable.
    return await tx.transaction(async (inner) => {
      const [booking] = await inner
        .insert(roomBookings)
        .values({
          roomId: room.id,
          meetingId: input.meetingId,
          unitId: input.unitId,
          title: input.title,
          startsAt: input.startsAt,
          endsAt: input.endsAt,
          status: room.autoApprove ? "approved" : "pending",
          requestedBy: actor.userId,
          ...(room.autoApprove ? { decidedAt: now } : {}),
        })
        .returning();
      return booking!;
    });
  } catch (error) {
    if (!hasPgErrorCode(error, "23P01")) throw error;
    throw await slotTaken(tx, room, input.startsAt, input.endsAt, now);
  }
}

/** Books a room on its own (no meeting yet): the office sees the request unless the room approves itself. */
export async function bookRoom(db: Db, actor: Actor | null, input: { roomId: string; unitId: string; title: string; startsAt: Date; endsAt: Date }) {
  const scope = requirePermission(actor, "meeting.manage");
  const title = input.title.trim();
  if (!title) throw new InvalidInputError({ title: "validation.required" });
  const room = await findBookableRoom(db, scope, input.roomId);
  const [unit] = await db.select({ id: units.id }).from(units).where(and(eq(units.id, input.unitId), inScope(units.path, scope)));
  if (!unit) throw new InvalidInputError({ unitId: "validation.unknownItem" });
  return db.transaction(async (tx) => {
    const booking = await bookRoomInTx(tx, actor!, room, { unitId: unit.id, title, startsAt: input.startsAt, endsAt: input.endsAt, meetingId: null });
    await recordAudit(tx, actor, { action: "room.book", entityType: "room_booking", entityId: booking.id, unitId: unit.id, changes: { room: { to: room.name }, status: { to: booking.status } } });
    return booking;
  });
}

/** The room's office approves or rejects a pending request; approving a slot is final for others. */
export async function decideBooking(db: Db, actor: Actor | null, input: { bookingId: string; approve: boolean; note: string }) {
  const scope = requirePermission(actor, "room.manage");
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ booking: roomBookings, roomName: meetingRooms.name, unitId: meetingRooms.unitId })
      .from(roomBookings)
      .innerJoin(meetingRooms, eq(meetingRooms.id, roomBookings.roomId))
      .innerJoin(units, eq(units.id, meetingRooms.unitId))
      .where(and(eq(roomBookings.id, input.bookingId), inScope(units.path, scope)))
      .for("update", { of: roomBookings });
    if (!row) throw new NotFoundError("room.bookingNotFound");
    if (row.booking.status !== "pending") throw new ConflictError("room.bookingDecided");
    if (!input.approve && !input.note.trim()) throw new InvalidInputError({ note: "room.rejectReason" });
    const status = input.approve ? "approved" : "rejected";
    const [booking] = await tx
      .update(roomBookings)
      .set({ status, decidedBy: actor!.userId, decidedAt: new Date(), note: input.note.trim() })
      .where(eq(roomBookings.id, row.booking.id))
      .returning();
    await recordAudit(tx, actor, { action: "room.decideBooking", entityType: "room_booking", entityId: row.booking.id, unitId: row.unitId, changes: { status: { from: "pending", to: status } } });
    return booking!;
  });
}

/**
 * Who may cancel a booking, as a condition on room_bookings: the person who asked for it, while
 * the unit it was made for is still one they book for (meeting.manage over it), and the office of
 * the room's unit (room.manage over it). Throws when the actor holds neither permission anywhere.
 * The pages use the same condition, so they offer the button exactly where this service accepts.
 */
export function cancellableBy(actor: Actor | null): SQL {
  if (!actor) throw new UnauthenticatedError();
  const holds = { requester: holdsPermission(actor, "meeting.manage"), office: holdsPermission(actor, "room.manage") };
  // Neither: the guard refuses, as for any other service.
  if (!holds.requester && !holds.office) requirePermission(actor, "meeting.manage");
  const conditions: SQL[] = [];
  if (holds.requester) {
    const scope = requirePermission(actor, "meeting.manage");
    conditions.push(
      sql`(${outer(roomBookings.requestedBy)} = ${actor.userId} and exists (select 1 from units bu where bu.id = ${outer(roomBookings.unitId)} and ${inScope(sql`bu.path`, scope)}))`,
    );
  }
  if (holds.office) {
    const scope = requirePermission(actor, "room.manage");
    conditions.push(
      sql`exists (select 1 from meeting_rooms br join units ru on ru.id = br.unit_id where br.id = ${outer(roomBookings.roomId)} and ${inScope(sql`ru.path`, scope)})`,
    );
  }
  return or(...conditions)!;
}

/**
 * The requester (or the room's office) gives a booking back: a live one that has not ended. The
 * slot is free at once, since the no-overlap constraint only counts pending and approved bookings.
 * A meeting's booking is refused: it follows its meeting, which is changed or cancelled instead.
 */
export async function cancelBooking(db: Db, actor: Actor | null, input: { bookingId: string }, now: Date = new Date()): Promise<RoomBooking> {
  const allowed = cancellableBy(actor);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ booking: roomBookings, roomUnitId: meetingRooms.unitId })
      .from(roomBookings)
      .innerJoin(meetingRooms, eq(meetingRooms.id, roomBookings.roomId))
      .where(and(eq(roomBookings.id, input.bookingId), allowed))
      .for("update", { of: roomBookings });
    if (!row) throw new NotFoundError("room.bookingNotFound");
    const { booking } = row;
    if (!(LIVE as readonly string[]).includes(booking.status)) throw new ConflictError("room.bookingNotLive");
    if (booking.endsAt <= now) throw new ConflictError("room.bookingEnded");
    if (booking.meetingId) throw new ConflictError("room.bookingHeldByMeeting");
    const [cancelled] = await tx.update(roomBookings).set({ status: "cancelled" }).where(eq(roomBookings.id, booking.id)).returning();
    await recordAudit(tx, actor, {
      action: "room.cancelBooking",
      entityType: "room_booking",
      entityId: booking.id,
      unitId: row.roomUnitId,
      changes: { status: { from: booking.status, to: "cancelled" } },
    });
    return cancelled!;
  });
}

function validateSlot(startsAt: Date, endsAt: Date, now: Date) {
  if (Number.isNaN(startsAt.getTime())) throw new InvalidInputError({ startsAt: "validation.invalid" });
  if (Number.isNaN(endsAt.getTime())) throw new InvalidInputError({ endsAt: "validation.invalid" });
  if (endsAt <= startsAt) throw new InvalidInputError({ endsAt: "meeting.endBeforeStart" });
  if (startsAt < now) throw new InvalidInputError({ startsAt: "room.pastBooking" });
}

/** Who holds the slot, and the free slots of the same length nearest to it. */
async function slotTaken(db: Db, room: MeetingRoom, startsAt: Date, endsAt: Date, now: Date): Promise<ConflictError> {
  const length = endsAt.getTime() - startsAt.getTime();
  const windowStart = new Date(Math.max(now.getTime(), startsAt.getTime() - SEARCH_DAYS * 86_400_000));
  const windowEnd = new Date(endsAt.getTime() + SEARCH_DAYS * 86_400_000);
  const held = await db
    .select({ title: roomBookings.title, startsAt: roomBookings.startsAt, endsAt: roomBookings.endsAt, status: roomBookings.status, unitName: units.name })
    .from(roomBookings)
    .innerJoin(units, eq(units.id, roomBookings.unitId))
    .where(and(eq(roomBookings.roomId, room.id), inArray(roomBookings.status, [...LIVE]), lt(roomBookings.startsAt, windowEnd), gt(roomBookings.endsAt, windowStart)))
    .orderBy(asc(roomBookings.startsAt));
  const overlaps = (s: number, e: number) => held.some((b) => b.startsAt.getTime() < e && b.endsAt.getTime() > s);
  const holder = held.find((b) => b.startsAt < endsAt && b.endsAt > startsAt) ?? null;
  // A free slot nearest the asked time starts where a booking ends or ends where one starts.
  const candidates = new Set<number>();
  for (const b of held) {
    candidates.add(b.endsAt.getTime());
    candidates.add(b.startsAt.getTime() - length);
  }
  const alternatives = [...candidates]
    .filter((s) => s >= now.getTime() && s >= windowStart.getTime() && s + length <= windowEnd.getTime() && !overlaps(s, s + length))
    .sort((a, b) => Math.abs(a - startsAt.getTime()) - Math.abs(b - startsAt.getTime()) || a - b)
    .slice(0, ALTERNATIVES)
    .sort((a, b) => a - b)
    .map((s) => ({ startsAt: new Date(s).toISOString(), endsAt: new Date(s + length).toISOString() }));
  const details: BookingConflictDetails = {
    holder: holder
      ? { title: holder.title, unitName: holder.unitName, startsAt: holder.startsAt.toISOString(), endsAt: holder.endsAt.toISOString(), status: holder.status as "pending" | "approved" }
      : null,
    alternatives,
  };
  return new ConflictError("room.taken", { startsAt: "room.taken" }, { values: { holder: holder ? `${holder.title} (${holder.unitName})` : "" }, details });
}
