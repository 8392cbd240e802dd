import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, meetingInvitations, type Unit } from "@/db/schema";
import { seedDemo } from "@/db/seed/demo";
import { ConflictError, InvalidInputError, NotFoundError } from "@/lib/auth/errors";
import type { DatabaseHandle, Db } from "@/lib/db";
import { attendanceWindow, takeAttendance } from "@/lib/meetings/attendance";
import { replyToInvitationAction, takeAttendanceAction } from "@/lib/meetings/participation-actions";
import { getMyInvitation, listInvitations, replyToInvitation } from "@/lib/meetings/replies";
import { createTestDatabase } from "../helpers/db";
import { actorFor, makeUser, unitByCode } from "../helpers/fixtures";
import { makeMeeting } from "./participation-fixtures";

let handle: DatabaseHandle;
let db: Db;
let hanoi: Unit;
let tuyenQuang: Unit;
beforeAll(async () => {
  handle = await createTestDatabase();
  db = handle.db;
  await seedDemo(db);
  hanoi = await unitByCode(db, "HA-NOI");
  tuyenQuang = await unitByCode(db, "TUYEN-QUANG");
});
afterAll(async () => handle?.close());

async function invitation(meetingId: string, userId: string) {
  const [row] = await db.select().from(meetingInvitations).where(and(eq(meetingInvitations.meetingId, meetingId), eq(meetingInvitations.userId, userId)));
  return row!;
}

async function people() {
  const guest = await makeUser(db, { unitCode: "HA-NOI", role: "member" });
  const other = await makeUser(db, { unitCode: "HA-NOI", role: "member" });
  return { guest, other };
}

