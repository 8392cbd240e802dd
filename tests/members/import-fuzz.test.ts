import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import type { MemberFieldKey } from "@/lib/members/fields";
import { findHeader } from "@/lib/members/import/header";
import { applyMapping, suggestMapping } from "@/lib/members/import/mapping";
import { IMPORT_MESSAGES, type ImportMessageKey } from "@/lib/members/import/messages";
import { type Cell, readSpreadsheet, type ReadResult } from "@/lib/members/import/read";
import { validateRows, type ValidatedRow } from "@/lib/members/import/validate";

/**
 * 200 deterministic variants of a valid member list: cell mutations with known effects (the row
 * must come back with a problem on the field touched), chaos in the grid, and damaged bytes.
 * Nothing may throw, and what comes out must hold together.
 */

const TODAY = "2025-06-01";
const VARIANTS = 200;

function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
type Rng = ReturnType<typeof mulberry32>;
const int = (rng: Rng, min: number, max: number) => min + Math.floor(rng() * (max - min + 1));
const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;
const pad = (n: number, w = 2) => String(n).padStart(w, "0");

const FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ"];
const MIDDLE = ["Văn", "Thị", "Minh", "Ngọc", "Đức", "Thu"];
const GIVEN = ["An", "Bình", "Cường", "Dung", "Giang", "Hương", "Khoa", "Lan", "Mai", "Nam", "Oanh", "Phúc", "Quân", "Sơn", "Tú", "Uyên", "Vy", "Yến", "Ánh", "Đạt"];
const LETTERS = "abcdefghijklmnopqrstuvwxyzăâđêôơưáàảãạ ÁÀẢÃẠ!?#@%&*()[]{}<>/\\|~^`'\";:,._-+=😀🇻🇳中文ภาษาไทย";
const CHAOS = ["\u0000", "\u0001", "\u200b", "\u202e", "\ufeff", "\r", "\n", "\t", '"', ";", ",", "=SUM(A1:A2)", "-", "NaN", "1e308", "-0", "00/00/0000", "31/02/2001", "99999999999999999999"];

const HEADER = ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Số CCCD", "Số điện thoại", "Địa chỉ"];
const COL = { stt: 0, name: 1, birth: 2, gender: 3, id: 4, phone: 5, address: 6 } as const;
const TITLE_ROWS = 2; // a title and a blank row above the header
const FIRST_DATA_ROW = TITLE_ROWS + 2; // 1-based sheet row of the first member

function garbage(rng: Rng, length: number, withDigits = false): string {
  let s = pick(rng, ["x", "Q", "ô", "#"]); // never blank, never a date
  for (let i = 1; i < length; i++) s += Array.from(LETTERS)[int(rng, 0, Array.from(LETTERS).length - 1)];
  return withDigits ? `${s}${int(rng, 0, 9)}` : s;
}

/** A valid list of 15–25 members; birth dates as Date cells, Excel serials or text. */
function baseGrid(rng: Rng): Cell[][] {
  const count = int(rng, 15, 25);
  const rows: Cell[][] = [["DANH SÁCH ĐOÀN VIÊN"], [], [...HEADER]];
  for (let i = 0; i < count; i++) {
    const female = rng() < 0.5;
    const year = int(rng, 1990, 2008);
    const month = int(rng, 1, 12);
    const day = int(rng, 1, 28);
    const date = new Date(Date.UTC(year, month - 1, day));
    const kind = rng();
    const birth: Cell = kind < 0.34 ? date : kind < 0.67 ? Math.round(date.getTime() / 86_400_000) + 25569 : `${pad(day)}/${pad(month)}/${year}`;
    const century = (year >= 2000 ? 2 : 0) + (female ? 1 : 0);
    const id = `${pad(int(rng, 1, 96), 3)}${century}${pad(year % 100)}${pad(i, 6)}`;
    rows.push([
      i + 1,
      `${FAMILY[i % FAMILY.length]} ${female ? "Thị" : pick(rng, MIDDLE)} ${GIVEN[i % GIVEN.length]}${i >= GIVEN.length ? " Anh" : ""}`,
      birth,
      female ? pick(rng, ["Nữ", "nữ", "F"]) : pick(rng, ["Nam", "nam", "M"]),
      id,
      `09${pad(int(rng, 0, 99_999_999), 8)}`,
      `Thôn ${int(rng, 1, 20)}, xã An Phú`,
    ]);
  }
  return rows;
}

/** What a mutated row must show: a problem on this field, or at least one problem ("any"). */
type Expectation = MemberFieldKey | "any" | "unknown";

