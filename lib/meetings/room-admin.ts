import { and, asc, eq, gt, inArray, lt, sql, type SQL } from "drizzle-orm";
import type { z } from "zod";
import { meetingRooms, roomBookings, units, users, type MeetingRoom } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { NotFoundError } from "@/lib/auth/errors";
import { inScope, requirePermission, type Scope } from "@/lib/auth/guard";
import { recordAudit } from "@/lib/audit/service";
import type { Db } from "@/lib/db";
import { cancellableBy } from "./bookings";
import { onlineRoomUrl, newOnlineSlug } from "./rooms";
import type { createRoomInput, setRoomActiveInput, updateRoomInput } from "./room-schemas";

/**
 * Rooms of a unit, kept by its office (room.manage over the unit): physical rooms with a place and
 * a capacity, and online rooms on the Jitsi server, whose name is made here (no call to the server).
 * A room is deactivated, never deleted: its bookings and meetings keep pointing at it.
 */

export interface RoomView extends MeetingRoom {
  unitName: string;
  /** The online room's address on the Jitsi server; null for a physical room. */
  link: string | null;
}

const withLink = (room: MeetingRoom, unitName: string): RoomView => ({ ...room, unitName, link: room.onlineSlug ? onlineRoomUrl(room.onlineSlug) : null });

export async function createRoom(db: Db, actor: Actor | null, input: z.output<typeof createRoomInput>): Promise<RoomView> {
  const scope = requirePermission(actor, "room.manage");
  const [unit] = await db
    .select({ id: units.id, code: units.code, name: units.name })
    .from(units)
    .where(and(eq(units.id, input.unitId), inScope(units.path, scope)));
  // A unit outside the office's scope reads as not found, as if it did not exist.
  if (!unit) throw new NotFoundError("unit.notFound");
  return db.transaction(async (tx) => {
    const [room] = await tx
      .insert(meetingRooms)
      .values({
        unitId: unit.id,
        name: input.name,
        kind: input.kind,
        location: input.kind === "physical" ? input.location : "",
        capacity: input.capacity,
        autoApprove: input.autoApprove,
        onlineSlug: input.kind === "online" ? newOnlineSlug(unit.code, input.name) : null,
      })
      .returning();
    await recordAudit(tx, actor, { action: "room.create", entityType: "meeting_room", entityId: room!.id, unitId: unit.id, changes: { name: { to: room!.name }, kind: { to: room!.kind } } });
    return withLink(room!, unit.name);
  });
}

/** A room the office may change: in its scope, else "not found". */
async function managedRoom(db: Db, scope: Scope, id: string): Promise<MeetingRoom> {
  const [row] = await db
    .select({ room: meetingRooms })
    .from(meetingRooms)
    .innerJoin(units, eq(units.id, meetingRooms.unitId))
    .where(and(eq(meetingRooms.id, id), inScope(units.path, scope)))
    .for("update", { of: meetingRooms });
  if (!row) throw new NotFoundError("room.notFound");
  return row.room;
}

export async function updateRoom(db: Db, actor: Actor | null, input: z.output<typeof updateRoomInput>): Promise<MeetingRoom> {
  const scope = requirePermission(actor, "room.manage");
  return db.transaction(async (tx) => {
    const before = await managedRoom(tx, scope, input.id);
    // An online room keeps its name on the server: the link people saved goes on working.
    const [room] = await tx
      .update(meetingRooms)
      .set({ name: input.name, location: before.kind === "physical" ? input.location : "", capacity: input.capacity, autoApprove: input.autoApprove })
      .where(eq(meetingRooms.id, before.id))
      .returning();
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const key of ["name", "location", "capacity", "autoApprove"] as const) {
      if (before[key] !== room![key]) changes[key] = { from: before[key], to: room![key] };
    }
    await recordAudit(tx, actor, { action: "room.update", entityType: "meeting_room", entityId: room!.id, unitId: room!.unitId, changes });
    return room!;
  });
}

/** Deactivating takes the room out of the booking lists; bookings already made stay. */
export async function setRoomActive(db: Db, actor: Actor | null, input: z.output<typeof setRoomActiveInput>): Promise<MeetingRoom> {
  const scope = requirePermission(actor, "room.manage");
  return db.transaction(async (tx) => {
    const before = await managedRoom(tx, scope, input.id);
    const [room] = await tx.update(meetingRooms).set({ active: input.active }).where(eq(meetingRooms.id, before.id)).returning();
    await recordAudit(tx, actor, { action: input.active ? "room.activate" : "room.deactivate", entityType: "meeting_room", entityId: room!.id, unitId: room!.unitId, changes: { active: { from: before.active, to: room!.active } } });
    return room!;
  });
}

/** The rooms the office keeps (active or not), by unit and name. */
export async function listManagedRooms(db: Db, actor: Actor | null): Promise<RoomView[]> {
  const scope = requirePermission(actor, "room.manage");
  const rows = await db
    .select({ room: meetingRooms, unitName: units.name })
    .from(meetingRooms)
    .innerJoin(units, eq(units.id, meetingRooms.unitId))
    .where(inScope(units.path, scope))
    .orderBy(asc(units.path), asc(meetingRooms.name))
    .limit(500);
  return rows.map((r) => withLink(r.room, r.unitName));
}

