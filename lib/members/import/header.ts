import { foldVietnamese } from "@/lib/i18n/format";
import { MEMBER_FIELDS, type MemberFieldKey } from "../fields";
import { importMessage } from "./messages";
import type { Cell, Grid, MergeRange } from "./read";

/** Header text compared loosely: diacritics folded, lower case, punctuation and extra spaces gone. */
export function normalizeHeader(text: string): string {
  return foldVietnamese(text.normalize("NFC"))
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

/** A, B, …, Z, AA, AB, … for a 0-based column index. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let out = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** The text of a cell as a header: trimmed, inner whitespace (line breaks too) collapsed. */
export function cellText(cell: Cell | undefined): string {
  if (cell === null || cell === undefined) return "";
  if (typeof cell === "string") return cell.replace(/\s+/g, " ").trim();
  if (typeof cell === "number") return String(cell);
  return "";
}

/** Wordings accepted only as the whole cell (too short or too common to be searched inside longer text). */
const EXACT_ONLY: Partial<Record<MemberFieldKey, string[]>> = {
  fullName: ["ho", "ten", "ho dem", "ho va ten dem", "ho va chu dem", "ho va dem", "ho ten dem"],
  birthDate: ["ns", "ngay thang sinh"],
  gender: ["gt", "gioi"],
  nationalId: ["so can cuoc cong dan", "can cuoc", "so dinh danh ca nhan", "ma dinh danh"],
  phone: ["dt", "so dt", "dien thoai di dong", "sdt lien he"],
};
/** Columns about an identity paper that are not its number ("Ngày cấp CMND", "Nơi cấp"). */
const NOT_A_FIELD = /\b(ngay cap|noi cap|cap ngay|ngay het han|co gia tri)\b/;
const INDEX_HEADERS = new Set(["stt", "tt", "so tt", "so thu tu", "thu tu", "s tt"]);

const WORDINGS: { field: MemberFieldKey; wording: string; exactOnly: boolean }[] = [
  ...MEMBER_FIELDS.flatMap((f) => f.headers.map((h) => ({ field: f.key as MemberFieldKey, wording: normalizeHeader(h), exactOnly: false }))),
  ...Object.entries(EXACT_ONLY).flatMap(([field, list]) =>
    (list ?? []).map((wording) => ({ field: field as MemberFieldKey, wording, exactOnly: true })),
  ),
];

export interface FieldMatch {
  field: MemberFieldKey;
  /** Exact wordings score over 1000; a wording found inside the header scores its length. */
  score: number;
  exact: boolean;
}

/** The member field a header most likely means, or null. */
export function matchHeader(text: string): FieldMatch | null {
  const normalized = normalizeHeader(text);
  if (!normalized || NOT_A_FIELD.test(normalized)) return null;
  const padded = ` ${normalized} `;
  let best: FieldMatch | null = null;
  for (const { field, wording, exactOnly } of WORDINGS) {
    let score = 0;
    if (normalized === wording) score = 1000 + wording.length;
    else if (!exactOnly && normalized.length <= 80 && padded.includes(` ${wording} `)) {
      score = wording.length + (normalized.endsWith(` ${wording}`) ? 5 : 0);
    }
    if (score > (best?.score ?? 0)) best = { field, score, exact: score >= 1000 };
  }
  return best;
}

export function isIndexHeader(text: string): boolean {
  return INDEX_HEADERS.has(normalizeHeader(text));
}

/** Sub-headers found under a merged group header in old forms. */
const SUB_TOKENS = new Set(["nam", "nu", "du bi", "chinh thuc", "ho", "ten", "ho dem", "ho va ten dem", "ho va dem", "ngay", "thang"]);

export interface HeaderColumn {
  /** 0-based column index in the grid. */
  index: number;
  letter: string;
  /** The header as written ("Ngày sinh – Nam" for a two-row header); "" when the column has none. */
  text: string;
  /** What problems name the column by: the text, or "Cột D". */
  label: string;
  /** For a two-row header: the upper text (e.g. "Ngày sinh") and the lower one (e.g. "Nam"). */
  parent: string | null;
  sub: string | null;
  /** An STT / TT column: never imported. */
  isIndex: boolean;
}

export interface HeaderResult {
  /** 0-based grid rows that make up the header (one or two). */
  headerRows: number[];
  /** 0-based grid row where data starts (after a column-numbering row such as "1 2 3 …", if any). */
  dataStartRow: number;
  columns: HeaderColumn[];
}

export interface FindHeaderOptions {
  /** Use this 0-based row as the (upper) header row instead of searching. */
  headerRow?: number;
  /** How many rows from the top to search (default 30). */
  scanRows?: number;
}

function mergeAt(merges: readonly MergeRange[], row: number, column: number): MergeRange | undefined {
  return merges.find((m) => m.top <= row && row <= m.bottom && m.left <= column && column <= m.right);
}

function rowTexts(grid: Grid, row: number, merges: readonly MergeRange[]): string[] {
  const cells = grid[row] ?? [];
  return cells.map((cell, c) => {
    const text = cellText(cell);
    if (text) return text;
    const merge = mergeAt(merges, row, c);
    return merge && merge.top === row ? cellText(grid[merge.top]?.[merge.left]) : "";
  });
}

function rowScore(texts: readonly string[]): number {
  const fields = new Set<MemberFieldKey>();
  let index = 0;
  for (const text of texts) {
    if (!text) continue;
    const match = matchHeader(text);
    if (match) fields.add(match.field);
    else if (isIndexHeader(text)) index = 1;
  }
  return fields.size + (fields.size > 0 ? index : 0);
}

function isSubHeaderRow(grid: Grid, row: number, upper: number, merges: readonly MergeRange[]): boolean {
  const cells = grid[row];
  if (!cells) return false;
  const filled = cells.map((cell, c) => ({ cell, c })).filter(({ cell }) => cell !== null);
  if (filled.length === 0) return false;
  // Data rows carry numbers, dates or digits (STT, dates, IDs); a sub-header row carries words only.
  if (!filled.every(({ cell }) => typeof cell === "string" && !/\d/.test(cell))) return false;
  const groupMerges = merges.filter((m) => m.top === upper && m.bottom === upper && m.right > m.left);
  if (groupMerges.length > 0) {
    return filled.some(({ c }) => groupMerges.some((m) => m.left <= c && c <= m.right));
  }
  const tokens = filled.map(({ cell }) => normalizeHeader(cell as string));
  return tokens.some((t) => SUB_TOKENS.has(t)) && tokens.every((t) => SUB_TOKENS.has(t) || matchHeader(t) !== null);
}

function isNumberingRow(cells: readonly Cell[] | undefined): boolean {
  if (!cells) return false;
  const numbers: number[] = [];
  for (const cell of cells) {
    if (cell === null) continue;
    const text = typeof cell === "number" ? String(cell) : typeof cell === "string" ? cell.trim() : "x";
    const m = /^\(?(\d{1,2})\)?$/.exec(text);
    if (!m) return false;
    numbers.push(Number(m[1]));
  }
  return numbers.length >= 3 && numbers.every((n, i) => i === 0 || n > numbers[i - 1]!);
}

/**
 * Finds the header row below any title rows, and combines it with the row under it when that row
 * holds sub-headers of a merged group (e.g. "Ngày sinh" over "Nam" | "Nữ"). Returns null when no
 * row looks like a header (fewer than two known column names).
 */
export function findHeader(grid: Grid, merges: readonly MergeRange[] = [], options: FindHeaderOptions = {}): HeaderResult | null {
  let upper: number | null = null;
  if (options.headerRow !== undefined) {
    if (options.headerRow < 0 || options.headerRow >= grid.length) return null;
    upper = options.headerRow;
  } else {
    const scan = Math.min(grid.length, options.scanRows ?? 30);
    let bestScore = 1;
    for (let r = 0; r < scan; r++) {
      let score = rowScore(rowTexts(grid, r, merges));
      if (score === 0) continue;
      if (isSubHeaderRow(grid, r + 1, r, merges)) score += rowScore(rowTexts(grid, r + 1, merges));
      if (score > bestScore) {
        bestScore = score;
        upper = r;
      }
    }
  }
  if (upper === null) return null;

  const twoRows = isSubHeaderRow(grid, upper + 1, upper, merges);
  const top = rowTexts(grid, upper, merges);
  const width = grid[upper]?.length ?? 0;
  const columns: HeaderColumn[] = [];
  let groupParent = "";
  for (let c = 0; c < width; c++) {
    let parent = top[c] ?? "";
    const sub = twoRows ? cellText(grid[upper + 1]?.[c]) : "";
    const merge = mergeAt(merges, upper, c);
    if (merge && merge.top < upper) parent = cellText(grid[merge.top]?.[merge.left]); // a header merged down from above
    // Without merge information (CSV), a group header sits over its first column and the cells to
    // its right stay empty while sub-headers continue below.
    if (twoRows && !parent && sub && groupParent) parent = groupParent;
    groupParent = parent && sub ? parent : !parent && sub ? groupParent : "";
    const text = parent && sub ? importMessage("import.header.subColumn", { parent, sub }) : parent || sub;
    const letter = columnLetter(c);
    columns.push({
      index: c,
      letter,
      text,
      label: text || importMessage("import.header.columnLetter", { letter }),
      parent: parent && sub ? parent : null,
      sub: parent && sub ? sub : null,
      isIndex: isIndexHeader(parent) || (!parent && isIndexHeader(sub)),
    });
  }
  const headerRows = twoRows ? [upper, upper + 1] : [upper];
  let dataStartRow = headerRows.at(-1)! + 1;
  if (isNumberingRow(grid[dataStartRow])) dataStartRow++;
  return { headerRows, dataStartRow, columns };
}
