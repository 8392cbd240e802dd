import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, meetingRooms, roomBookings } from "@/db/schema";
import { seedDemo } from "@/db/seed/demo";
import type { Actor } from "@/lib/auth/actor";
import type { DatabaseHandle, Db } from "@/lib/db";
import { resetEnvCache } from "@/lib/env";
import { formatDateTime } from "@/lib/i18n/format";
import type { BookingConflictDetails } from "@/lib/meetings/bookings";
import { zonedInstant } from "@/lib/meetings/recurrence";
import { bookRoomAction, createRoomAction, decideBookingAction, setRoomActiveAction, updateRoomAction } from "@/lib/meetings/room-actions";
import { listBookableRooms, listManagedRooms, pendingBookings } from "@/lib/meetings/room-admin";
import { createTestDatabase } from "../helpers/db";
import { actorFor, unitByCode } from "../helpers/fixtures";

let handle: DatabaseHandle;
let db: Db;
let centralClerk: Actor;
let hanoiAdmin: Actor;
let hanoiOfficer: Actor;
let tqOfficer: Actor;
const ids: Record<string, string> = {};
const savedJitsi = process.env.JITSI_BASE_URL;

/** A day well ahead, as the form types it, and its yyyy-MM-dd. */
const year = new Date().getUTCFullYear() + 1;
const DAY = `16/03/${year}`;
const ISO = `${year}-03-16`;

beforeAll(async () => {
  process.env.JITSI_BASE_URL = "https://hop.example.vn/";
  resetEnvCache();
  handle = await createTestDatabase();
  db = handle.db;
  await seedDemo(db);
  centralClerk = await actorFor(db, "vanthu");
  hanoiAdmin = await actorFor(db, "hanoi.quantri");
  hanoiOfficer = await actorFor(db, "hanoi.canbo");
  tqOfficer = await actorFor(db, "tuyenquang.canbo");
  for (const code of ["HA-NOI", "TUYEN-QUANG"]) ids[code] = (await unitByCode(db, code)).id;
  ids.root = centralClerk.roles[0]!.unitId;
}, 120_000);
afterAll(async () => {
  if (savedJitsi === undefined) delete process.env.JITSI_BASE_URL;
  else process.env.JITSI_BASE_URL = savedJitsi;
  resetEnvCache();
  await handle?.close();
});

const ok = <T>(result: { ok: boolean; data?: T; message?: string; fieldErrors?: Record<string, string> }): T => {
  if (!result.ok) throw new Error(`refused: ${result.message} ${JSON.stringify(result.fieldErrors)}`);
  return result.data as T;
};

