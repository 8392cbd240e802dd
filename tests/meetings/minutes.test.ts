import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, documents, meetingInvitations, meetingMinutes, users, type Unit } from "@/db/schema";
import { seedDemo } from "@/db/seed/demo";
import { ConflictError, NotFoundError } from "@/lib/auth/errors";
import type { DatabaseHandle, Db } from "@/lib/db";
import { formatDate, todayInVietnam } from "@/lib/i18n/format";
import { approveMinutes, draftMinutes, getMinutes, saveMinutes } from "@/lib/meetings/minutes";
import { renderMinutesTemplate } from "@/lib/meetings/minutes-template";
import { approveMinutesAction, saveMinutesAction } from "@/lib/meetings/participation-actions";
import { replyToInvitation } from "@/lib/meetings/replies";
import { createTestDatabase } from "../helpers/db";
import { actorFor, countRows, makeUser, unitByCode } from "../helpers/fixtures";
import { makeMeeting, makeRoom } from "./participation-fixtures";

let handle: DatabaseHandle;
let db: Db;
let hanoi: Unit;
beforeAll(async () => {
  handle = await createTestDatabase();
  db = handle.db;
  await seedDemo(db);
  hanoi = await unitByCode(db, "HA-NOI");
});
afterAll(async () => handle?.close());

/** A meeting of Hà Nội that started half an hour ago, chaired by a member, with three invitees. */
async function setting(options: { roomKind?: "physical" | "online" } = {}) {
  const chair = await makeUser(db, { unitCode: "HA-NOI", role: "member", fullName: "Nguyễn Văn Chủ Trì" });
  const secretary = await makeUser(db, { unitCode: "HA-NOI", role: "clerk", fullName: "Trần Thị Thư Ký" });
  const came = await makeUser(db, { unitCode: "HA-NOI", role: "member", fullName: "Lê Văn Đến" });
  const away = await makeUser(db, { unitCode: "HA-NOI", role: "member", fullName: "Phạm Thị Vắng" });
  const sent = await makeUser(db, { unitCode: "HA-NOI", role: "member", fullName: "Hoàng Văn Cử" });
  const room = options.roomKind ? await makeRoom(db, hanoi.id, options.roomKind) : null;
  const meeting = await makeMeeting(db, {
    unitId: hanoi.id,
    chairId: chair.id,
    startsInMinutes: -30,
    title: "Giao ban tháng Ba",
    invite: [came.id, away.id, sent.id],
    agenda: [{ title: "Kết quả công tác tháng Hai", presenter: "Văn phòng" }, { title: "Kế hoạch tháng Ba" }],
    roomId: room?.id ?? null,
  });
  await replyToInvitation(db, await actorFor(db, sent.username), { meetingId: meeting.id, reply: "deputy", deputyName: "Đỗ Thị Thay", note: "" }, new Date(meeting.startsAt.getTime() - 3_600_000));
  await db.update(meetingInvitations).set({ attended: true }).where(and(eq(meetingInvitations.meetingId, meeting.id), sql`${meetingInvitations.userId} in (${came.id}, ${sent.id})`));
  await db.update(meetingInvitations).set({ attended: false }).where(and(eq(meetingInvitations.meetingId, meeting.id), eq(meetingInvitations.userId, away.id)));
  return { meeting, room, chair: await actorFor(db, chair.username), secretary: await actorFor(db, secretary.username) };
}