describe("replies", () => {
  it("the invited person attends, declines or sends a named deputy; each reply is audited", async () => {
    const { guest } = await people();
    const meeting = await makeMeeting(db, { unitId: hanoi.id, invite: [guest.id] });
    const actor = await actorFor(db, guest.username);
    expect((await getMyInvitation(db, actor, meeting.id))?.reply).toBe("pending");

    await replyToInvitation(db, actor, { meetingId: meeting.id, reply: "attend", deputyName: "", note: "" });
    expect(await invitation(meeting.id, guest.id)).toMatchObject({ reply: "attend", deputyName: "" });

    await replyToInvitation(db, actor, { meetingId: meeting.id, reply: "deputy", deputyName: "Trần Văn Thay", note: "Đi công tác" });
    expect(await invitation(meeting.id, guest.id)).toMatchObject({ reply: "deputy", deputyName: "Trần Văn Thay", note: "Đi công tác" });

    // Declining clears the deputy.
    await replyToInvitation(db, actor, { meetingId: meeting.id, reply: "decline", deputyName: "Trần Văn Thay", note: "Ốm" });
    expect(await invitation(meeting.id, guest.id)).toMatchObject({ reply: "decline", deputyName: "" });

    const audited = await db.select().from(auditLog).where(and(eq(auditLog.action, "meeting.reply"), eq(auditLog.entityId, meeting.id)));
    expect(audited).toHaveLength(3);
    expect(audited.every((a) => a.actorId === guest.id && a.unitId === hanoi.id)).toBe(true);
  });

  it("a deputy needs a name: the form gets it next to the field, nothing is saved", async () => {
    const { guest } = await people();
    const meeting = await makeMeeting(db, { unitId: hanoi.id, invite: [guest.id] });
    const actor = await actorFor(db, guest.username);
    const result = await replyToInvitationAction.execute({ db, actor }, { meetingId: meeting.id, reply: "deputy", deputyName: "  " });
    expect(result).toMatchObject({ ok: false, code: "invalid", fieldErrors: { deputyName: "Vui lòng nhập họ tên người dự thay." } });
    await expect(replyToInvitation(db, actor, { meetingId: meeting.id, reply: "deputy", deputyName: "", note: "" })).rejects.toBeInstanceOf(InvalidInputError);
    expect((await invitation(meeting.id, guest.id)).reply).toBe("pending");
  });

  it("only one's own invitation: someone not invited, even an administrator of the unit, finds no invitation", async () => {
    const { guest, other } = await people();
    const admin = await makeUser(db, { unitCode: "HA-NOI", role: "administrator" });
    const meeting = await makeMeeting(db, { unitId: hanoi.id, invite: [guest.id] });
    for (const username of [other.username, admin.username]) {
      const actor = await actorFor(db, username);
      await expect(replyToInvitation(db, actor, { meetingId: meeting.id, reply: "decline", deputyName: "", note: "" })).rejects.toBeInstanceOf(NotFoundError);
      expect(await getMyInvitation(db, actor, meeting.id)).toBeNull();
    }
    const result = await replyToInvitationAction.execute({ db, actor: null }, { meetingId: meeting.id, reply: "attend" });
    expect(result).toMatchObject({ ok: false, code: "unauthenticated" });
    expect((await invitation(meeting.id, guest.id)).reply).toBe("pending");
  });

  it("a cancelled or finished meeting takes no replies", async () => {
    const { guest } = await people();
    const actor = await actorFor(db, guest.username);
    const cancelled = await makeMeeting(db, { unitId: hanoi.id, invite: [guest.id], status: "cancelled" });
    const finished = await makeMeeting(db, { unitId: hanoi.id, invite: [guest.id], startsInMinutes: -180, durationMinutes: 60 });
    const a = await replyToInvitationAction.execute({ db, actor }, { meetingId: cancelled.id, reply: "attend" });
    expect(a).toMatchObject({ ok: false, code: "conflict", message: "Cuộc họp đã bị hủy: không nhận trả lời nữa." });
    const b = await replyToInvitationAction.execute({ db, actor }, { meetingId: finished.id, reply: "attend" });
    expect(b).toMatchObject({ ok: false, code: "conflict", message: "Cuộc họp đã kết thúc: không nhận trả lời nữa." });
    expect((await invitation(cancelled.id, guest.id)).reply).toBe("pending");
    expect((await invitation(finished.id, guest.id)).reply).toBe("pending");
  });

  it("organisers list the invitations with counts per reply; the chair may too; others find nothing", async () => {
    const invitees = await Promise.all([0, 1, 2, 3].map(() => makeUser(db, { unitCode: "HA-NOI", role: "member" })));
    const chair = await makeUser(db, { unitCode: "HA-NOI", role: "member" });
    const meeting = await makeMeeting(db, { unitId: hanoi.id, chairId: chair.id, invite: invitees.map((u) => u.id) });
    await replyToInvitation(db, await actorFor(db, invitees[0]!.username), { meetingId: meeting.id, reply: "attend", deputyName: "", note: "" });
    await replyToInvitation(db, await actorFor(db, invitees[1]!.username), { meetingId: meeting.id, reply: "deputy", deputyName: "Lê Thị Thay", note: "" });
    await replyToInvitation(db, await actorFor(db, invitees[2]!.username), { meetingId: meeting.id, reply: "decline", deputyName: "", note: "" });

    const leader = await makeUser(db, { unitCode: "HA-NOI", role: "leader" });
    for (const username of [leader.username, chair.username]) {
      const list = await listInvitations(db, await actorFor(db, username), meeting.id);
      expect(list.counts).toMatchObject({ total: 4, attend: 1, deputy: 1, decline: 1, pending: 1, unmarked: 4 });
      expect(list.invitations.find((i) => i.userId === invitees[1]!.id)).toMatchObject({ reply: "deputy", deputyName: "Lê Thị Thay" });
    }
    const elsewhere = await makeUser(db, { unitCode: "TUYEN-QUANG", role: "leader" });
    await expect(listInvitations(db, await actorFor(db, elsewhere.username), meeting.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(listInvitations(db, await actorFor(db, invitees[0]!.username), meeting.id)).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("attendance", () => {
  it("opens 30 minutes before the start and closes at the end of the day after the end (Vietnam)", () => {
    const startsAt = new Date("2026-03-02T02:00:00Z"); // Monday 09:00 in Hà Nội
    const endsAt = new Date("2026-03-02T03:30:00Z");
    const { opensAt, closesAt } = attendanceWindow({ startsAt, endsAt });
    expect(opensAt.toISOString()).toBe("2026-03-02T01:30:00.000Z");
    expect(closesAt.toISOString()).toBe("2026-03-03T17:00:00.000Z"); // Wednesday 00:00 in Hà Nội
    // A meeting ending at 23:30 local time still closes at the end of the next local day.
    expect(attendanceWindow({ startsAt: new Date("2026-03-02T15:00:00Z"), endsAt: new Date("2026-03-02T16:30:00Z") }).closesAt.toISOString()).toBe("2026-03-03T17:00:00.000Z");
  });

  it("the chair marks present and absent within the window; before it, a clear refusal", async () => {
    const { guest, other } = await people();
    const chair = await makeUser(db, { unitCode: "HA-NOI", role: "member" });
    const chairActor = await actorFor(db, chair.username);

    const later = await makeMeeting(db, { unitId: hanoi.id, chairId: chair.id, startsInMinutes: 120, invite: [guest.id, other.id] });
    const early = await takeAttendanceAction.execute({ db, actor: chairActor }, { meetingId: later.id, present: [guest.id], absent: [other.id] });
    expect(early.ok).toBe(false);
    if (!early.ok) {
      expect(early.code).toBe("conflict");
      expect(early.message).toMatch(/^Chưa đến giờ điểm danh: điểm danh mở từ \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);
    }
    expect((await invitation(later.id, guest.id)).attended).toBeNull();

    const soon = await makeMeeting(db, { unitId: hanoi.id, chairId: chair.id, startsInMinutes: 20, invite: [guest.id, other.id] });
    expect(await takeAttendance(db, chairActor, { meetingId: soon.id, present: [guest.id], absent: [other.id] })).toEqual({ present: 1, absent: 1 });
    expect(await invitation(soon.id, guest.id)).toMatchObject({ attended: true, attendanceBy: chair.id });
    expect(await invitation(soon.id, other.id)).toMatchObject({ attended: false });
    const [audit] = await db.select().from(auditLog).where(and(eq(auditLog.action, "meeting.attendance"), eq(auditLog.entityId, soon.id)));
    expect(audit).toMatchObject({ actorId: chair.id, unitId: hanoi.id, outcome: "ok" });

    // Corrected the next day, after the meeting.
    const yesterday = await makeMeeting(db, { unitId: hanoi.id, chairId: chair.id, startsInMinutes: -60 * 20, invite: [guest.id] });
    await takeAttendance(db, chairActor, { meetingId: yesterday.id, present: [], absent: [guest.id] });
    expect((await invitation(yesterday.id, guest.id)).attended).toBe(false);

    const longAgo = await makeMeeting(db, { unitId: hanoi.id, chairId: chair.id, startsInMinutes: -60 * 24 * 3, invite: [guest.id] });
    await expect(takeAttendance(db, chairActor, { meetingId: longAgo.id, present: [guest.id], absent: [] })).rejects.toMatchObject({ code: "conflict", messageKey: "meetingAttendance.closed" });

    const cancelled = await makeMeeting(db, { unitId: hanoi.id, chairId: chair.id, startsInMinutes: 0, status: "cancelled", invite: [guest.id] });
    await expect(takeAttendance(db, chairActor, { meetingId: cancelled.id, present: [guest.id], absent: [] })).rejects.toBeInstanceOf(ConflictError);
  });

  it("meeting.manage over the unit may take it; someone outside it, or an invitee, finds no meeting", async () => {
    const { guest, other } = await people();
    const meeting = await makeMeeting(db, { unitId: hanoi.id, startsInMinutes: 0, invite: [guest.id, other.id] });
    const clerk = await makeUser(db, { unitCode: "HA-NOI", role: "clerk" });
    await takeAttendance(db, await actorFor(db, clerk.username), { meetingId: meeting.id, present: [guest.id, other.id], absent: [] });

    const stranger = await makeUser(db, { unitCode: tuyenQuang.code, role: "officer" });
    for (const username of [stranger.username, guest.username]) {
      const result = await takeAttendanceAction.execute({ db, actor: await actorFor(db, username) }, { meetingId: meeting.id, present: [], absent: [guest.id] });
      expect(result).toMatchObject({ ok: false, code: "not_found" });
    }
    expect((await invitation(meeting.id, guest.id)).attended).toBe(true);
  });

  it("only invited people can be marked", async () => {
    const { guest, other } = await people();
    const chair = await makeUser(db, { unitCode: "HA-NOI", role: "member" });
    const meeting = await makeMeeting(db, { unitId: hanoi.id, chairId: chair.id, startsInMinutes: 0, invite: [guest.id] });
    const result = await takeAttendanceAction.execute({ db, actor: await actorFor(db, chair.username) }, { meetingId: meeting.id, present: [guest.id, other.id], absent: [] });
    expect(result).toMatchObject({ ok: false, code: "invalid" });
    expect((await invitation(meeting.id, guest.id)).attended).toBeNull();
    const both = await takeAttendanceAction.execute({ db, actor: await actorFor(db, chair.username) }, { meetingId: meeting.id, present: [guest.id], absent: [guest.id] });
    expect(both).toMatchObject({ ok: false, code: "invalid" });
  });
});
