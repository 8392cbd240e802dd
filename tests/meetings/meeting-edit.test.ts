import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { meetingAgendaItems, meetingDocuments, meetingRooms, meetings, meetingSeriesExceptions, roomBookings, units, users, type MeetingRoom } from "@/db/schema";
import { seedDemo } from "@/db/seed/demo";
import type { Actor } from "@/lib/auth/actor";
import { NotFoundError } from "@/lib/auth/errors";
import type { DatabaseHandle, Db } from "@/lib/db";
import { addDays, todayInVietnam } from "@/lib/i18n/format";
import { updateMeetingAction } from "@/lib/meetings/actions";
import { agendaToText, parseAgenda } from "@/lib/meetings/agenda-text";
import { meetingForEdit, type MeetingEdit } from "@/lib/meetings/meeting-edit";
import { WEEKLY_BRIEFING } from "@/lib/meetings/recurrence";
import { createSeries } from "@/lib/meetings/series";
import { cancelMeeting, createMeeting, getMeeting } from "@/lib/meetings/service";
import { createTestDatabase } from "../helpers/db";
import { actorFor, makeDocument, makeUser, unitByCode } from "../helpers/fixtures";

let handle: DatabaseHandle;
let db: Db;
let officer: Actor;
let hanoiId: string;
let communeId: string;

const day = addDays(todayInVietnam(), 12);
/** HH:mm in Vietnam on `day` as an instant. */
const vnAt = (time: string) => new Date(`${day}T${time}:00+07:00`);

beforeAll(async () => {
  handle = await createTestDatabase();
  db = handle.db;
  await seedDemo(db);
  officer = await actorFor(db, "hanoi.canbo");
  hanoiId = (await unitByCode(db, "HA-NOI")).id;
  const [commune] = await db.select().from(units).where(and(eq(units.parentId, hanoiId), eq(units.level, 2))).limit(1);
  communeId = commune!.id;
}, 120_000);
afterAll(async () => {
  await handle?.close();
});

async function makeRoom(name = `Phòng họp ${crypto.randomUUID().slice(0, 6)}`): Promise<MeetingRoom> {
  const [room] = await db.insert(meetingRooms).values({ unitId: hanoiId, name, kind: "physical", location: "Tầng 2", autoApprove: true }).returning();
  return room!;
}

/** What the edit form sends for its values: the agenda read back from its lines, the meeting's id and version. */
function submitted(edit: MeetingEdit, changes: Partial<MeetingEdit["values"]> = {}) {
  const { agendaText, unitId: _unit, ...values } = { ...edit.values, ...changes };
  return { ...values, agenda: parseAgenda(agendaText), id: edit.id, version: edit.version };
}

async function fullMeeting(room: MeetingRoom | null, start = "14:00", end = "16:00") {
  const chair = await makeUser(db, { unitCode: "HA-NOI", role: null });
  const guest = await makeUser(db, { unitCode: "HA-NOI", role: null });
  const doc = await makeDocument(db, hanoiId);
  const meeting = await createMeeting(db, officer, {
    unitId: hanoiId,
    title: "Họp bàn kế hoạch quý",
    chairId: chair.id,
    roomId: room?.id ?? null,
    participantUserIds: [guest.id],
    participantUnitIds: [communeId],
    agenda: [
      { title: "Báo cáo quý", presenter: "Văn phòng", durationMinutes: 30 },
      { title: "Thảo luận", presenter: "", durationMinutes: null },
    ],
    documentIds: [doc.id],
    date: day,
    startTime: start,
    endTime: end,
    startsAt: vnAt(start),
    endsAt: vnAt(end),
  });
  return { meeting, chair, guest, doc };
}

