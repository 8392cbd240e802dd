import { MEMBER_FIELDS, type MemberFieldKey } from "../fields";
import { columnLetter, type HeaderColumn, type HeaderResult, matchHeader, normalizeHeader } from "./header";
import { importMessage } from "./messages";
import type { Cell, CellProblem, Grid, MergeRange } from "./read";

/**
 * Where a column goes. Besides the member fields, old forms split a column in two under a group
 * header: "Ngày sinh" over "Nam" | "Nữ" (the birth date written in the column of the gender) or
 * "Giới tính" over "Nam" | "Nữ" (a mark such as "x" in one of them).
 */
export type ImportTarget = MemberFieldKey | "birthDateMale" | "birthDateFemale" | "genderMale" | "genderFemale";

/** Column index → target; null (or absent) = not imported. */
export type ColumnMapping = Record<number, ImportTarget | null>;

/** A mapping the user confirmed, by header text (compared loosely), to reuse on the next file. */
export type SavedMapping = Record<string, ImportTarget | null>;

export const IMPORT_TARGETS: readonly ImportTarget[] = [
  ...MEMBER_FIELDS.map((f) => f.key),
  "birthDateMale",
  "birthDateFemale",
  "genderMale",
  "genderFemale",
];

/** The member field a target fills (split targets fill the birth date or the gender, and imply the other). */
export function targetField(target: ImportTarget): MemberFieldKey {
  switch (target) {
    case "birthDateMale":
    case "birthDateFemale":
      return "birthDate";
    case "genderMale":
    case "genderFemale":
      return "gender";
    default:
      return target;
  }
}

export const REQUIRED_FIELDS: readonly MemberFieldKey[] = MEMBER_FIELDS.filter((f) => f.required).map((f) => f.key);

/** Required fields no column is mapped to. */
export function missingRequired(mapping: ColumnMapping): MemberFieldKey[] {
  const mapped = new Set(Object.values(mapping).filter((t): t is ImportTarget => t != null).map(targetField));
  return REQUIRED_FIELDS.filter((f) => !mapped.has(f));
}

function savedKey(column: HeaderColumn): string {
  return normalizeHeader(column.text || column.label);
}

/** The mapping as the user confirmed it, keyed by header text, to pass back to suggestMapping next time. */
export function toSavedMapping(columns: readonly HeaderColumn[], mapping: ColumnMapping): SavedMapping {
  const saved: SavedMapping = {};
  for (const column of columns) {
    if (!column.text) continue;
    saved[column.text] = mapping[column.index] ?? null;
  }
  return saved;
}

interface Candidate {
  index: number;
  target: ImportTarget;
  score: number;
}

/**
 * Suggests a target for every column from its header; a saved mapping (by header text) wins over
 * the suggestion. Each field gets one column, except a name split over adjacent columns ("Họ đệm" |
 * "Tên"), which is joined.
 */
export function suggestMapping(columns: readonly HeaderColumn[], saved?: SavedMapping): ColumnMapping {
  const candidates: Candidate[] = [];
  const standaloneSplit: { index: number; male: boolean }[] = [];
  for (const column of columns) {
    if (column.isIndex || !column.text) continue;
    const subToken = column.sub ? normalizeHeader(column.sub) : normalizeHeader(column.text);
    const isMale = subToken === "nam";
    const isFemale = subToken === "nu";
    if ((isMale || isFemale) && column.parent) {
      const parent = matchHeader(column.parent);
      if (parent?.field === "birthDate") {
        candidates.push({ index: column.index, target: isMale ? "birthDateMale" : "birthDateFemale", score: parent.score });
        continue;
      }
      if (parent?.field === "gender") {
        candidates.push({ index: column.index, target: isMale ? "genderMale" : "genderFemale", score: parent.score });
        continue;
      }
    }
    if ((isMale || isFemale) && !column.parent) {
      standaloneSplit.push({ index: column.index, male: isMale });
      continue;
    }
    const match = matchHeader(column.text) ?? (column.sub ? matchHeader(column.sub) : null) ?? (column.parent ? matchHeader(column.parent) : null);
    if (match) candidates.push({ index: column.index, target: match.field, score: match.score });
  }

  const hasBirthDate = candidates.some((c) => c.target === "birthDate");
  for (const split of standaloneSplit) {
    // "Nam" | "Nữ" with no group header: dates in them if no other birth-date column, else marks.
    const target: ImportTarget = hasBirthDate ? (split.male ? "genderMale" : "genderFemale") : split.male ? "birthDateMale" : "birthDateFemale";
    candidates.push({ index: split.index, target, score: 1 });
  }
  if (hasBirthDate) {
    for (const c of candidates) {
      if (c.target === "birthDateMale") c.target = "genderMale";
      if (c.target === "birthDateFemale") c.target = "genderFemale";
    }
  }

  const mapping: ColumnMapping = {};
  for (const column of columns) mapping[column.index] = null;

  // Saved choices first; they also claim their targets.
  const claimed = new Set<ImportTarget>();
  const fixed = new Set<number>();
  if (saved) {
    const byKey = new Map<string, ImportTarget | null>();
    for (const [text, target] of Object.entries(saved)) {
      if (target === null || IMPORT_TARGETS.includes(target)) byKey.set(normalizeHeader(text), target);
    }
    for (const column of columns) {
      const key = savedKey(column);
      if (!key || !byKey.has(key)) continue;
      const target = byKey.get(key)!;
      mapping[column.index] = target;
      fixed.add(column.index);
      if (target) claimed.add(target);
    }
  }

  const byTarget = new Map<ImportTarget, Candidate[]>();
  for (const c of candidates) {
    if (fixed.has(c.index) || claimed.has(c.target)) continue;
    byTarget.set(c.target, [...(byTarget.get(c.target) ?? []), c]);
  }
  for (const [target, list] of byTarget) {
    const best = list.reduce((a, b) => (b.score > a.score ? b : a));
    mapping[best.index] = target;
    if (target === "fullName") {
      // Name parts in adjacent columns are joined: extend left and right from the best one.
      const indexes = new Set(list.map((c) => c.index));
      for (let i = best.index - 1; indexes.has(i); i--) mapping[i] = target;
      for (let i = best.index + 1; indexes.has(i); i++) mapping[i] = target;
    }
  }
  return mapping;
}

