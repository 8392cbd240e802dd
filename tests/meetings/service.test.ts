import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { meetingInvitations, meetingRooms, meetings, roomBookings, units, type MeetingRoom } from "@/db/schema";
import { seedDemo } from "@/db/seed/demo";
import type { Actor } from "@/lib/auth/actor";
import { NotFoundError } from "@/lib/auth/errors";
import type { DatabaseHandle, Db } from "@/lib/db";
import { addDays, todayInVietnam } from "@/lib/i18n/format";
import { createMeetingAction, updateMeetingAction } from "@/lib/meetings/actions";
import { cancelMeeting, createMeeting, getMeeting, listMeetings, updateMeeting } from "@/lib/meetings/service";
import { createTestDatabase } from "../helpers/db";
import { actorFor, countRows, makeDocument, makeUser, unitByCode } from "../helpers/fixtures";

let handle: DatabaseHandle;
let db: Db;
let officer: Actor;
let hanoiId: string;

const day = addDays(todayInVietnam(), 10);
const vn = (d: string) => d.split("-").reverse().join("/");

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

async function onlineRoom(): Promise<MeetingRoom> {
  const [room] = await db
    .insert(meetingRooms)
    .values({ unitId: hanoiId, name: "Phòng họp trực tuyến", kind: "online", onlineSlug: `KetNoi-HN-${crypto.randomUUID().slice(0, 8)}`, autoApprove: true })
    .returning();
  return room!;
}

const base = () => ({ unitId: hanoiId, title: "Họp bàn kế hoạch quý", date: vn(day), startTime: "14:00", endTime: "16:00" });