function mutateCells(rng: Rng, grid: Cell[][]): Map<number, Expectation> {
  const expectations = new Map<number, Expectation>(); // by 1-based sheet row
  const dataRows = grid.length - (TITLE_ROWS + 1);
  const mutations = int(rng, 1, 5);
  for (let m = 0; m < mutations; m++) {
    const r = TITLE_ROWS + 1 + int(rng, 0, dataRows - 1);
    const rowNumber = r + 1;
    if (expectations.has(rowNumber)) continue;
    const row = grid[r]!;
    switch (int(rng, 0, 8)) {
      case 0:
        row[COL.name] = null;
        expectations.set(rowNumber, "fullName");
        break;
      case 1:
        row[COL.birth] = null;
        expectations.set(rowNumber, "birthDate");
        break;
      case 2:
        row[COL.birth] = garbage(rng, int(rng, 1, 30));
        expectations.set(rowNumber, "birthDate");
        break;
      case 3:
        row[COL.id] = garbage(rng, int(rng, 1, 20), true);
        expectations.set(rowNumber, "nationalId");
        break;
      case 4:
        row[COL.name] = "Nguyễn Văn ".repeat(1000);
        expectations.set(rowNumber, "fullName");
        break;
      case 5:
        row[COL.address] = `Thôn ${"Đông ".repeat(20_000)}`;
        expectations.set(rowNumber, "currentAddress");
        break;
      case 6:
        [row[COL.name], row[COL.birth]] = [row[COL.birth]!, row[COL.name]!];
        expectations.set(rowNumber, "any");
        break;
      case 7:
        row[COL.gender] = pick(rng, ["Nam Nữ", "x", "?", "không rõ"]);
        expectations.set(rowNumber, "gender");
        break;
      case 8: {
        // Copy an earlier, untouched row's ID: the later row is the duplicate.
        const earlier = TITLE_ROWS + 1 + int(rng, 0, Math.max(0, r - TITLE_ROWS - 2));
        if (earlier >= r || expectations.has(earlier + 1)) continue;
        row[COL.id] = grid[earlier]![COL.id]!;
        expectations.set(rowNumber, "nationalId");
        expectations.set(earlier + 1, "unknown"); // stays valid unless something else is wrong
        break;
      }
    }
  }
  return expectations;
}

function mutateChaos(rng: Rng, grid: Cell[][]) {
  const mutations = int(rng, 1, 12);
  for (let m = 0; m < mutations; m++) {
    const r = int(rng, 0, grid.length - 1);
    const c = int(rng, 0, HEADER.length + 1);
    const row = grid[r]!;
    switch (int(rng, 0, 6)) {
      case 0:
        row[c] = pick(rng, CHAOS);
        break;
      case 1:
        row[c] = pick(rng, [0, -1, 1e21, 60, 2958466, 1.5, Number.MAX_SAFE_INTEGER, 12345678901]);
        break;
      case 2:
        row[c] = new Date(Date.UTC(int(rng, 1800, 2100), int(rng, 0, 11), int(rng, 1, 28)));
        break;
      case 3:
        row[c] = garbage(rng, int(rng, 1, 50_000));
        break;
      case 4: {
        const other = grid[int(rng, 0, grid.length - 1)]!;
        [row[c], other[c]] = [other[c] ?? null, row[c] ?? null];
        break;
      }
      case 5:
        grid.splice(r, 0, []);
        break;
      case 6:
        row[c] = null;
        break;
    }
  }
}

async function toXlsx(grid: Cell[][]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("DS");
  grid.forEach((row, r) => {
    row.forEach((value, c) => {
      if (value !== null && value !== undefined) sheet.getCell(r + 1, c + 1).value = value;
    });
  });
  return new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}

