import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { memberEvents, memberImportBatches, memberParticipations, members } from "@/db/schema";
import { seedDemo } from "@/db/seed/demo";
import { ConflictError, InvalidInputError, NotFoundError } from "@/lib/auth/errors";
import type { DatabaseHandle, Db } from "@/lib/db";
import { resetEnvCache } from "@/lib/env";
import {
  commitImport,
  confirmImportMapping,
  decideImportRows,
  discardImport,
  FileRejected,
  fixImportRow,
  getImportBatch,
  listImportBatches,
  startImport,
} from "@/lib/members/import/service";
import { sha256 } from "@/lib/members/import/storage";
import { getMember } from "@/lib/members/service";
import { statsDashboard } from "@/lib/stats/dashboard";
import { directMemberCounts } from "@/lib/stats/direct";
import { todayInVietnam } from "@/lib/i18n/format";
import { createTestDatabase, onPostgres } from "../helpers/db";
import { actorFor, countRows, makeMember, unitByCode } from "../helpers/fixtures";

let handle: DatabaseHandle;
let db: Db;
let dataDir: string;
const previousDataDir = process.env.DATA_DIR;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), "kn-import-"));
  process.env.DATA_DIR = dataDir;
  resetEnvCache();
  handle = await createTestDatabase();
  db = handle.db;
  await seedDemo(db);
});
afterAll(async () => {
  await handle?.close();
  rmSync(dataDir, { recursive: true, force: true });
  if (previousDataDir === undefined) delete process.env.DATA_DIR;
  else process.env.DATA_DIR = previousDataDir;
  resetEnvCache();
});

const csv = (lines: string[]) => new TextEncoder().encode(lines.join("\r\n"));

/** A list as communes send it: two title rows, an STT column, dates of every kind, two bad rows. */
function communeList(suffix: string) {
  return csv([
    `DANH SÁCH ĐOÀN VIÊN ${suffix}`,
    "(kèm theo công văn số 12/CV-ĐTN)",
    "STT,Họ và tên,Ngày sinh,Giới tính,Dân tộc,Số CCCD,Số điện thoại",
    `1,Nguyễn Văn Ân${suffix},15/03/2002,Nam,Kinh,001202000111,0912345678`,
    `2,Trần Thị Bình${suffix},31/02/2001,Nữ,Kinh,,`,
    `3,Lê Văn Cường${suffix},1999,Nam,Tày,12345,`,
    `4,Phạm Thị Dung,20/10/2003,Nữ,Kinh,008303000444,`,
    `5,Hoàng Văn Em,05/05/2000,Nam,Kinh,,`,
  ]);
}

