import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, memberEvents, members, orgSettings, units } from "@/db/schema";
import { seedDemo } from "@/db/seed/demo";
import type { Actor } from "@/lib/auth/actor";
import { ConflictError, InvalidInputError, NotFoundError } from "@/lib/auth/errors";
import type { DatabaseHandle, Db } from "@/lib/db";
import { decideTransfer, listPendingTransfers, listTurningAge, recordEvaluations, recordExit, requestTransfer } from "@/lib/members/lifecycle";
import { createMemberInput, updateMemberInput } from "@/lib/members/schemas";
import { ageOn, createMember, getMember, listMembers, updateMember } from "@/lib/members/service";
import { createTestDatabase } from "../helpers/db";
import { actorFor, countRows, makeMember, makeUser, unitByCode } from "../helpers/fixtures";

let handle: DatabaseHandle;
let db: Db;
let hanoiOfficer: Actor;
let hanoiLeader: Actor;
let tqOfficer: Actor;
let hcmOfficer: Actor;

async function officerAt(code: string, role: "officer" | "leader" = "officer") {
  const user = await makeUser(db, { unitCode: code, role });
  return actorFor(db, user.username);
}

beforeAll(async () => {
  handle = await createTestDatabase();
  db = handle.db;
  await seedDemo(db);
  hanoiOfficer = await officerAt("HA-NOI");
  hanoiLeader = await officerAt("HA-NOI", "leader");
  tqOfficer = await officerAt("TUYEN-QUANG");
  hcmOfficer = await officerAt("HO-CHI-MINH");
});
afterAll(async () => handle?.close());

const base = { mode: "record", fullName: "Phạm Thị Dương", birthDate: "1975-04-30", gender: "female", ethnicity: "Kinh" } as const;

describe("member records", () => {
  it("records a member with folded name and given-name sort key, an event and an audit entry", async () => {
    const hanoi = await unitByCode(db, "HA-NOI");
    const created = await createMember(db, hanoiOfficer, createMemberInput.parse({ ...base, unitId: hanoi.id, nationalId: "001175012345" }));
    expect(created).toMatchObject({ nameFolded: "pham thi duong", status: "active", version: 1 });
    expect(await countRows(db, memberEvents, and(eq(memberEvents.memberId, created.id), eq(memberEvents.kind, "recorded")))).toBe(1);
    const [audit] = await db.select().from(auditLog).where(and(eq(auditLog.entityId, created.id), eq(auditLog.action, "member.create")));
    expect(JSON.stringify(audit!.changes)).not.toContain("001175012345");
  });

  it("checks the CCCD structure against the birth year", () => {
    const wrongYear = createMemberInput.safeParse({ ...base, unitId: crypto.randomUUID(), nationalId: "001180012345" });
    expect(wrongYear.success).toBe(false);
    expect(wrongYear.error?.issues[0]).toMatchObject({ path: ["nationalId"], message: "member.idBirthYear" });
    expect(createMemberInput.safeParse({ ...base, unitId: crypto.randomUUID(), nationalId: "12345" }).error?.issues[0]?.message).toBe("member.idLength");
    expect(createMemberInput.safeParse({ ...base, unitId: crypto.randomUUID(), nationalId: "123456789" }).success).toBe(true);
  });

  it("refuses a national ID already on record, naming only the other record's unit", async () => {
    const tq = await unitByCode(db, "TUYEN-QUANG");
    const input = createMemberInput.parse({ ...base, unitId: tq.id, nationalId: "001175012345" });
    const error = await createMember(db, tqOfficer, input).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).values).toEqual({ unit: "Hội Cựu TNXP thành phố Hà Nội" });
  });

  it("applies the admission age rule from the settings", async () => {
    await db.update(orgSettings).set({ admissionMinAge: 16, admissionMaxAge: 30 }).where(eq(orgSettings.id, 1));
    const hanoi = await unitByCode(db, "HA-NOI");
    const old = createMemberInput.parse({ ...base, mode: "admit", unitId: hanoi.id, joinedOn: "2026-01-10" });
    await expect(createMember(db, hanoiOfficer, old)).rejects.toBeInstanceOf(InvalidInputError);
    const young = createMemberInput.parse({ ...base, mode: "admit", unitId: hanoi.id, birthDate: "2005-01-09", joinedOn: "2026-01-10" });
    expect((await createMember(db, hanoiOfficer, young)).joinedOn).toBe("2026-01-10");
    expect(ageOn("2005-01-09", "2026-01-08")).toBe(20);
    expect(ageOn("2005-01-09", "2026-01-09")).toBe(21);
    await db.update(orgSettings).set({ admissionMinAge: null, admissionMaxAge: null }).where(eq(orgSettings.id, 1));
  });

  it("cannot create at a unit outside the scope", async () => {
    const tq = await unitByCode(db, "TUYEN-QUANG");
    await expect(createMember(db, hanoiOfficer, createMemberInput.parse({ ...base, unitId: tq.id }))).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("optimistic concurrency", () => {
  it("two edits from the same version race: one wins, the other gets the newer record and nothing is lost", async () => {
    const hanoi = await unitByCode(db, "HA-NOI");
    const member = await makeMember(db, hanoi.id, { fullName: "Lê Văn Bình", phone: "0912000001" });
    const first = updateMemberInput.parse({ id: member.id, version: 1, fullName: "Lê Văn Bình", birthDate: "1980-05-01", phone: "0912000002" });
    const second = updateMemberInput.parse({ id: member.id, version: 1, fullName: "Lê Văn Bính", birthDate: "1980-05-01", phone: "0912000001", occupation: "Hưu trí" });
    const results = await Promise.allSettled([updateMember(db, hanoiOfficer, first), updateMember(db, hanoiOfficer, second)]);
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r) => r.status === "rejected") as PromiseRejectedResult[];
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0]!.reason).toBeInstanceOf(ConflictError);
    const details = (lost[0]!.reason as ConflictError).details as { version: number; current: Record<string, unknown>; changedFields: string[] };
    expect(details.version).toBe(2);
    const [stored] = await db.select().from(members).where(eq(members.id, member.id));
    expect(stored!.version).toBe(2);
    // The winner's change is stored; the loser is told exactly what the record now holds.
    expect(details.current.phone).toBe(stored!.phone);
    expect(details.changedFields.length).toBeGreaterThan(0);
    // Retrying from the new version succeeds.
    const retry = await updateMember(db, hanoiOfficer, { ...(lost[0] === results[0] ? first : second), version: 2 });
    expect(retry.version).toBe(3);
  });
});

