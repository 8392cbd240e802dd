import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "@/db/seed/demo";
import type { DatabaseHandle, Db } from "@/lib/db";
import { exportMembers, neutraliseCell } from "@/lib/members/export";
import { createTestDatabase } from "../helpers/db";
import { actorFor, makeMember, makeUser, unitByCode } from "../helpers/fixtures";

let handle: DatabaseHandle;
let db: Db;
beforeAll(async () => {
  handle = await createTestDatabase();
  db = handle.db;
  await seedDemo(db);
});
afterAll(async () => handle?.close());

describe("member export", () => {
  it("neutralises cells a spreadsheet would run as formulas", () => {
    for (const value of ["=1+1", "+84912", "-2", "@SUM(A1)", "\tx"]) expect(neutraliseCell(value).startsWith("'")).toBe(true);
    expect(neutraliseCell("Nguyễn Văn A")).toBe("Nguyễn Văn A");
  });

  it("writes the scoped, filtered list with IDs masked for a leader and formulas neutralised", async () => {
    const ward = await unitByCode(db, "HA-NOI-BA-DINH");
    await makeMember(db, ward.id, { fullName: "=HYPERLINK(\"x\")", nationalId: "001080012399" });
    const leader = await actorFor(db, (await makeUser(db, { unitCode: "HA-NOI", role: "leader" })).username);
    const file = await exportMembers(db, leader, { unitId: ward.id });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.bytes.buffer as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const rows = sheet.getSheetValues().slice(2) as unknown[][];
    expect(rows.length).toBe(file.written);
    const hostile = rows.find((r) => String(r[2]).includes("HYPERLINK"))!;
    expect(String(hostile[2]).startsWith("'=")).toBe(true);
    expect(String(hostile[7])).toBe("••••••••2399");
    // Nothing from another province.
    const tq = await makeMember(db, (await unitByCode(db, "TUYEN-QUANG")).id, { fullName: "Người Tỉnh Khác" });
    const all = await exportMembers(db, leader, {});
    const names = (await (async () => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(all.bytes.buffer as ArrayBuffer);
      return (wb.worksheets[0]!.getSheetValues().slice(2) as unknown[][]).map((r) => String(r[2]));
    })());
    expect(names).not.toContain(tq.fullName);
  });
});