export interface MappedCell {
  /** 0-based column index. */
  column: number;
  /** The column's header as problems name it. */
  header: string;
  value: Cell;
  /** A formula without a result or an error value in this cell. */
  cellProblem?: CellProblem;
}

export interface MappedRow {
  /** 1-based sheet row (CSV: record number). */
  rowNumber: number;
  /** The cells of each target, left to right (several only for a split name or a repeated mapping). */
  cells: Partial<Record<ImportTarget, MappedCell[]>>;
}

export interface MappedSheet {
  columns: { index: number; label: string; target: ImportTarget | null }[];
  rows: MappedRow[];
  /** Required fields with no column: every row will lack them. */
  missingRequired: MemberFieldKey[];
  /** Rows left out on purpose: group titles merged across the table ("Chi đoàn 10A1"). */
  skippedRows: { rowNumber: number; reason: "section" }[];
}

export interface ApplyMappingOptions {
  header: HeaderResult;
  merges?: readonly MergeRange[];
  cellProblems?: readonly CellProblem[];
}

/**
 * Reads the data rows (from the header's dataStartRow) through the mapping. Completely empty rows
 * (as far as mapped columns go) are left out; cells under a vertical merge take the merged value.
 */
export function applyMapping(grid: Grid, mapping: ColumnMapping, options: ApplyMappingOptions): MappedSheet {
  const { header } = options;
  const merges = options.merges ?? [];
  const labels = new Map(header.columns.map((c) => [c.index, c.label]));
  const mapped = Object.entries(mapping)
    .filter((entry): entry is [string, ImportTarget] => entry[1] != null)
    .map(([index, target]) => ({ index: Number(index), target }))
    .filter(({ index }) => Number.isInteger(index) && index >= 0)
    .sort((a, b) => a.index - b.index);

  const problemsAt = new Map<string, CellProblem>();
  for (const p of options.cellProblems ?? []) problemsAt.set(`${p.row}:${p.column}`, p);

  // Values under vertical merges in the data area, and merges that start a row (group titles).
  const mergedValue = new Map<string, Cell>();
  const mergesByTop = new Map<number, MergeRange[]>();
  for (const m of merges) {
    if (m.top < header.dataStartRow) continue;
    mergesByTop.set(m.top, [...(mergesByTop.get(m.top) ?? []), m]);
    const value = grid[m.top]?.[m.left] ?? null;
    for (let r = m.top + 1; r <= m.bottom; r++) mergedValue.set(`${r}:${m.left}`, value);
  }
  const tableWidth = Math.max(1, ...header.columns.map((c) => c.index + 1));

  const rows: MappedRow[] = [];
  const skippedRows: MappedSheet["skippedRows"] = [];
  for (let r = header.dataStartRow; r < grid.length; r++) {
    const source = grid[r] ?? [];
    const rowMerges = mergesByTop.get(r) ?? [];
    const filled = source.map((cell, c) => (cell === null ? -1 : c)).filter((c) => c >= 0);
    const wide = rowMerges.find((m) => m.right - m.left + 1 >= Math.max(3, Math.ceil(tableWidth / 2)));
    if (wide && filled.length === 1 && filled[0] === wide.left) {
      skippedRows.push({ rowNumber: r + 1, reason: "section" });
      continue;
    }
    const cells: MappedRow["cells"] = {};
    let any = false;
    for (const { index, target } of mapped) {
      let value = source[index] ?? null;
      if (value === null) value = mergedValue.get(`${r}:${index}`) ?? null;
      const cellProblem = problemsAt.get(`${r}:${index}`);
      if (value === null && !cellProblem) continue;
      any = true;
      const label = labels.get(index) ?? importMessage("import.header.columnLetter", { letter: columnLetter(index) });
      const cell: MappedCell = { column: index, header: label, value };
      if (cellProblem) cell.cellProblem = cellProblem;
      (cells[target] ??= []).push(cell);
    }
    if (any) rows.push({ rowNumber: r + 1, cells });
  }

  return {
    columns: header.columns.map((c) => ({ index: c.index, label: c.label, target: mapping[c.index] ?? null })),
    rows,
    missingRequired: missingRequired(mapping),
    skippedRows,
  };
}