describe("the minutes template", () => {
  it("has the heading of a biên bản, time and place, chair and secretary, attendance, a section per item, closing and signatures", () => {
    const text = renderMinutesTemplate({
      superiorName: "Hội Cựu Thanh niên xung phong Việt Nam",
      unitName: "Hội Cựu TNXP thành phố Hà Nội",
      title: "Giao ban tuần",
      startsAt: new Date("2026-03-02T02:00:00Z"),
      endsAt: new Date("2026-03-02T03:30:00Z"),
      place: { kind: "online", name: "Phòng trực tuyến", url: "https://meet.jit.si/KetNoi-HN-abc" },
      chairName: "Nguyễn Văn A",
      secretaryName: "Trần Thị B",
      present: [{ name: "Lê C" }, { name: "Hoàng D", deputyName: "Đỗ E" }],
      absent: [{ name: "Phạm F", reason: "Ốm" }],
      unmarked: [],
      agenda: [{ title: "Báo cáo tuần", presenter: "Văn phòng" }, { title: "Việc tuần tới", presenter: "" }],
    });
    const lines = text.split("\n");
    expect(lines.slice(0, 5)).toEqual(["HỘI CỰU THANH NIÊN XUNG PHONG VIỆT NAM", "HỘI CỰU TNXP THÀNH PHỐ HÀ NỘI", "", "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]);
    expect(lines).toContain("BIÊN BẢN");
    expect(lines).toContain("GIAO BAN TUẦN");
    expect(lines).toContain("Thời gian: bắt đầu lúc 09 giờ 00 phút, ngày 02/03/2026.");
    expect(lines).toContain("Hình thức: họp trực tuyến, phòng họp Phòng trực tuyến: https://meet.jit.si/KetNoi-HN-abc");
    expect(lines).toContain("Chủ trì: Nguyễn Văn A");
    expect(lines).toContain("Thư ký: Trần Thị B");
    expect(lines).toContain("- Có mặt: 2 người");
    expect(lines).toContain("  + Hoàng D (cử Đỗ E dự thay)");
    expect(lines).toContain("- Vắng mặt: 1 người");
    expect(lines).toContain("  + Phạm F (lý do: Ốm)");
    expect(lines).toContain("1. Báo cáo tuần (trình bày: Văn phòng)");
    expect(lines).toContain("2. Việc tuần tới");
    expect(lines.filter((l) => l.startsWith("Kết luận:"))).toHaveLength(2);
    expect(lines).toContain("Cuộc họp kết thúc lúc 10 giờ 30 phút, ngày 02/03/2026.");
    expect(lines.slice(-7)).toEqual(["THƯ KÝ", "(Ký, ghi rõ họ tên)", "Trần Thị B", "", "CHỦ TRÌ", "(Ký, ghi rõ họ tên)", "Nguyễn Văn A"]);
  });

  it("a draft is filled from the meeting: unit, room, chair, the writer as secretary, attendance taken, agenda", async () => {
    const { meeting, secretary } = await setting({ roomKind: "physical" });
    const draft = await draftMinutes(db, secretary, { meetingId: meeting.id });
    expect(draft).toMatchObject({ status: "draft", version: 1, writtenBy: secretary.userId });
    const lines = draft.body.split("\n");
    expect(lines).toContain(hanoi.name.toLocaleUpperCase("vi"));
    expect(lines).toContain("GIAO BAN THÁNG BA");
    expect(lines).toContain("Địa điểm: Phòng họp tầng 2, Số 12 Lê Lợi");
    expect(lines).toContain("Chủ trì: Nguyễn Văn Chủ Trì");
    expect(lines).toContain("Thư ký: Trần Thị Thư Ký");
    expect(lines).toContain("- Có mặt: 2 người");
    expect(lines).toContain("  + Hoàng Văn Cử (cử Đỗ Thị Thay dự thay)");
    expect(lines).toContain("  + Phạm Thị Vắng");
    expect(lines).toContain("1. Kết quả công tác tháng Hai (trình bày: Văn phòng)");
    expect(lines).toContain("2. Kế hoạch tháng Ba");
    const [audit] = await db.select().from(auditLog).where(and(eq(auditLog.action, "meeting.minutes.draft"), eq(auditLog.entityId, meeting.id)));
    expect(audit).toMatchObject({ actorId: secretary.userId, unitId: hanoi.id });
    // One draft per meeting.
    await expect(draftMinutes(db, secretary, { meetingId: meeting.id })).rejects.toMatchObject({ messageKey: "meetingMinutes.exists" });
  });

  it("an online meeting's draft gives its link", async () => {
    const { meeting, room, chair } = await setting({ roomKind: "online" });
    const draft = await draftMinutes(db, chair, { meetingId: meeting.id });
    expect(draft.body).toContain(`https://meet.jit.si/${room!.onlineSlug}`);
    expect(draft.body).toContain("Thư ký: Nguyễn Văn Chủ Trì");
  });
});

describe("saving and approving", () => {
  it("a stale save is refused with the newer text, and nothing is overwritten", async () => {
    const { meeting, secretary, chair } = await setting();
    await draftMinutes(db, secretary, { meetingId: meeting.id });
    const first = await saveMinutes(db, chair, { meetingId: meeting.id, version: 1, body: "Bản của chủ trì" });
    expect(first.version).toBe(2);
    const stale = await saveMinutesAction.execute({ db, actor: secretary }, { meetingId: meeting.id, version: "1", body: "Bản cũ của thư ký" });
    expect(stale).toMatchObject({ ok: false, code: "conflict", details: { version: 2, body: "Bản của chủ trì" } });
    const [row] = await db.select().from(meetingMinutes).where(eq(meetingMinutes.meetingId, meeting.id));
    expect(row).toMatchObject({ version: 2, body: "Bản của chủ trì", writtenBy: chair.userId });
  });

  it("only the chair approves: a keeper of the unit is refused, someone elsewhere finds nothing", async () => {
    const { meeting, secretary } = await setting();
    await draftMinutes(db, secretary, { meetingId: meeting.id });
    const docsBefore = await countRows(db, documents);
    const refused = await approveMinutesAction.execute({ db, actor: secretary }, { meetingId: meeting.id, version: 1 });
    expect(refused).toMatchObject({ ok: false, code: "forbidden", message: "Chỉ người chủ trì cuộc họp mới duyệt được biên bản." });
    const stranger = await makeUser(db, { unitCode: "TUYEN-QUANG", role: "administrator" });
    await expect(approveMinutes(db, await actorFor(db, stranger.username), { meetingId: meeting.id, version: 1 })).rejects.toBeInstanceOf(NotFoundError);
    const [row] = await db.select().from(meetingMinutes).where(eq(meetingMinutes.meetingId, meeting.id));
    expect(row).toMatchObject({ status: "draft", documentId: null });
    expect(await countRows(db, documents)).toBe(docsBefore);
    expect((await getMinutes(db, secretary, meeting.id))).toMatchObject({ canEdit: true, canApprove: false });
  });

  it("the chair's approval registers a biên bản of the unit, numbered in turn, and the minutes become read-only", async () => {
    const year = todayInVietnam().slice(0, 4);
    const numbered = async () => {
      const { meeting, secretary, chair } = await setting();
      await draftMinutes(db, secretary, { meetingId: meeting.id });
      await saveMinutes(db, secretary, { meetingId: meeting.id, version: 1, body: "BIÊN BẢN\nKết luận: thống nhất kế hoạch." });
      expect(await getMinutes(db, chair, meeting.id)).toMatchObject({ canEdit: true, canApprove: true });
      const { minutes, document } = await approveMinutes(db, chair, { meetingId: meeting.id, version: 2 });
      return { meeting, secretary, chair, minutes, document };
    };
    const a = await numbered();
    expect(a.minutes).toMatchObject({ status: "approved", approvedBy: a.chair.userId, documentId: a.document.id, body: "BIÊN BẢN\nKết luận: thống nhất kế hoạch." });
    expect(a.document).toMatchObject({
      unitId: hanoi.id,
      issuerUnitId: hanoi.id,
      typeCode: "BB",
      visibility: "internal",
      confidentiality: "normal",
      issuedOn: todayInVietnam(),
      signer: "Nguyễn Văn Chủ Trì",
      abstract: `Biên bản Giao ban tháng Ba ngày ${formatDate(a.meeting.startsAt)}`,
      publishedAt: null,
    });
    expect(a.document.numberSymbol).toMatch(/^\d{2,}[-/]BB[-/]HANOI$/);
    const b = await numbered();
    expect(b.document.number).toBe(a.document.number! + 1);
    expect(a.document.issuedOn.slice(0, 4)).toBe(year);

    const audits = await db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, a.meeting.id));
    expect(audits.map((x) => x.action)).toEqual(expect.arrayContaining(["meeting.minutes.draft", "meeting.minutes.save", "meeting.minutes.approve"]));

    // Read-only from now on, for everyone; approving twice registers nothing more.
    await expect(saveMinutes(db, a.secretary, { meetingId: a.meeting.id, version: 3, body: "Sửa sau khi duyệt" })).rejects.toMatchObject({ messageKey: "meetingMinutes.readOnly" });
    await expect(approveMinutes(db, a.chair, { meetingId: a.meeting.id, version: 3 })).rejects.toBeInstanceOf(ConflictError);
    expect(await getMinutes(db, a.secretary, a.meeting.id)).toMatchObject({ canEdit: false, canApprove: false, minutes: { documentSymbol: a.document.numberSymbol } });
    expect(await countRows(db, documents, eq(documents.id, a.document.id))).toBe(1);
  });

  it("approval is one transaction: when the minutes cannot be marked approved, no document record remains", async () => {
    const { meeting, secretary, chair } = await setting();
    await draftMinutes(db, secretary, { meetingId: meeting.id });
    await db.execute(sql.raw(`create or replace function test_refuse_approval() returns trigger language plpgsql as $$
      begin if new.status = 'approved' and new.meeting_id = '${meeting.id}' then raise exception 'refused by test'; end if; return new; end $$`));
    await db.execute(sql.raw(`create trigger test_refuse_approval before update on meeting_minutes for each row execute function test_refuse_approval()`));
    try {
      const docsBefore = await countRows(db, documents);
      const auditsBefore = await countRows(db, auditLog, eq(auditLog.action, "meeting.minutes.approve"));
      const result = await approveMinutesAction.execute({ db, actor: chair }, { meetingId: meeting.id, version: 1 });
      expect(result).toMatchObject({ ok: false, code: "error" });
      expect(await countRows(db, documents)).toBe(docsBefore);
      expect(await countRows(db, auditLog, eq(auditLog.action, "meeting.minutes.approve"))).toBe(auditsBefore);
      const [row] = await db.select().from(meetingMinutes).where(eq(meetingMinutes.meetingId, meeting.id));
      expect(row).toMatchObject({ status: "draft", documentId: null, version: 1 });
    } finally {
      await db.execute(sql.raw(`drop trigger test_refuse_approval on meeting_minutes`));
    }
  });

  it("invitees read the minutes but cannot edit them; a cancelled meeting gets none", async () => {
    const { meeting, secretary } = await setting();
    await draftMinutes(db, secretary, { meetingId: meeting.id });
    const [invitee] = await db.select({ userId: meetingInvitations.userId }).from(meetingInvitations).where(eq(meetingInvitations.meetingId, meeting.id)).limit(1);
    const [user] = await db.select({ username: users.username }).from(users).where(eq(users.id, invitee!.userId));
    const view = await getMinutes(db, await actorFor(db, user!.username), meeting.id);
    expect(view).toMatchObject({ canEdit: false, canApprove: false, canDraft: false });
    expect(view.minutes?.body).toContain("BIÊN BẢN");
    await expect(saveMinutes(db, await actorFor(db, user!.username), { meetingId: meeting.id, version: 1, body: "x" })).rejects.toBeInstanceOf(NotFoundError);

    const cancelled = await makeMeeting(db, { unitId: hanoi.id, status: "cancelled" });
    await expect(draftMinutes(db, secretary, { meetingId: cancelled.id })).rejects.toMatchObject({ messageKey: "meetingMinutes.cancelled" });
  });
});
