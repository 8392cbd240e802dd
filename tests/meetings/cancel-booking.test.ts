import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { meetingRooms, roomBookings, type MeetingRoom, type RoomBooking } from "@/db/schema";
import { seedDemo } from "@/db/seed/demo";
import type { Actor } from "@/lib/auth/actor";
import { ConflictError, ForbiddenError, NotFoundError, UnauthenticatedError } from "@/lib/auth/errors";
import type { DatabaseHandle, Db } from "@/lib/db";
import { bookRoom, cancelBooking } from "@/lib/meetings/bookings";
import { cancelBookingAction } from "@/lib/meetings/room-actions";
import { myUpcomingBookings, roomBookingsBetween } from "@/lib/meetings/room-admin";
import { createMeeting } from "@/lib/meetings/service";
import { createTestDatabase, onPostgres } from "../helpers/db";
import { actorFor, makeUser, unitByCode } from "../helpers/fixtures";

let handle: DatabaseHandle;
let db: Db;
/** Two officers of Hà Nội (each books for the province), the central clerk (room.manage over every room), Tuyên Quang's officer. */
let officer: Actor;
let colleague: Actor;
let centralClerk: Actor;
let tqOfficer: Actor;
let hanoiId: string;

const HOUR = 3_600_000;
/** A Monday 09:00 in Hà Nội well ahead, so no booking meets "the past" unless a test says so. */
const base = new Date(Date.UTC(new Date().getUTCFullYear() + 1, 4, 4, 2, 0));
const at = (hours: number) => new Date(base.getTime() + hours * HOUR);

beforeAll(async () => {
  handle = await createTestDatabase();
  db = handle.db;
  await seedDemo(db);
  officer = await actorFor(db, "hanoi.canbo");
  colleague = await actorFor(db, (await makeUser(db, { unitCode: "HA-NOI", role: "officer" })).username);
  centralClerk = await actorFor(db, "vanthu");
  tqOfficer = await actorFor(db, "tuyenquang.canbo");
  hanoiId = (await unitByCode(db, "HA-NOI")).id;
}, 120_000);
afterAll(async () => {
  await handle?.close();
});

async function makeRoom(autoApprove = true): Promise<MeetingRoom> {
  const [room] = await db
    .insert(meetingRooms)
    .values({ unitId: hanoiId, name: `Phòng họp ${crypto.randomUUID().slice(0, 6)}`, kind: "physical", location: "Tầng 2", autoApprove })
    .returning();
  return room!;
}

const book = (actor: Actor, room: MeetingRoom, from: number, to: number, title = "Họp chi bộ") =>
  bookRoom(db, actor, { roomId: room.id, unitId: hanoiId, title, startsAt: at(from), endsAt: at(to) });

async function statusOf(booking: RoomBooking) {
  const [row] = await db.select({ status: roomBookings.status }).from(roomBookings).where(eq(roomBookings.id, booking.id));
  return row!.status;
}