function toCsv(grid: Cell[][]): Uint8Array {
  const text = grid
    .map((row) =>
      row
        .map((value) => {
          if (value === null || value === undefined) return "";
          const s = value instanceof Date ? `${pad(value.getUTCDate())}/${pad(value.getUTCMonth() + 1)}/${value.getUTCFullYear()}` : String(value);
          return /[";\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
        })
        .join(";"),
    )
    .join("\r\n");
  return new TextEncoder().encode(`\uFEFF${text}\r\n`);
}

function damageBytes(rng: Rng, bytes: Uint8Array): Uint8Array {
  const out = Uint8Array.from(bytes);
  switch (int(rng, 0, 3)) {
    case 0:
      return out.subarray(0, int(rng, 0, out.length - 1));
    case 1:
      for (let i = int(rng, 1, 20); i > 0; i--) out[int(rng, 0, out.length - 1)] = int(rng, 0, 255);
      return out;
    case 2: {
      const at = int(rng, 0, out.length);
      const junk = Uint8Array.from({ length: int(rng, 1, 200) }, () => int(rng, 0, 255));
      return new Uint8Array([...out.subarray(0, at), ...junk, ...out.subarray(at)]);
    }
    default: {
      const start = int(rng, 0, out.length - 1);
      out.fill(0, start, Math.min(out.length, start + int(rng, 1, 500)));
      return out;
    }
  }
}

/** Reads and validates without throwing, and checks that what comes out holds together. */
async function run(bytes: Uint8Array, name: string): Promise<{ read: ReadResult; rows: ValidatedRow[] | null }> {
  const read = await readSpreadsheet(bytes, name);
  if (!read.ok) {
    expect(read.problems.length).toBeGreaterThan(0);
    expect(read.grid).toEqual([]);
    return { read, rows: null };
  }
  const header = findHeader(read.grid, read.merges);
  if (!header) return { read, rows: null };
  const mapping = suggestMapping(header.columns);
  const mapped = applyMapping(read.grid, mapping, { header, merges: read.merges, cellProblems: read.cellProblems });
  const rows = validateRows(mapped, { today: TODAY, ageRule: { min: 10, max: 60 } });
  let previous = 0;
  for (const row of rows) {
    expect(row.rowNumber).toBeGreaterThan(previous);
    previous = row.rowNumber;
    expect(row.valid).toBe(row.problems.length === 0);
    for (const [kind, issues] of [["problem", row.problems], ["warning", row.warnings]] as const) {
      for (const issue of issues) {
        // Every placeholder of the message has a value (user text may hold braces of its own).
        const template: string = IMPORT_MESSAGES[`import.${kind}.${issue.code}` as ImportMessageKey];
        for (const [, name] of template.matchAll(/\{(\w+)\}/g)) expect(issue.values).toHaveProperty([name!]);
        expect(issue.message.length).toBeGreaterThan(0);
        expect(typeof issue.column).toBe("string");
      }
    }
    if (!row.valid) continue;
    // A valid row really is one.
    expect(row.values.fullName).toBeTruthy();
    expect(row.values.fullName!.length).toBeLessThanOrEqual(120);
    expect(row.values.birthDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(row.values.birthDate! <= TODAY).toBe(true);
    if (row.values.nationalId !== undefined) expect(row.values.nationalId).toMatch(/^(\d{9}|0\d{11})$/);
    if (row.values.phone !== undefined) expect(row.values.phone).toMatch(/^0\d{9}$/);
    if (row.values.gender !== undefined) expect(["male", "female"]).toContain(row.values.gender);
  }
  return { read, rows };
}

describe("import fuzz", () => {
  it(`survives ${VARIANTS} damaged variants of a valid list`, async () => {
    const stats = { targeted: 0, chaos: 0, bytes: 0, unreadable: 0, rows: 0, invalidRows: 0 };
    for (let variant = 0; variant < VARIANTS; variant++) {
      const rng = mulberry32(0x4b4e0000 + variant);
      const grid = baseGrid(rng);
      const asCsv = variant % 2 === 1;
      const kind = variant % 5 < 3 ? "targeted" : variant % 5 === 3 ? "chaos" : "bytes";
      stats[kind]++;
      const label = `variant ${variant} (${kind}, ${asCsv ? "csv" : "xlsx"})`;

      let expectations = new Map<number, Expectation>();
      if (kind === "targeted") expectations = mutateCells(rng, grid);
      if (kind === "chaos") mutateChaos(rng, grid);
      let bytes = asCsv ? toCsv(grid) : await toXlsx(grid);
      if (kind === "bytes") bytes = damageBytes(rng, bytes);

      let outcome: Awaited<ReturnType<typeof run>>;
      try {
        outcome = await run(bytes, asCsv ? "ds.csv" : "ds.xlsx");
      } catch (error) {
        throw new Error(`${label}: ${(error as Error).message}`);
      }
      if (!outcome.read.ok) stats.unreadable++;
      if (kind !== "targeted") continue;

      // Targeted variants stay readable and keep their header; each mutated row shows its problem.
      expect(outcome.read.ok, label).toBe(true);
      expect(outcome.rows, label).not.toBeNull();
      const byRow = new Map(outcome.rows!.map((r) => [r.rowNumber, r]));
      const dataRows = grid.length - (TITLE_ROWS + 1);
      for (let i = 0; i < dataRows; i++) {
        const rowNumber = FIRST_DATA_ROW + i;
        const row = byRow.get(rowNumber);
        expect(row, `${label} row ${rowNumber}`).toBeDefined();
        stats.rows++;
        if (!row!.valid) stats.invalidRows++;
        const expected = expectations.get(rowNumber);
        if (expected === undefined) {
          expect(row!.problems, `${label} row ${rowNumber} untouched`).toEqual([]);
        } else if (expected === "any") {
          expect(row!.problems.length, `${label} row ${rowNumber}`).toBeGreaterThan(0);
        } else if (expected !== "unknown") {
          expect(row!.problems.map((p) => p.field), `${label} row ${rowNumber}`).toContain(expected);
        }
      }
    }
    expect(stats.targeted + stats.chaos + stats.bytes).toBe(VARIANTS);
    expect(stats.invalidRows).toBeGreaterThan(0);
    expect(stats.unreadable).toBeGreaterThan(0);
  });
});