describe("member import batches", () => {
  it("refuses files it cannot read with the reason, and writes nothing", async () => {
    const officer = await actorFor(db, "hanoi.canbo");
    const ward = await unitByCode(db, "HA-NOI-BA-DINH");
    const before = await countRows(db, memberImportBatches);
    const cases: [Uint8Array, string, RegExp][] = [
      [new Uint8Array(), "trong.xlsx", /trống/],
      [new TextEncoder().encode("%PDF-1.7 not a list"), "danh-sach.xlsx", /không phải bảng tính/],
      [csv(["a,b,c", "1,2,3"]), "khong-tieu-de.csv", /tiêu đề cột/],
      [new Uint8Array(21 * 1024 * 1024).fill(65), "lon.csv", /quá lớn/],
    ];
    for (const [bytes, name, message] of cases) {
      const error = await startImport(db, officer, { unitId: ward.id, fileName: name, bytes }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(FileRejected);
      expect((error as FileRejected).text).toMatch(message);
    }
    expect(await countRows(db, memberImportBatches)).toBe(before);
    expect(readdirSync(dataDir).length).toBe(0);
  });

  it("previews, refuses to commit with unresolved rows, then commits fixes and decisions in one go", async () => {
    const officer = await actorFor(db, "hanoi.canbo");
    const ward = await unitByCode(db, "HA-NOI-BA-DINH");
    const tq = await unitByCode(db, "TUYEN-QUANG");
    const elsewhere = await makeMember(db, tq.id, { fullName: "Phạm Thị Dung", birthDate: "2003-10-20", nationalId: "008303000444" });
    const here = await makeMember(db, ward.id, { fullName: "Hoàng Văn Em", birthDate: "2000-05-05" });
    const bytes = communeList(" A");

    const { id } = await startImport(db, officer, { unitId: ward.id, fileName: "ds-ba-dinh.csv", bytes });
    const { batch, analysis } = await getImportBatch(db, officer, id);
    expect(batch.fileHash).toBe(sha256(bytes));
    expect(readdirSync(path.join(dataDir, "files", batch.fileHash.slice(0, 2)))).toContain(batch.fileHash);
    const rows = analysis!.rows;
    expect(rows.map((r) => r.rowNumber)).toEqual([4, 5, 6, 7, 8]);
    expect(rows.map((r) => r.decision)).toEqual(["create", "create", "create", "skip", "skip"]);
    expect(rows[1]!.problems.map((p) => [p.field, p.code])).toEqual([["birthDate", "impossibleDate"]]);
    expect(rows[2]!.problems.map((p) => [p.field, p.code])).toEqual([["nationalId", "idLength"]]);
    expect(rows[2]!.yearOnly).toEqual(["birthDate"]);
    // Another province's record: where it is, not who it is.
    expect(rows[3]!.match).toMatchObject({ by: "nationalId", unitName: tq.name, inScope: false, memberId: null, fullName: null });
    expect(rows[3]!.allowed).toEqual(["skip", "secondary"]);
    expect(rows[4]!.match).toMatchObject({ by: "person", inScope: true, memberId: here.id, fullName: "Hoàng Văn Em" });
    expect(rows[4]!.allowed).toEqual(["skip", "update", "create"]);
    expect(analysis!.counts).toMatchObject({ total: 5, create: 3, skip: 2, problems: 2, duplicates: 2, blocked: 2 });

    const refused = await commitImport(db, officer, { batchId: id }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ConflictError);
    expect((refused as ConflictError).values).toEqual({ count: 2 });
    expect(await countRows(db, members, eq(members.importBatchId, id))).toBe(0);

    // Row 6: the ID is wrong and unknown, leave it empty; row 5: skip it; row 7: take part here too.
    const fixed = await fixImportRow(db, officer, {
      batchId: id,
      rowNumber: 6,
      values: { fullName: "Lê Văn Cường A", birthDate: "1999", gender: "Nam", ethnicity: "Tày", nationalId: "" },
    });
    expect(fixed.problems).toEqual([]);
    await decideImportRows(db, officer, { batchId: id, rowNumbers: [5], decision: "skip" });
    await decideImportRows(db, officer, { batchId: id, rowNumbers: [7], decision: "secondary" });
    await expect(decideImportRows(db, officer, { batchId: id, rowNumbers: [7], decision: "update" })).rejects.toBeInstanceOf(InvalidInputError);

    const counts = await commitImport(db, officer, { batchId: id });
    expect(counts).toEqual({ created: 2, updated: 0, secondary: 1, skipped: 2 });
    // The statistics counted them in the same transaction (the triggers see the import's COPY too).
    const stats = await statsDashboard(db, officer, { unitId: ward.id });
    const direct = await directMemberCounts(db, ward.id, todayInVietnam());
    expect(stats.figures.members.count).toBe(direct.members);
    expect(Object.fromEntries(stats.figures.breakdowns.ethnicity.filter((r) => r.count > 0).map((r) => [r.key, r.count]))).toEqual(direct.breakdowns.ethnicity);
    expect(stats.figures.breakdowns.ethnicity.find((r) => r.key === "Tày")?.count).toBeGreaterThanOrEqual(1);
    const created = await db.select().from(members).where(eq(members.importBatchId, id)).orderBy(members.fullName);
    expect(created.map((m) => [m.fullName, m.birthDate, m.birthYearOnly, m.unitId, m.nationalId])).toEqual([
      ["Lê Văn Cường A", "1999-01-01", true, ward.id, null],
      ["Nguyễn Văn Ân A", "2002-03-15", false, ward.id, "001202000111"],
    ]);
    // The batch records them: no event row per member, one "recorded" step on each timeline from the batch.
    expect(await countRows(db, memberEvents, sql`${memberEvents.details}->>'importBatchId' = ${id}`)).toBe(0);
    const timeline = (await getMember(db, officer, created[1]!.id)).events;
    expect(timeline.map((e) => [e.kind, e.occurredOn, e.unitName, e.details.fileName])).toEqual([["recorded", todayInVietnam(), ward.name, "ds-ba-dinh.csv"]]);
    const participation = await db.select().from(memberParticipations).where(eq(memberParticipations.memberId, elsewhere.id));
    expect(participation.map((p) => p.unitId)).toEqual([ward.id]);
    const after = await getImportBatch(db, officer, id);
    expect(after.batch).toMatchObject({ status: "committed", rowCount: 5, createdCount: 2, secondaryCount: 1, skippedCount: 2 });
    expect(after.analysis).toBeNull();
    await expect(commitImport(db, officer, { batchId: id })).rejects.toBeInstanceOf(ConflictError);

    // The same file again: everyone already there is skipped, nobody is added twice.
    const again = await startImport(db, officer, { unitId: ward.id, fileName: "ds-ba-dinh (1).csv", bytes });
    const second = await getImportBatch(db, officer, again.id);
    expect(second.earlier.map((e) => e.id)).toEqual([id]);
    expect(second.analysis!.rows.filter((r) => r.problems.length === 0).map((r) => r.decision)).toEqual(["skip", "skip", "skip"]);
    await decideImportRows(db, officer, { batchId: again.id, rowNumbers: [5, 6], decision: "skip" });
    expect(await commitImport(db, officer, { batchId: again.id })).toEqual({ created: 0, updated: 0, secondary: 0, skipped: 5 });
    expect(await countRows(db, members, sql`${members.fullName} like 'Nguyễn Văn Ân A'`)).toBe(1);
  });

  it("updates an existing record in scope from the file when asked, keeping what the file leaves blank", async () => {
    const officer = await actorFor(db, "hanoi.canbo");
    const ward = await unitByCode(db, "HA-NOI-BA-DINH");
    const existing = await makeMember(db, ward.id, { fullName: "Đỗ Thị Giang", birthDate: "2001-01-09", phone: "0911111111", ethnicity: "Kinh" });
    const { id } = await startImport(db, officer, {
      unitId: ward.id,
      fileName: "cap-nhat.csv",
      bytes: csv(["Họ và tên;Ngày sinh;Số điện thoại;Dân tộc", "Đỗ Thị Giang;09/01/2001;0988 777 666;"]),
    });
    await decideImportRows(db, officer, { batchId: id, rowNumbers: [2], decision: "update" });
    expect(await commitImport(db, officer, { batchId: id })).toMatchObject({ created: 0, updated: 1 });
    const [after] = await db.select().from(members).where(eq(members.id, existing.id));
    expect(after).toMatchObject({ phone: "0988777666", ethnicity: "Kinh", version: existing.version + 1 });
  });

  it("remembers a confirmed mapping for the next file with the same headers", async () => {
    const officer = await actorFor(db, "hanoi.canbo");
    const ward = await unitByCode(db, "HA-NOI-HOAN-KIEM");
    const lines = ["Họ và tên,Ngày sinh,Địa chỉ,Ghi chú", "Vũ Văn Hải,01/02/1998,Số 1 Hàng Bạc,khá"];
    const first = await startImport(db, officer, { unitId: ward.id, fileName: "a.csv", bytes: csv(lines) });
    const before = await getImportBatch(db, officer, first.id);
    expect(before.batch.mappingConfirmed).toBe(false);
    expect(before.analysis!.mapping[2]).toBe("currentAddress");
    await expect(confirmImportMapping(db, officer, { batchId: first.id, mapping: { "0": null, "1": "birthDate", "2": null, "3": null } })).rejects.toBeInstanceOf(InvalidInputError);
    await confirmImportMapping(db, officer, { batchId: first.id, mapping: { "0": "fullName", "1": "birthDate", "2": "hometown", "3": null } });
    const second = await startImport(db, officer, { unitId: ward.id, fileName: "b.csv", bytes: csv([...lines.slice(0, 1), "Vũ Thị Hoa,03/04/1999,Nam Định,"]) });
    const next = await getImportBatch(db, officer, second.id);
    expect(next.batch.mappingConfirmed).toBe(true);
    expect(next.analysis!.mapping).toEqual({ 0: "fullName", 1: "birthDate", 2: "hometown", 3: null });
    await discardImport(db, officer, { batchId: second.id });
    await expect(commitImport(db, officer, { batchId: second.id })).rejects.toBeInstanceOf(ConflictError);
  });

  it("keeps batches inside the importer's units and unit codes inside them too", async () => {
    const hanoi = await actorFor(db, "hanoi.canbo");
    const tqOfficer = await actorFor(db, "tuyenquang.canbo");
    const ward = await unitByCode(db, "HA-NOI-BA-DINH");
    const tq = await unitByCode(db, "TUYEN-QUANG");
    await expect(startImport(db, tqOfficer, { unitId: ward.id, fileName: "x.csv", bytes: communeList(" X") })).rejects.toBeInstanceOf(NotFoundError);
    const { id } = await startImport(db, hanoi, {
      unitId: ward.id,
      fileName: "ma-don-vi.csv",
      bytes: csv(["Họ và tên,Ngày sinh,Mã đơn vị", `Mai Văn Khoa,02/02/2002,${tq.code}`, "Mai Văn Lâm,03/03/2003,HA-NOI-HOAN-KIEM"]),
    });
    await expect(getImportBatch(db, tqOfficer, id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(commitImport(db, tqOfficer, { batchId: id })).rejects.toBeInstanceOf(NotFoundError);
    const { analysis } = await getImportBatch(db, hanoi, id);
    expect(analysis!.rows[0]!.problems.map((p) => p.code)).toEqual(["unitUnknown"]);
    expect(analysis!.rows[1]!.unitName).toBe((await unitByCode(db, "HA-NOI-HOAN-KIEM")).name);
    expect((await listImportBatches(db, tqOfficer, { page: 1, pageSize: 50 })).rows.map((r) => r.id)).not.toContain(id);
    expect((await listImportBatches(db, hanoi, { page: 1, pageSize: 50 })).rows.map((r) => r.id)).toContain(id);
  });

  it("reads an xlsx with title rows and a merged two-row header", async () => {
    const officer = await actorFor(db, "hanoi.canbo");
    const ward = await unitByCode(db, "HA-NOI-BA-DINH");
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("DS");
    sheet.addRow(["BAN CHẤP HÀNH ĐOÀN PHƯỜNG"]);
    sheet.addRow([]);
    sheet.addRow(["STT", "Họ và tên", "Ngày sinh", null, "Dân tộc"]);
    sheet.addRow([null, null, "Nam", "Nữ", null]);
    sheet.mergeCells("A3:A4");
    sheet.mergeCells("B3:B4");
    sheet.mergeCells("C3:D3");
    sheet.mergeCells("E3:E4");
    sheet.addRow([1, "Quách Văn Minh", new Date(Date.UTC(2001, 5, 7)), null, "Mường"]);
    sheet.addRow([2, "Quách Thị Nga", null, 37000, "Mường"]);
    const bytes = new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
    const { id } = await startImport(db, officer, { unitId: ward.id, fileName: "hai-dong-tieu-de.xlsx", bytes });
    const { analysis } = await getImportBatch(db, officer, id);
    expect(analysis!.rows.map((r) => [r.rowNumber, r.values.fullName, r.values.birthDate, r.values.gender, r.problems.length])).toEqual([
      [5, "Quách Văn Minh", "2001-06-07", "male", 0],
      [6, "Quách Thị Nga", "2001-04-19", "female", 0],
    ]);
    expect(await commitImport(db, officer, { batchId: id })).toMatchObject({ created: 2 });
  });
});

describe("large lists", () => {
  it("writes a list of several chunks whole, and nothing of it when a late row still has a problem", async () => {
    const officer = await actorFor(db, "hanoi.canbo");
    const ward = await unitByCode(db, "HA-NOI-BA-DINH");
    // 2,600 people: three chunks, each written while the next is read.
    const people = Array.from({ length: 2600 }, (_, i) => `Đinh Khải Lộc Số${String(i).replace(/\d/g, (d) => "ABCDEFGHIJ"[Number(d)]!)},0${1 + (i % 9)}/0${1 + (i % 9)}/${1990 + (i % 10)}`);
    const file = (extra: string[]) => csv(["Họ và tên,Ngày sinh", ...people, ...extra]);
    const bad = await startImport(db, officer, { unitId: ward.id, fileName: "dai-loi.csv", bytes: file(["Người Sai Ngày,31/02/2001"]) });
    const before = await countRows(db, members);
    const refused = await commitImport(db, officer, { batchId: bad.id }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ConflictError);
    expect(await countRows(db, members)).toBe(before);

    const good = await startImport(db, officer, { unitId: ward.id, fileName: "dai.csv", bytes: file([]) });
    expect(await commitImport(db, officer, { batchId: good.id })).toMatchObject({ created: 2600, skipped: 0 });
    const written = await db.select({ id: members.id, name: members.fullName }).from(members).where(eq(members.importBatchId, good.id));
    expect(written.map((m) => m.name).sort()).toEqual(people.map((p) => p.split(",")[0]).sort());
    const { events } = await getMember(db, officer, written[0]!.id);
    expect(events.filter((e) => e.kind === "recorded").map((e) => e.details.fileName)).toEqual(["dai.csv"]);
  });

  // Two connections at once: PostgreSQL only (PGlite has one).
  it.skipIf(!onPostgres)("fails whole, saying so, when someone records one of the people while the batch is written", async () => {
    const officer = await actorFor(db, "hanoi.canbo");
    const ward = await unitByCode(db, "HA-NOI-BA-DINH");
    // 2,500 people with ID numbers: several chunks, the writes running while later ones are read.
    const people = Array.from({ length: 2500 }, (_, i) => `Lương Thế Vinh Số${String(i).replace(/\d/g, (d) => "ABCDEFGHIJ"[Number(d)]!)},01/01/2000,0012000${String(70000 + i).padStart(5, "0")}`);
    const batch = await startImport(db, officer, { unitId: ward.id, fileName: "cung-luc.csv", bytes: csv(["Họ và tên,Ngày sinh,Số CCCD", ...people]) });
    const before = await countRows(db, members);
    const { default: postgres } = await import("postgres");
    const other = postgres(handle.url!, { max: 1, onnotice: () => {} });
    try {
      // Another officer's transaction records the person of the last row, not yet committed: the
      // batch's lookups cannot see them, and its write of that row waits on the unique ID.
      await other`begin`;
      await other`insert into members (full_name, name_folded, sort_key, national_id, unit_id)
        select 'Lương Thế Vinh', 'luong the vinh', 'vinh', '001200072499', id from units where code = 'HA-NOI-BA-DINH'`;
      const committing = commitImport(db, officer, { batchId: batch.id }).catch((e: unknown) => e);
      // Until the batch's write of that row waits for the other transaction.
      for (let waited = 0; ; waited += 50) {
        const [{ n }] = (await other`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`) as unknown as [{ n: number }];
        if (n > 0) break;
        if (waited > 60_000) throw new Error("the batch never waited on the other transaction");
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await other`commit`;
      const error = await committing;
      expect(error).toBeInstanceOf(ConflictError);
      expect((error as ConflictError).messageKey).toBe("import.changedMeanwhile");
    } finally {
      await other.end({ timeout: 5 });
    }
    expect(await countRows(db, members)).toBe(before + 1);
    expect(await countRows(db, members, eq(members.importBatchId, batch.id))).toBe(0);
    const [stored] = await db.select({ status: memberImportBatches.status }).from(memberImportBatches).where(eq(memberImportBatches.id, batch.id));
    expect(stored!.status).toBe("draft");
  });

  it("takes 100,000 members below a title and a header, and refuses one more", async () => {
    const { openImportFile, MAX_IMPORT_ROWS } = await import("@/lib/members/import/analyse");
    const rows = (count: number) => ["DANH SÁCH", "", "Họ và tên,Ngày sinh", ...Array.from({ length: count }, (_, i) => `Người Thứ ${i},01/01/1990`)];
    const fits = await openImportFile(csv(rows(MAX_IMPORT_ROWS)), "vua-du.csv");
    let read = 0;
    for await (const batch of fits.source.rows()) read += batch.filter((r) => r.index >= fits.header.dataStartRow).length;
    expect(read).toBe(MAX_IMPORT_ROWS);
    await expect(openImportFile(csv(rows(MAX_IMPORT_ROWS + 1)), "qua-nhieu.csv")).rejects.toMatchObject({
      text: "Tệp “qua-nhieu.csv” có quá nhiều dòng (tối đa 100000 dòng). Hãy chia danh sách thành nhiều tệp.",
    });
  });
});

describe("matching by name and birth date", () => {
  it("a row with an unknown ID number is someone recorded without one, never someone with another ID", async () => {
    const officer = await actorFor(db, "hanoi.canbo");
    const ward = await unitByCode(db, "HA-NOI-BA-DINH");
    const withoutId = await makeMember(db, ward.id, { fullName: "Tăng Thị Mận", birthDate: "1995-07-07" });
    await makeMember(db, ward.id, { fullName: "Tăng Văn Đào", birthDate: "1994-04-04", nationalId: "001094000777" });
    const { id } = await startImport(db, officer, {
      unitId: ward.id,
      fileName: "so-khop.csv",
      bytes: csv(["Họ và tên,Ngày sinh,Số CCCD", "Tăng Thị Mận,07/07/1995,001195000888", "Tăng Văn Đào,04/04/1994,001094000999"]),
    });
    const { analysis } = await getImportBatch(db, officer, id);
    expect(analysis!.rows.map((r) => [r.values.fullName, r.match?.by ?? null, r.match?.memberId ?? null])).toEqual([
      ["Tăng Thị Mận", "person", withoutId.id],
      ["Tăng Văn Đào", null, null],
    ]);
  });
});