/** The units the office may add rooms to (for the form's choice). */
export async function roomUnitOptions(db: Db, actor: Actor | null): Promise<{ id: string; name: string }[]> {
  const scope = requirePermission(actor, "room.manage");
  return db
    .select({ id: units.id, name: units.name })
    .from(units)
    .where(and(inScope(units.path, scope), sql`nlevel(${units.path}) <= ${Math.max(...scope.paths.map((p) => p.split(".").length)) + 1}`))
    .orderBy(asc(units.path))
    .limit(200);
}

/** The rooms one may book: active rooms of one's own units and of the units above them. */
export async function listBookableRooms(db: Db, actor: Actor | null): Promise<RoomView[]> {
  const scope = requirePermission(actor, "meeting.manage");
  const rows = await db
    .select({ room: meetingRooms, unitName: units.name })
    .from(meetingRooms)
    .innerJoin(units, eq(units.id, meetingRooms.unitId))
    .where(
      and(
        eq(meetingRooms.active, true),
        sql`(${inScope(units.path, scope)} or ${sql.join(scope.paths.map((p) => sql`${units.path} @> ${p}::ltree`), sql` or `)})`,
      ),
    )
    .orderBy(asc(units.path), asc(meetingRooms.name))
    .limit(500);
  return rows.map((r) => withLink(r.room, r.unitName));
}

export interface BookingView {
  id: string;
  roomId: string;
  roomName: string;
  title: string;
  unitName: string;
  startsAt: Date;
  endsAt: Date;
  status: "pending" | "approved" | "rejected" | "cancelled";
  requestedByName: string | null;
  /** The meeting holding the booking: it is changed or cancelled through its meeting. */
  meetingId: string | null;
  /** Whether cancelBooking would accept it from the actor now (own or the room's office, live, not ended, no meeting). */
  canCancel: boolean;
}

const bookingColumns = (cancellable: SQL | null, now: Date) => ({
  id: roomBookings.id,
  roomId: roomBookings.roomId,
  roomName: meetingRooms.name,
  title: roomBookings.title,
  unitName: units.name,
  startsAt: roomBookings.startsAt,
  endsAt: roomBookings.endsAt,
  status: roomBookings.status,
  requestedByName: users.fullName,
  meetingId: roomBookings.meetingId,
  canCancel: cancellable
    ? sql<boolean>`(${cancellable} and ${roomBookings.meetingId} is null and ${roomBookings.endsAt} > ${now.toISOString()}::timestamptz and ${roomBookings.status} in ('pending', 'approved'))`.mapWith(Boolean)
    : sql<boolean>`false`.mapWith(Boolean),
});

/** A room's live bookings between two instants (the week view); the room must be one the actor may book. */
export async function roomBookingsBetween(db: Db, actor: Actor | null, room: MeetingRoom, from: Date, to: Date, now: Date = new Date()): Promise<BookingView[]> {
  return db
    .select(bookingColumns(cancellableBy(actor), now))
    .from(roomBookings)
    .innerJoin(meetingRooms, eq(meetingRooms.id, roomBookings.roomId))
    .innerJoin(units, eq(units.id, roomBookings.unitId))
    .leftJoin(users, eq(users.id, roomBookings.requestedBy))
    .where(and(eq(roomBookings.roomId, room.id), inArray(roomBookings.status, ["pending", "approved"]), lt(roomBookings.startsAt, to), gt(roomBookings.endsAt, from)))
    .orderBy(asc(roomBookings.startsAt));
}

/** The actor's own live bookings that have not ended, any room, soonest first (the page's "Phòng bạn đã đặt"). */
export async function myUpcomingBookings(db: Db, actor: Actor | null, now: Date = new Date()): Promise<BookingView[]> {
  const cancellable = cancellableBy(actor);
  return db
    .select(bookingColumns(cancellable, now))
    .from(roomBookings)
    .innerJoin(meetingRooms, eq(meetingRooms.id, roomBookings.roomId))
    .innerJoin(units, eq(units.id, roomBookings.unitId))
    .leftJoin(users, eq(users.id, roomBookings.requestedBy))
    .where(and(eq(roomBookings.requestedBy, actor!.userId), inArray(roomBookings.status, ["pending", "approved"]), gt(roomBookings.endsAt, now)))
    .orderBy(asc(roomBookings.startsAt))
    .limit(100);
}

/** Requests waiting for the office: pending bookings of the rooms it keeps, not yet over. */
export async function pendingBookings(db: Db, actor: Actor | null, now: Date = new Date()): Promise<BookingView[]> {
  const scope = requirePermission(actor, "room.manage");
  const roomUnits = sql`(select ${units.path} from ${units} where ${units.id} = ${meetingRooms.unitId})`;
  return db
    .select(bookingColumns(null, now))
    .from(roomBookings)
    .innerJoin(meetingRooms, eq(meetingRooms.id, roomBookings.roomId))
    .innerJoin(units, eq(units.id, roomBookings.unitId))
    .leftJoin(users, eq(users.id, roomBookings.requestedBy))
    .where(and(eq(roomBookings.status, "pending"), gt(roomBookings.endsAt, now), inScope(roomUnits, scope)))
    .orderBy(asc(roomBookings.startsAt))
    .limit(200);
}