describe("cancelling a room booking", () => {
  it("the requester cancels their own approved booking, and the same slot can be booked again at once", async () => {
    const room = await makeRoom();
    const mine = await book(officer, room, 0, 1.5);
    expect(mine.status).toBe("approved");
    // While it is live, the slot is refused to anyone.
    await expect(book(colleague, room, 0.5, 1)).rejects.toBeInstanceOf(ConflictError);
    const result = await cancelBookingAction.execute({ db, actor: officer }, { bookingId: mine.id });
    expect(result).toMatchObject({ ok: true, data: { id: mine.id, status: "cancelled" }, message: "Đã hủy đặt phòng. Khung giờ này đã trống để đặt lại." });
    expect(await statusOf(mine)).toBe("cancelled");
    // Freed at once: the no-overlap constraint counts pending and approved bookings only.
    await expect(book(colleague, room, 0, 1.5, "Tập huấn")).resolves.toMatchObject({ status: "approved" });
    // Cancelling twice is refused with its own message.
    await expect(cancelBooking(db, officer, { bookingId: mine.id })).rejects.toMatchObject({ messageKey: "room.bookingNotLive" });
  });

  it("a pending request can be withdrawn too; the office no longer sees it", async () => {
    const room = await makeRoom(false);
    const pending = await book(officer, room, 10, 11);
    expect(pending.status).toBe("pending");
    await cancelBooking(db, officer, { bookingId: pending.id });
    expect(await statusOf(pending)).toBe("cancelled");
    await expect(book(colleague, room, 10, 11)).resolves.toMatchObject({ status: "pending" });
  });

  it("someone else's booking is not found for a colleague of the same unit, and stays as it was", async () => {
    const room = await makeRoom();
    const mine = await book(officer, room, 20, 21);
    const result = await cancelBookingAction.execute({ db, actor: colleague }, { bookingId: mine.id });
    expect(result).toMatchObject({ ok: false, code: "not_found", message: "Không tìm thấy yêu cầu đặt phòng." });
    expect(await statusOf(mine)).toBe("approved");
  });

  it("the room's office (room.manage over the room's unit) may cancel any booking of its rooms", async () => {
    const room = await makeRoom();
    const mine = await book(officer, room, 30, 31);
    await expect(cancelBooking(db, centralClerk, { bookingId: mine.id })).resolves.toMatchObject({ status: "cancelled" });
  });

  it("out of scope: another province's officer, a requester whose unit is no longer theirs, no permission, no session", async () => {
    const room = await makeRoom();
    const mine = await book(officer, room, 40, 41);
    await expect(cancelBooking(db, tqOfficer, { bookingId: mine.id })).rejects.toBeInstanceOf(NotFoundError);
    // The requester's role moved to Tuyên Quang: the Hà Nội booking is out of their scope now.
    const mover = await makeUser(db, { unitCode: "HA-NOI", role: "officer" });
    const moverBooking = await book(await actorFor(db, mover.username), room, 42, 43);
    const moved = await makeUser(db, { unitCode: "TUYEN-QUANG", role: "officer" });
    await db.update(roomBookings).set({ requestedBy: moved.id }).where(eq(roomBookings.id, moverBooking.id));
    await expect(cancelBooking(db, await actorFor(db, moved.username), { bookingId: moverBooking.id })).rejects.toBeInstanceOf(NotFoundError);
    const plainMember = await makeUser(db, { unitCode: "HA-NOI", role: "member" });
    await db.update(roomBookings).set({ requestedBy: plainMember.id }).where(eq(roomBookings.id, moverBooking.id));
    await expect(cancelBooking(db, await actorFor(db, plainMember.username), { bookingId: moverBooking.id })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(cancelBooking(db, null, { bookingId: mine.id })).rejects.toBeInstanceOf(UnauthenticatedError);
    expect(await statusOf(mine)).toBe("approved");
    expect(await statusOf(moverBooking)).toBe("approved");
  });

  it("a booking that has ended is refused; one under way may still be given back for the rest", async () => {
    const room = await makeRoom();
    const mine = await book(officer, room, 50, 51);
    await expect(cancelBooking(db, officer, { bookingId: mine.id }, at(51))).rejects.toMatchObject({ messageKey: "room.bookingEnded" });
    expect(await statusOf(mine)).toBe("approved");
    await expect(cancelBooking(db, officer, { bookingId: mine.id }, at(50.5))).resolves.toMatchObject({ status: "cancelled" });
  });

  it("a meeting's booking is refused with a message pointing to the meeting, and the lists say so", async () => {
    const room = await makeRoom();
    const day = base.toISOString().slice(0, 10);
    const meeting = await createMeeting(db, officer, {
      unitId: hanoiId, title: "Họp ban thường vụ", roomId: room.id, chairId: null, participantUserIds: [], participantUnitIds: [], agenda: [], documentIds: [],
      date: day, startTime: "16:00", endTime: "17:00", startsAt: at(7), endsAt: at(8),
    });
    const [held] = await db.select().from(roomBookings).where(eq(roomBookings.meetingId, meeting.id));
    const result = await cancelBookingAction.execute({ db, actor: officer }, { bookingId: held!.id });
    expect(result).toMatchObject({ ok: false, code: "conflict", message: expect.stringContaining("Hãy sửa cuộc họp") });
    expect(await statusOf(held!)).toBe("approved");
    const listed = (await myUpcomingBookings(db, officer)).find((b) => b.id === held!.id);
    expect(listed).toMatchObject({ meetingId: meeting.id, canCancel: false });
  });

  it("the page's lists offer cancelling exactly where the service accepts it", async () => {
    const room = await makeRoom();
    const mine = await book(officer, room, 60, 61, "Của tôi");
    const theirs = await book(colleague, room, 62, 63, "Của đồng nghiệp");
    const week = (actor: Actor) => roomBookingsBetween(db, actor, room, at(59), at(64));
    const flags = async (actor: Actor) => Object.fromEntries((await week(actor)).map((b) => [b.title, b.canCancel]));
    expect(await flags(officer)).toEqual({ "Của tôi": true, "Của đồng nghiệp": false });
    expect(await flags(colleague)).toEqual({ "Của tôi": false, "Của đồng nghiệp": true });
    expect(await flags(centralClerk)).toEqual({ "Của tôi": true, "Của đồng nghiệp": true });
    const own = (await myUpcomingBookings(db, officer)).map((b) => b.id);
    expect(own).toContain(mine.id);
    expect(own).not.toContain(theirs.id);
    // After cancelling, it leaves both lists.
    await cancelBooking(db, officer, { bookingId: mine.id });
    expect((await week(officer)).map((b) => b.title)).toEqual(["Của đồng nghiệp"]);
    expect((await myUpcomingBookings(db, officer)).map((b) => b.id)).not.toContain(mine.id);
  });

  it(`two cancellations of the same booking at once: one wins, the other is told it is no longer live (${onPostgres ? "PostgreSQL" : "PGlite"})`, async () => {
    const room = await makeRoom();
    const mine = await book(officer, room, 70, 71);
    const results = await Promise.allSettled([cancelBooking(db, officer, { bookingId: mine.id }), cancelBooking(db, centralClerk, { bookingId: mine.id })]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const lost = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
    expect((lost!.reason as ConflictError).messageKey).toBe("room.bookingNotLive");
  });
});