describe("reading and lists", () => {
  it("masks the national ID for a leader and logs every view", async () => {
    const hanoi = await unitByCode(db, "HA-NOI");
    const member = await makeMember(db, hanoi.id, { nationalId: "001080099999" });
    const asLeader = await getMember(db, hanoiLeader, member.id);
    expect(asLeader.member.nationalId).toBe("••••••••9999");
    expect(asLeader.idMasked).toBe(true);
    const asOfficer = await getMember(db, hanoiOfficer, member.id);
    expect(asOfficer.member.nationalId).toBe("001080099999");
    expect(await countRows(db, auditLog, and(eq(auditLog.action, "member.view"), eq(auditLog.entityId, member.id)))).toBe(2);
    await expect(getMember(db, tqOfficer, member.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("search ignores diacritics, ranks exact diacritics first and sorts by given name", async () => {
    const ward = await unitByCode(db, "HA-NOI-BA-DINH");
    for (const name of ["Đỗ Thị Đường", "Trần Văn Dương", "Ngô Thị Đương", "Bùi Duong Anh"]) await makeMember(db, ward.id, { fullName: name });
    const result = await listMembers(db, hanoiOfficer, { page: 1, pageSize: 50, q: "dương", unitId: ward.id });
    const names = result.rows.map((r) => r.fullName);
    expect(names[0]).toBe("Trần Văn Dương");
    expect(names).toEqual(expect.arrayContaining(["Đỗ Thị Đường", "Ngô Thị Đương", "Bùi Duong Anh"]));
    const unaccented = await listMembers(db, hanoiOfficer, { page: 1, pageSize: 50, q: "duong", unitId: ward.id });
    expect(unaccented.total).toBeGreaterThanOrEqual(4);
    const sorted = await listMembers(db, hanoiOfficer, { page: 1, pageSize: 500, unitId: ward.id });
    const given = sorted.rows.map((r) => r.fullName.split(" ").at(-1)!);
    const collator = new Intl.Collator("vi");
    for (let i = 1; i < given.length; i++) expect(collator.compare(given[i - 1]!, given[i]!), `${given[i - 1]} ≤ ${given[i]}`).toBeLessThanOrEqual(0);
  });

  it("never lists another province's members", async () => {
    const tq = await unitByCode(db, "TUYEN-QUANG");
    const stranger = await makeMember(db, tq.id, { fullName: "Hà Văn Ngoài Tỉnh" });
    const result = await listMembers(db, hanoiOfficer, { page: 1, pageSize: 50, q: "ngoai tinh" });
    expect(result.rows.map((r) => r.id)).not.toContain(stranger.id);
    await expect(listMembers(db, hanoiOfficer, { page: 1, pageSize: 50, unitId: tq.id })).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("lifecycle", () => {
  it("a transfer: in transit and visible on both sides, accepted into a branch of the receiving unit", async () => {
    const hanoi = await unitByCode(db, "HA-NOI");
    const member = await makeMember(db, hanoi.id, { fullName: "Vũ Thị Chuyển" });
    const tq = await unitByCode(db, "TUYEN-QUANG");
    const transfer = await requestTransfer(db, hanoiOfficer, { memberId: member.id, toUnitId: tq.id, reason: "Theo gia đình" });
    const [inTransit] = await db.select().from(members).where(eq(members.id, member.id));
    expect(inTransit!.status).toBe("in_transit");
    expect((await listPendingTransfers(db, hanoiOfficer)).map((t) => t.id)).toContain(transfer.id);
    expect((await listPendingTransfers(db, tqOfficer)).map((t) => t.id)).toContain(transfer.id);
    expect((await listMembers(db, tqOfficer, { page: 1, pageSize: 50, q: "chuyen" })).rows.map((r) => r.id)).toContain(member.id);
    // The sending side cannot decide for the receiving one.
    await expect(decideTransfer(db, hanoiOfficer, { transferId: transfer.id, accept: true, placeUnitId: null, note: "" })).rejects.toBeInstanceOf(NotFoundError);
    const [branch] = await db.select().from(units).where(and(eq(units.parentId, (await unitByCode(db, "TUYEN-QUANG-MINH-XUAN")).id))).limit(1);
    await decideTransfer(db, tqOfficer, { transferId: transfer.id, accept: true, placeUnitId: branch?.id ?? null, note: "Đồng ý" });
    const [moved] = await db.select().from(members).where(eq(members.id, member.id));
    expect(moved).toMatchObject({ status: "active", unitId: branch?.id ?? tq.id });
    await expect(decideTransfer(db, tqOfficer, { transferId: transfer.id, accept: false, placeUnitId: null, note: "" })).rejects.toBeInstanceOf(ConflictError);
  });

  it("a rejected transfer leaves the member active at the sending unit", async () => {
    const hanoi = await unitByCode(db, "HA-NOI");
    const member = await makeMember(db, hanoi.id);
    const hcm = await unitByCode(db, "HO-CHI-MINH");
    const transfer = await requestTransfer(db, hanoiOfficer, { memberId: member.id, toUnitId: hcm.id, reason: "" });
    await decideTransfer(db, hcmOfficer, { transferId: transfer.id, accept: false, placeUnitId: null, note: "Không có trong danh sách" });
    const [after] = await db.select().from(members).where(eq(members.id, member.id));
    expect(after).toMatchObject({ status: "active", unitId: hanoi.id });
  });

  it("evaluations are entered in bulk and replace an earlier entry for the same year", async () => {
    const ward = await unitByCode(db, "HA-NOI-BA-DINH");
    const a = await makeMember(db, ward.id);
    const b = await makeMember(db, ward.id);
    await recordEvaluations(db, hanoiOfficer, { unitId: ward.id, year: 2025, results: [{ memberId: a.id, level: "good" }, { memberId: b.id, level: "excellent" }] });
    await recordEvaluations(db, hanoiOfficer, { unitId: ward.id, year: 2025, results: [{ memberId: a.id, level: "completed" }] });
    const filtered = await listMembers(db, hanoiOfficer, { page: 1, pageSize: 50, unitId: ward.id, evaluationYear: 2025, evaluation: "completed" });
    expect(filtered.rows.map((r) => r.id)).toContain(a.id);
    expect(filtered.rows.map((r) => r.id)).not.toContain(b.id);
    expect(filtered.total).toBe(filtered.rows.length);
    // A member of another ward is refused, and nothing of the batch is written.
    const other = await makeMember(db, (await unitByCode(db, "HA-NOI")).id);
    await expect(
      recordEvaluations(db, hanoiOfficer, { unitId: ward.id, year: 2024, results: [{ memberId: a.id, level: "good" }, { memberId: other.id, level: "good" }] }),
    ).rejects.toBeInstanceOf(NotFoundError);
    expect((await listMembers(db, hanoiOfficer, { page: 1, pageSize: 50, unitId: ward.id, evaluationYear: 2024, evaluation: "good" })).rows.map((r) => r.id)).not.toContain(a.id);
  });

  it("members turning 30 this year mature out together", async () => {
    const hanoi = await unitByCode(db, "HA-NOI");
    const year = 2026;
    const young = await makeMember(db, hanoi.id, { fullName: "Đinh Văn Ba Mươi", birthDate: `${year - 30}-06-15` });
    const list = await listTurningAge(db, hanoiOfficer, { year });
    expect(list.map((m) => m.id)).toContain(young.id);
    await recordExit(db, hanoiOfficer, { memberIds: [young.id], kind: "matured_out", occurredOn: `${year}-11-21`, reason: "Đủ 30 tuổi" });
    const [after] = await db.select().from(members).where(eq(members.id, young.id));
    expect(after).toMatchObject({ status: "matured_out", statusSince: `${year}-11-21` });
    expect((await listTurningAge(db, hanoiOfficer, { year })).map((m) => m.id)).not.toContain(young.id);
    await expect(recordExit(db, hanoiOfficer, { memberIds: [young.id], kind: "left", occurredOn: `${year}-11-22`, reason: "x" })).rejects.toBeInstanceOf(InvalidInputError);
  });
});
