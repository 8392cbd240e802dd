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

/** What the mapper makes of one sheet row: a mapped row, a group title left out, or nothing. */
export type MapOutcome = { kind: "row"; row: MappedRow } | { kind: "section"; rowNumber: number } | { kind: "empty" };

/**
 * Reads data rows (from the header's dataStartRow) through the mapping, one sheet row at a time
 * in sheet order, so a file can stream through it. Completely empty rows (as far as mapped columns
 * go) are left out; cells under a vertical merge take the merged value; a row that is only a
 * merged title across the table ("Chi đoàn 10A1") is a section, not a member.
 */
export function createRowMapper(mapping: ColumnMapping, options: Omit<ApplyMappingOptions, "cellProblems">) {
  const { header } = options;
  const labels = new Map(header.columns.map((c) => [c.index, c.label]));
  const mapped = Object.entries(mapping)
    .filter((entry): entry is [string, ImportTarget] => entry[1] != null)
    .map(([index, target]) => ({ index: Number(index), target }))
    .filter(({ index }) => Number.isInteger(index) && index >= 0)
    .sort((a, b) => a.index - b.index)
    .map((m) => ({ ...m, label: labels.get(m.index) ?? importMessage("import.header.columnLetter", { letter: columnLetter(m.index) }) }));
  const tableWidth = Math.max(1, ...header.columns.map((c) => c.index + 1));

  // Merges in the data area: those starting a row (group titles), and the vertical ones by column,
  // whose top cell's value is kept when that row passes for the rows under it.
  const mergesByTop = new Map<number, MergeRange[]>();
  const verticalByColumn = new Map<number, { merge: MergeRange; value: Cell }[]>();
  for (const m of options.merges ?? []) {
    if (m.top < header.dataStartRow) continue;
    mergesByTop.set(m.top, [...(mergesByTop.get(m.top) ?? []), m]);
    if (m.bottom > m.top) verticalByColumn.set(m.left, [...(verticalByColumn.get(m.left) ?? []), { merge: m, value: null }]);
  }
  const mergedValue = (row: number, column: number): Cell => {
    for (const v of verticalByColumn.get(column) ?? []) if (v.merge.top < row && row <= v.merge.bottom) return v.value;
    return null;
  };

  return function mapRow(index: number, source: readonly Cell[], problems: readonly CellProblem[] = []): MapOutcome {
    if (index < header.dataStartRow) return { kind: "empty" };
    const rowMerges = mergesByTop.get(index);
    if (rowMerges) {
      for (const m of rowMerges) for (const v of verticalByColumn.get(m.left) ?? []) if (v.merge === m) v.value = source[m.left] ?? null;
      const wide = rowMerges.find((m) => m.right - m.left + 1 >= Math.max(3, Math.ceil(tableWidth / 2)));
      if (wide) {
        let filled = 0;
        let only = -1;
        for (let c = 0; c < source.length; c++) {
          if (source[c] === null || source[c] === undefined) continue;
          filled++;
          only = c;
        }
        if (filled === 1 && only === wide.left) return { kind: "section", rowNumber: index + 1 };
      }
    }
    const cells: MappedRow["cells"] = {};
    let any = false;
    for (const { index: column, target, label } of mapped) {
      let value = source[column] ?? null;
      if (value === null && verticalByColumn.size > 0) value = mergedValue(index, column);
      const cellProblem = problems.length > 0 ? problems.find((p) => p.column === column) : undefined;
      if (value === null && !cellProblem) continue;
      any = true;
      const cell: MappedCell = { column, header: label, value };
      if (cellProblem) cell.cellProblem = cellProblem;
      (cells[target] ??= []).push(cell);
    }
    return any ? { kind: "row", row: { rowNumber: index + 1, cells } } : { kind: "empty" };
  };
}

/** The mapped sheet's columns, as problems and the preview name them. */
export function mappedColumns(header: HeaderResult, mapping: ColumnMapping): MappedSheet["columns"] {
  return header.columns.map((c) => ({ index: c.index, label: c.label, target: mapping[c.index] ?? null }));
}

/** A whole grid through the mapping (see createRowMapper). */
export function applyMapping(grid: Grid, mapping: ColumnMapping, options: ApplyMappingOptions): MappedSheet {
  const mapRow = createRowMapper(mapping, options);
  const problemsByRow = new Map<number, CellProblem[]>();
  for (const p of options.cellProblems ?? []) problemsByRow.set(p.row, [...(problemsByRow.get(p.row) ?? []), p]);
  const rows: MappedRow[] = [];
  const skippedRows: MappedSheet["skippedRows"] = [];
  for (let r = options.header.dataStartRow; r < grid.length; r++) {
    const outcome = mapRow(r, grid[r] ?? [], problemsByRow.get(r));
    if (outcome.kind === "row") rows.push(outcome.row);
    else if (outcome.kind === "section") skippedRows.push({ rowNumber: outcome.rowNumber, reason: "section" });
  }
  return { columns: mappedColumns(options.header, mapping), rows, missingRequired: missingRequired(mapping), skippedRows };
}