describe("one-off meetings", () => {
  it("creates a meeting at the Vietnamese wall-clock time with its online link, agenda, documents and invitations; the invitee sees it", async () => {
    const room = await onlineRoom();
    const guest = await makeUser(db, { unitCode: "HA-NOI", role: "member" });
    const doc = await makeDocument(db, hanoiId);
    const result = await createMeetingAction.execute({ db, actor: officer }, { ...base(), roomId: room.id, participantUserIds: [guest.id], documentIds: [doc.id], agenda: [{ title: "Báo cáo quý", presenter: "Văn phòng", durationMinutes: "30" }] });
    expect(result).toMatchObject({ ok: true });
    const id = (result as { data: { id: string } }).data.id;
    const detail = await getMeeting(db, officer, id);
    expect(detail.startsAt.toISOString()).toBe(`${day}T07:00:00.000Z`);
    expect(detail.onlineUrl).toMatch(new RegExp(`/${room.onlineSlug}$`));
    expect(detail.agenda.map((a) => a.title)).toEqual(["Báo cáo quý"]);
    expect(detail.documents.map((d) => d.id)).toEqual([doc.id]);
    expect(detail.bookingStatus).toBe("approved");
    const guestActor = await actorFor(db, guest.username);
    expect((await getMeeting(db, guestActor, id)).myReply).toBe("pending");
    const listed = await listMeetings(db, guestActor, { from: new Date(`${day}T00:00:00Z`), to: new Date(`${addDays(day, 1)}T00:00:00Z`) });
    expect(listed.map((m) => m.id)).toEqual([id]);
    expect(listed[0]).toMatchObject({ unitName: expect.any(String), roomName: "Phòng họp trực tuyến", status: "scheduled", myReply: "pending", seriesId: null });
  });

  it("refuses a second meeting in the same room and time, naming the holder; nothing saved", async () => {
    const room = await onlineRoom();
    await createMeeting(db, officer, { ...base(), roomId: room.id, chairId: null, participantUserIds: [], participantUnitIds: [], agenda: [], documentIds: [], startsAt: new Date(`${day}T02:00:00Z`), endsAt: new Date(`${day}T03:00:00Z`), date: day, startTime: "09:00", endTime: "10:00" });
    const before = await countRows(db, meetings);
    const second = await createMeetingAction.execute({ db, actor: officer }, { ...base(), title: "Họp trùng giờ", roomId: room.id, startTime: "09:30", endTime: "10:30" });
    expect(second).toMatchObject({ ok: false, code: "conflict" });
    if (!second.ok) expect(second.message).toContain("Họp bàn kế hoạch quý");
    expect(await countRows(db, meetings)).toBe(before);
  });

  it("updates (keeping replies of those still invited), moves the booking, and cancels releasing the room", async () => {
    const room = await onlineRoom();
    const a = await makeUser(db, { unitCode: "HA-NOI", role: null });
    const b = await makeUser(db, { unitCode: "HA-NOI", role: null });
    const created = await createMeeting(db, officer, { ...base(), date: day, roomId: room.id, chairId: null, participantUserIds: [a.id, b.id], participantUnitIds: [], agenda: [], documentIds: [], startsAt: new Date(`${day}T07:00:00Z`), endsAt: new Date(`${day}T09:00:00Z`) });
    await db.update(meetingInvitations).set({ reply: "attend" }).where(and(eq(meetingInvitations.meetingId, created.id), eq(meetingInvitations.userId, a.id)));
    const stale = await updateMeetingAction.execute({ db, actor: officer }, { id: created.id, version: 99, title: "x", date: vn(day), startTime: "08:00", endTime: "09:00" });
    expect(stale).toMatchObject({ ok: false, code: "conflict" });
    const updated = await updateMeeting(db, officer, { id: created.id, version: 1, title: "Họp bàn kế hoạch (dời)", date: day, startTime: "08:00", endTime: "09:00", startsAt: new Date(`${day}T01:00:00Z`), endsAt: new Date(`${day}T02:00:00Z`), roomId: room.id, chairId: null, participantUserIds: [a.id], participantUnitIds: [], agenda: [], documentIds: [] });
    expect(updated.version).toBe(2);
    const invitations = await db.select().from(meetingInvitations).where(eq(meetingInvitations.meetingId, created.id));
    expect(invitations.map((i) => [i.userId, i.reply])).toEqual([[a.id, "attend"]]);
    const bookings = await db.select().from(roomBookings).where(eq(roomBookings.meetingId, created.id));
    expect(bookings.filter((x) => x.status === "approved").map((x) => x.startsAt.toISOString())).toEqual([`${day}T01:00:00.000Z`]);
    await cancelMeeting(db, officer, { id: created.id, reason: "Lãnh đạo đi công tác" });
    const after = await db.select().from(roomBookings).where(eq(roomBookings.meetingId, created.id));
    expect(after.every((x) => x.status === "cancelled")).toBe(true);
    expect((await getMeeting(db, officer, created.id)).status).toBe("cancelled");
  });

  it("names bad input next to its field and keeps to the scope", async () => {
    const backwards = await createMeetingAction.execute({ db, actor: officer }, { ...base(), startTime: "16:00", endTime: "14:00" });
    expect(backwards).toMatchObject({ ok: false, fieldErrors: { endTime: "Giờ kết thúc phải sau giờ bắt đầu." } });
    const past = await createMeetingAction.execute({ db, actor: officer }, { ...base(), date: "02/01/2026" });
    expect(past).toMatchObject({ ok: false, fieldErrors: { startsAt: "Thời điểm bắt đầu đã qua." } });
    const tuyenQuang = await unitByCode(db, "TUYEN-QUANG");
    const outside = await createMeetingAction.execute({ db, actor: officer }, { ...base(), participantUnitIds: [tuyenQuang.id] });
    expect(outside).toMatchObject({ ok: false, fieldErrors: { participantUnitIds: expect.stringMatching(/ngoài phạm vi/) } });
    const foreign = await createMeetingAction.execute({ db, actor: officer }, { ...base(), unitId: tuyenQuang.id });
    expect(foreign).toMatchObject({ ok: false, code: "not_found" });
    const mine = await createMeeting(db, officer, { ...base(), date: day, roomId: null, chairId: null, participantUserIds: [], participantUnitIds: [], agenda: [], documentIds: [], startsAt: new Date(`${day}T10:00:00Z`), endsAt: new Date(`${day}T11:00:00Z`) });
    const stranger = await actorFor(db, "tuyenquang.canbo");
    await expect(getMeeting(db, stranger, mine.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(listMeetings(db, officer, { from: new Date(), to: new Date(Date.now() + 86_400_000), unitId: tuyenQuang.id })).rejects.toBeInstanceOf(NotFoundError);
    const [commune] = await db.select().from(units).where(eq(units.parentId, hanoiId)).limit(1);
    expect(await listMeetings(db, officer, { from: new Date(`${day}T00:00:00Z`), to: new Date(`${addDays(day, 1)}T00:00:00Z`), unitId: commune!.id })).toEqual([]);
  });
});