describe("rooms", () => {
  it("an office adds a physical room and an online room in its scope; the online room gets a Jitsi name and link, no call made", async () => {
    const physical = ok(await createRoomAction.execute({ db, actor: hanoiAdmin }, { unitId: ids["HA-NOI"], name: "Phòng họp tầng 3", kind: "physical", location: "Số 5 Lê Lai", capacity: "40", autoApprove: false }));
    const online = ok<{ id: string; link: string | null }>(await createRoomAction.execute({ db, actor: hanoiAdmin }, { unitId: ids["HA-NOI"], name: "Phòng trực tuyến Hà Nội", kind: "online", location: "bỏ qua", capacity: "", autoApprove: true }));
    const [row] = await db.select().from(meetingRooms).where(eq(meetingRooms.id, online.id));
    expect(row!.onlineSlug).toMatch(/^KetNoi-HA-NOI-Phong-truc-tuyen-Ha-Noi-[0-9a-f]{10}$/);
    expect(row!.location).toBe("");
    expect(online.link).toBe(`https://hop.example.vn/${row!.onlineSlug}`);
    const [phys] = await db.select().from(meetingRooms).where(eq(meetingRooms.id, (physical as { id: string }).id));
    expect(phys).toMatchObject({ kind: "physical", capacity: 40, autoApprove: false, onlineSlug: null, location: "Số 5 Lê Lai" });
    const listed = await listManagedRooms(db, hanoiAdmin);
    expect(listed.find((r) => r.id === online.id)?.link).toBe(online.link);
    expect(await db.select().from(auditLog).where(eq(auditLog.entityId, online.id))).toHaveLength(1);
    ids.physical = phys!.id;
    ids.online = online.id;
  });

  it("refuses another province's unit, an officer without room.manage, and bad input at its field", async () => {
    const other = await createRoomAction.execute({ db, actor: hanoiAdmin }, { unitId: ids["TUYEN-QUANG"], name: "Phòng lạ", kind: "physical", location: "", capacity: "", autoApprove: false });
    expect(other).toMatchObject({ ok: false, code: "not_found" });
    expect(await createRoomAction.execute({ db, actor: hanoiOfficer }, { unitId: ids["HA-NOI"], name: "Phòng", kind: "physical", location: "", capacity: "", autoApprove: false })).toMatchObject({ ok: false, code: "forbidden" });
    const bad = await createRoomAction.execute({ db, actor: hanoiAdmin }, { unitId: ids["HA-NOI"], name: " ", kind: "vr", location: "", capacity: "-3", autoApprove: false });
    expect(bad.ok ? [] : Object.keys(bad.fieldErrors).sort()).toEqual(["capacity", "kind", "name"]);
    // Editing or deactivating another province's room: "not found", nothing changed.
    const [tqRoom] = await db.insert(meetingRooms).values({ unitId: ids["TUYEN-QUANG"]!, name: "Phòng Tuyên Quang", kind: "physical" }).returning();
    expect(await updateRoomAction.execute({ db, actor: hanoiAdmin }, { id: tqRoom!.id, name: "Đổi", location: "", capacity: "", autoApprove: true })).toMatchObject({ ok: false, code: "not_found" });
    expect(await setRoomActiveAction.execute({ db, actor: hanoiAdmin }, { id: tqRoom!.id, active: false })).toMatchObject({ ok: false, code: "not_found" });
    expect((await db.select().from(meetingRooms).where(eq(meetingRooms.id, tqRoom!.id)))[0]).toMatchObject({ name: "Phòng Tuyên Quang", active: true, autoApprove: false });
  });

  it("edits keep an online room's name on the server; a deactivated room leaves the booking list", async () => {
    const [before] = await db.select().from(meetingRooms).where(eq(meetingRooms.id, ids.online!));
    ok(await updateRoomAction.execute({ db, actor: hanoiAdmin }, { id: ids.online, name: "Phòng trực tuyến (mới)", location: "", capacity: "", autoApprove: true }));
    const [after] = await db.select().from(meetingRooms).where(eq(meetingRooms.id, ids.online!));
    expect(after).toMatchObject({ name: "Phòng trực tuyến (mới)", onlineSlug: before!.onlineSlug });
    const scratch = ok<{ id: string }>(await createRoomAction.execute({ db, actor: hanoiAdmin }, { unitId: ids["HA-NOI"], name: "Phòng tạm", kind: "physical", location: "", capacity: "", autoApprove: true }));
    expect((await listBookableRooms(db, hanoiOfficer)).map((r) => r.id)).toContain(scratch.id);
    ok(await setRoomActiveAction.execute({ db, actor: hanoiAdmin }, { id: scratch.id, active: false }));
    expect((await listBookableRooms(db, hanoiOfficer)).map((r) => r.id)).not.toContain(scratch.id);
    expect((await listManagedRooms(db, hanoiAdmin)).find((r) => r.id === scratch.id)?.active).toBe(false);
  });

  it("one may book one's own units' rooms and those above, not another province's", async () => {
    const [central] = await db.insert(meetingRooms).values({ unitId: ids.root!, name: "Hội trường Trung ương", kind: "physical" }).returning();
    const hanoiList = (await listBookableRooms(db, hanoiOfficer)).map((r) => r.id);
    expect(hanoiList).toEqual(expect.arrayContaining([central!.id, ids.physical, ids.online]));
    const tqList = (await listBookableRooms(db, tqOfficer)).map((r) => r.id);
    expect(tqList).toContain(central!.id);
    expect(tqList).not.toContain(ids.physical);
  });
});

