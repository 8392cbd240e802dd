import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { meetingRooms, roomBookings, type MeetingRoom } from "@/db/schema";
import { seedDemo } from "@/db/seed/demo";
import { ConflictError, InvalidInputError, NotFoundError } from "@/lib/auth/errors";
import type { Actor } from "@/lib/auth/actor";
import type { DatabaseHandle, Db } from "@/lib/db";
import { bookRoom, decideBooking, type BookingConflictDetails } from "@/lib/meetings/bookings";
import { createTestDatabase, onPostgres } from "../helpers/db";
import { actorFor, unitByCode } from "../helpers/fixtures";

let handle: DatabaseHandle;
let db: Db;
let officer: Actor;
let hanoiId: string;

const HOUR = 3_600_000;
/** A Monday 09:00 in Hà Nội well ahead, so no test meets "the past". */
const base = new Date(Date.UTC(new Date().getUTCFullYear() + 1, 2, 2, 2, 0));
const at = (hours: number) => new Date(base.getTime() + hours * HOUR);

beforeAll(async () => {
  handle = await createTestDatabase();
  db = handle.db;
  await seedDemo(db);
  officer = await actorFor(db, "hanoi.canbo");
  hanoiId = (await unitByCode(db, "HA-NOI")).id;
}, 120_000);
afterAll(async () => {
  await handle?.close();
});

async function makeRoom(options: { autoApprove?: boolean; unitCode?: string } = {}): Promise<MeetingRoom> {
  const unit = await unitByCode(db, options.unitCode ?? "HA-NOI");
  const [room] = await db
    .insert(meetingRooms)
    .values({ unitId: unit.id, name: `Phòng họp ${crypto.randomUUID().slice(0, 6)}`, kind: "physical", location: "Tầng 2", autoApprove: options.autoApprove ?? true })
    .returning();
  return room!;
}

const book = (room: MeetingRoom, from: number, to: number, title = "Giao ban") =>
  bookRoom(db, officer, { roomId: room.id, unitId: hanoiId, title, startsAt: at(from), endsAt: at(to) });

describe("room bookings", () => {
  it(`50 requests for the same slot at once: exactly one wins (${onPostgres ? "PostgreSQL, through the connection pool" : "PGlite"})`, async () => {
    const room = await makeRoom();
    const results = await Promise.allSettled(Array.from({ length: 50 }, (_, i) => book(room, 0, 1.5, `Yêu cầu ${i}`)));
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(49);
    for (const r of lost) {
      expect(r.reason).toBeInstanceOf(ConflictError);
      expect((r.reason as ConflictError).messageKey).toBe("room.taken");
    }
    const live = await db.select().from(roomBookings).where(eq(roomBookings.roomId, room.id));
    expect(live).toHaveLength(1);
    // Every loser was told who holds the slot.
    const winner = (won[0] as PromiseFulfilledResult<{ title: string }>).value.title;
    expect(((lost[0]!.reason as ConflictError).details as BookingConflictDetails).holder?.title).toBe(winner);
  });

  it("a conflict names the holder and the nearest free slots of the same length", async () => {
    const room = await makeRoom();
    await book(room, 0, 2, "Hội nghị sơ kết");
    await book(room, 2, 3, "Giao ban khối");
    const error = (await book(room, 1, 2).catch((e: unknown) => e)) as ConflictError;
    expect(error).toBeInstanceOf(ConflictError);
    expect(error.fieldErrors).toEqual({ startsAt: "room.taken" });
    const details = error.details as BookingConflictDetails;
    expect(details.holder).toMatchObject({ title: "Hội nghị sơ kết", status: "approved" });
    // The hour just before the first meeting and the hour after the second (right after the first is taken too).
    expect(details.alternatives).toEqual([
      { startsAt: at(-1).toISOString(), endsAt: at(0).toISOString() },
      { startsAt: at(3).toISOString(), endsAt: at(4).toISOString() },
    ]);
    // Each alternative is really free: booking it succeeds.
    await expect(book(room, 3, 4)).resolves.toMatchObject({ status: "approved" });
  });

  it("back-to-back meetings fit; a rejected request frees the slot; bad times are refused at their field", async () => {
    const room = await makeRoom({ autoApprove: false });
    const first = await book(room, 10, 11);
    expect(first.status).toBe("pending");
    await expect(book(room, 11, 12)).resolves.toMatchObject({ status: "pending" });
    await expect(book(room, 10.5, 11.5)).rejects.toBeInstanceOf(ConflictError);
    const clerk = await actorFor(db, "vanthu");
    await expect(decideBooking(db, clerk, { bookingId: first.id, approve: false, note: "" })).rejects.toBeInstanceOf(InvalidInputError);
    await decideBooking(db, clerk, { bookingId: first.id, approve: false, note: "Phòng đang sửa" });
    await expect(decideBooking(db, clerk, { bookingId: first.id, approve: true, note: "" })).rejects.toBeInstanceOf(ConflictError);
    await expect(book(room, 10, 11)).resolves.toMatchObject({ status: "pending" });
    const invalid = async (from: Date, to: Date) => ((await bookRoom(db, officer, { roomId: room.id, unitId: hanoiId, title: "x", startsAt: from, endsAt: to }).catch((e: unknown) => e)) as InvalidInputError).fieldErrors;
    expect(await invalid(at(20), at(19))).toEqual({ endsAt: "meeting.endBeforeStart" });
    expect(await invalid(new Date(Date.now() - HOUR), new Date(Date.now() + HOUR))).toEqual({ startsAt: "room.pastBooking" });
    // Nothing was written by the refusals.
    expect((await db.select().from(roomBookings).where(eq(roomBookings.roomId, room.id))).map((b) => b.status).sort()).toEqual(["pending", "pending", "rejected"]);
  });

  it("another province's room is not found; only the room's office decides", async () => {
    const elsewhere = await makeRoom({ unitCode: "TUYEN-QUANG" });
    await expect(book(elsewhere, 30, 31)).rejects.toBeInstanceOf(NotFoundError);
    const room = await makeRoom({ autoApprove: false });
    const pending = await book(room, 40, 41);
    const tqClerk = await actorFor(db, "tuyenquang.canbo");
    await expect(decideBooking(db, tqClerk, { bookingId: pending.id, approve: true, note: "" })).rejects.toThrow();
  });
});