describe("editing a meeting", () => {
  it("the form opens with the meeting as it is, in Vietnam's day and hours, and saving it unchanged keeps everything", async () => {
    const room = await makeRoom();
    const { meeting, chair, guest, doc } = await fullMeeting(room);
    const edit = await meetingForEdit(db, officer, meeting.id);
    expect(edit).toMatchObject({ editable: true, seriesId: null, version: 1 });
    expect(edit.values).toEqual({
      unitId: hanoiId,
      title: "Họp bàn kế hoạch quý",
      date: day.split("-").reverse().join("/"),
      startTime: "14:00",
      endTime: "16:00",
      chairId: chair.id,
      roomId: room.id,
      participantUserIds: [guest.id],
      participantUnitIds: [communeId],
      agendaText: "Báo cáo quý | Văn phòng | 30\nThảo luận",
      documentIds: [doc.id],
    });
    const result = await updateMeetingAction.execute({ db, actor: officer }, submitted(edit));
    expect(result).toMatchObject({ ok: true, data: { version: 2 } });
    const after = await getMeeting(db, officer, meeting.id);
    expect(after).toMatchObject({ title: "Họp bàn kế hoạch quý", chairId: chair.id, roomId: room.id, bookingStatus: "approved" });
    expect(after.startsAt.toISOString()).toBe(vnAt("14:00").toISOString());
    expect(after.agenda.map((a) => [a.title, a.presenter, a.durationMinutes])).toEqual([["Báo cáo quý", "Văn phòng", 30], ["Thảo luận", "", null]]);
    expect(after.documents.map((d) => d.id)).toEqual([doc.id]);
    expect(after.participantUsers.map((u) => u.id)).toEqual([guest.id]);
    expect(after.participantUnits.map((u) => u.id)).toEqual([communeId]);
    // The room kept its one live booking, at the same time.
    const live = await db.select().from(roomBookings).where(and(eq(roomBookings.meetingId, meeting.id), eq(roomBookings.status, "approved")));
    expect(live.map((b) => b.startsAt.toISOString())).toEqual([vnAt("14:00").toISOString()]);
  });

  it("a new title and time are saved, the booking follows; the agenda lines round-trip", async () => {
    const { meeting } = await fullMeeting(await makeRoom());
    const edit = await meetingForEdit(db, officer, meeting.id);
    const result = await updateMeetingAction.execute({ db, actor: officer }, submitted(edit, { title: "Họp bàn kế hoạch quý (đã sửa)", startTime: "08:00", endTime: "09:30", agendaText: "Mở đầu | Chủ trì | 5\nKết luận" }));
    expect(result).toMatchObject({ ok: true });
    const again = await meetingForEdit(db, officer, meeting.id);
    expect(again.values).toMatchObject({ title: "Họp bàn kế hoạch quý (đã sửa)", startTime: "08:00", endTime: "09:30", agendaText: "Mở đầu | Chủ trì | 5\nKết luận" });
    const live = await db.select().from(roomBookings).where(and(eq(roomBookings.meetingId, meeting.id), eq(roomBookings.status, "approved")));
    expect(live.map((b) => [b.startsAt.toISOString(), b.endsAt.toISOString()])).toEqual([[vnAt("08:00").toISOString(), vnAt("09:30").toISOString()]]);
  });

  it("bad input is named next to its field in Vietnamese, and nothing is half-saved", async () => {
    const room = await makeRoom();
    const { meeting } = await fullMeeting(room);
    // Another meeting holds the room at 09:00–10:00.
    await fullMeeting(room, "09:00", "10:00");
    const edit = await meetingForEdit(db, officer, meeting.id);
    const backwards = await updateMeetingAction.execute({ db, actor: officer }, submitted(edit, { startTime: "16:00", endTime: "15:00" }));
    expect(backwards).toMatchObject({ ok: false, fieldErrors: { endTime: "Giờ kết thúc phải sau giờ bắt đầu." } });
    const blank = await updateMeetingAction.execute({ db, actor: officer }, submitted(edit, { title: " ", date: "31/02/2030" }));
    expect(blank).toMatchObject({ ok: false, fieldErrors: { title: expect.any(String), date: expect.any(String) } });
    // A taken room refuses the move after the title, agenda and people were already written: all of it is rolled back.
    const taken = await updateMeetingAction.execute({ db, actor: officer }, submitted(edit, { title: "Không được lưu", startTime: "09:30", endTime: "10:30", agendaText: "Mục mới", participantUserIds: [] }));
    expect(taken).toMatchObject({ ok: false, code: "conflict", fieldErrors: { startsAt: expect.stringContaining("Khung giờ này đã có người đặt") } });
    const after = await meetingForEdit(db, officer, meeting.id);
    expect(after.values).toEqual(edit.values);
    expect(after.version).toBe(1);
  });

  it("the edit link is for those updateMeeting accepts: the unit's organisers, not an invitee, not another province, never a cancelled meeting", async () => {
    const { meeting, guest } = await fullMeeting(null);
    expect((await getMeeting(db, officer, meeting.id)).canEdit).toBe(true);
    const invitee = await actorFor(db, guest.username);
    expect((await getMeeting(db, invitee, meeting.id)).canEdit).toBe(false);
    await expect(meetingForEdit(db, invitee, meeting.id)).rejects.toThrow();
    const leader = await actorFor(db, (await makeUser(db, { unitCode: "HA-NOI", role: "leader" })).username);
    expect((await getMeeting(db, leader, meeting.id)).canEdit).toBe(true);
    await expect(meetingForEdit(db, await actorFor(db, "tuyenquang.canbo"), meeting.id)).rejects.toBeInstanceOf(NotFoundError);
    await cancelMeeting(db, officer, { id: meeting.id, reason: "Hoãn" });
    expect((await getMeeting(db, officer, meeting.id)).canEdit).toBe(false);
    expect((await meetingForEdit(db, officer, meeting.id)).editable).toBe(false);
    const edit = await meetingForEdit(db, officer, meeting.id);
    expect(await updateMeetingAction.execute({ db, actor: officer }, submitted(edit))).toMatchObject({ ok: false, message: "Cuộc họp đã bị hủy." });
  });

  it("keeps the meeting's own choices in the lists even when they would not be offered now, so nothing is dropped unseen", async () => {
    const room = await makeRoom("Phòng cũ tầng 1");
    const { meeting, chair, doc } = await fullMeeting(room);
    await db.update(meetingRooms).set({ active: false }).where(eq(meetingRooms.id, room.id));
    await db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, chair.id));
    const edit = await meetingForEdit(db, officer, meeting.id);
    expect(edit.options.rooms.map((r) => r.id)).toContain(room.id);
    expect(edit.options.people.map((p) => p.id)).toContain(chair.id);
    expect(edit.options.documents.map((d) => d.id)).toContain(doc.id);
    // The service then names what it no longer takes, next to its field, and saves nothing.
    const result = await updateMeetingAction.execute({ db, actor: officer }, submitted(edit, { title: "Đổi tên" }));
    expect(result).toMatchObject({ ok: false, fieldErrors: { chairId: expect.any(String) } });
    expect((await db.select({ title: meetings.title }).from(meetings).where(eq(meetings.id, meeting.id)))[0]!.title).toBe("Họp bàn kế hoạch quý");
  });

  it("an occurrence of a series is changed on its own; a new time is kept as the series' move for that date", async () => {
    const start = addDays(todayInVietnam(), 14 + ((8 - new Date(`${todayInVietnam()}T00:00:00Z`).getUTCDay()) % 7));
    const { meetings: created } = await createSeries(db, officer, {
      unitId: hanoiId, title: "Giao ban đầu tuần", chairId: null, roomId: null, participantUserIds: [], participantUnitIds: [],
      agenda: [{ title: "Điểm lại tuần trước", presenter: "", durationMinutes: null }], rrule: WEEKLY_BRIEFING.rrule, startsOn: start, startTime: "09:00", durationMinutes: 90,
    });
    const [first, second] = created;
    const edit = await meetingForEdit(db, officer, first!.id);
    expect(edit).toMatchObject({ seriesId: first!.seriesId, occurrenceDate: first!.occurrenceDate });
    const result = await updateMeetingAction.execute({ db, actor: officer }, submitted(edit, { title: "Giao ban (dời sang chiều)", startTime: "14:00", endTime: "15:30" }));
    expect(result).toMatchObject({ ok: true });
    const [moved] = await db.select().from(meetingSeriesExceptions).where(and(eq(meetingSeriesExceptions.seriesId, first!.seriesId!), eq(meetingSeriesExceptions.occurrenceDate, first!.occurrenceDate!)));
    expect(moved).toMatchObject({ kind: "move" });
    expect(moved!.startsAt!.toISOString()).toBe(new Date(`${first!.occurrenceDate}T14:00:00+07:00`).toISOString());
    // The next occurrence is untouched.
    const [next] = await db.select().from(meetings).where(eq(meetings.id, second!.id));
    expect(next).toMatchObject({ title: "Giao ban đầu tuần", version: 1 });
    const agenda = await db.select().from(meetingAgendaItems).where(eq(meetingAgendaItems.meetingId, second!.id)).orderBy(asc(meetingAgendaItems.position));
    expect(agendaToText(agenda)).toBe("Điểm lại tuần trước");
    expect(await db.select().from(meetingDocuments).where(eq(meetingDocuments.meetingId, second!.id))).toEqual([]);
  });
});