describe("booking through the form's action", () => {
  const form = (over: Record<string, string> = {}) => ({ roomId: ids.physical, unitId: ids["HA-NOI"], title: "Hội nghị sơ kết quý I", day: DAY, startsAt: "09:00", endsAt: "11:00", ...over });

  it("books in Vietnam's time; a second booking of the slot names the holder and the nearest free slots", async () => {
    const first = ok<{ id: string; status: string }>(await bookRoomAction.execute({ db, actor: hanoiOfficer }, form()));
    expect(first.status).toBe("pending");
    const [row] = await db.select().from(roomBookings).where(eq(roomBookings.id, first.id));
    expect(row!.startsAt).toEqual(zonedInstant(ISO, "09:00"));
    expect(row!.startsAt.toISOString()).toBe(`${ISO}T02:00:00.000Z`);

    const second = await bookRoomAction.execute({ db, actor: hanoiOfficer }, form({ title: "Giao ban", startsAt: "10:00", endsAt: "11:00" }));
    expect(second.ok).toBe(false);
    if (second.ok) return;
    expect(second.code).toBe("conflict");
    expect(second.fieldErrors.startsAt).toContain("Hội nghị sơ kết quý I");
    const details = second.details as BookingConflictDetails;
    expect(details.holder).toMatchObject({ title: "Hội nghị sơ kết quý I", unitName: expect.stringContaining("Hà Nội"), status: "pending" });
    expect(formatDateTime(details.holder!.startsAt)).toBe(`${DAY} 09:00`);
    expect(details.alternatives.map((a) => `${formatDateTime(a.startsAt)}–${formatDateTime(a.endsAt).slice(11)}`)).toEqual([`${DAY} 08:00–09:00`, `${DAY} 11:00–12:00`]);
    // The button's slot, typed back into the form, books.
    expect(ok<{ status: string }>(await bookRoomAction.execute({ db, actor: hanoiOfficer }, form({ title: "Giao ban", startsAt: "11:00", endsAt: "12:00" }))).status).toBe("pending");
  });

  it("bad days and times are named under their field", async () => {
    const r = await bookRoomAction.execute({ db, actor: hanoiOfficer }, form({ day: "31/02/2030", startsAt: "9h", endsAt: "25:00" }));
    expect(r.ok ? [] : Object.keys(r.fieldErrors).sort()).toEqual(["day", "endsAt", "startsAt"]);
    const reversed = await bookRoomAction.execute({ db, actor: hanoiOfficer }, form({ startsAt: "15:00", endsAt: "14:00" }));
    expect(reversed.ok ? [] : Object.keys(reversed.fieldErrors)).toEqual(["endsAt"]);
    const past = await bookRoomAction.execute({ db, actor: hanoiOfficer }, form({ day: "02/01/2020" }));
    expect(past.ok ? [] : Object.keys(past.fieldErrors)).toEqual(["startsAt"]);
  });

  it("the room's office sees the requests waiting and approves or rejects them (reason required)", async () => {
    const waiting = await pendingBookings(db, hanoiAdmin);
    expect(waiting.map((b) => b.title)).toEqual(expect.arrayContaining(["Hội nghị sơ kết quý I", "Giao ban"]));
    expect(await pendingBookings(db, centralClerk)).toEqual(expect.arrayContaining([expect.objectContaining({ title: "Giao ban" })]));
    const [first, second] = waiting.filter((b) => b.roomId === ids.physical);
    const noReason = await decideBookingAction.execute({ db, actor: hanoiAdmin }, { bookingId: second!.id, approve: false, note: "" });
    expect(noReason).toMatchObject({ ok: false, code: "invalid" });
    expect(noReason.ok ? {} : noReason.fieldErrors).toHaveProperty("note");
    expect(ok<{ status: string }>(await decideBookingAction.execute({ db, actor: hanoiAdmin }, { bookingId: first!.id, approve: true, note: "" })).status).toBe("approved");
    expect(ok<{ status: string }>(await decideBookingAction.execute({ db, actor: hanoiAdmin }, { bookingId: second!.id, approve: false, note: "Trùng lịch bảo trì" })).status).toBe("rejected");
    // Another province's office cannot see or decide them.
    expect(await decideBookingAction.execute({ db, actor: await actorFor(db, "hanoi.canbo") }, { bookingId: first!.id, approve: true, note: "" })).toMatchObject({ ok: false, code: "forbidden" });
    expect((await pendingBookings(db, hanoiAdmin)).filter((b) => b.roomId === ids.physical)).toEqual([]);
  });
});
