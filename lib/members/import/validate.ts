import type { MemberFieldKey } from "../fields";
import { columnLetter } from "./header";
import { type ImportTarget, type MappedCell, type MappedRow, type MappedSheet, REQUIRED_FIELDS, targetField } from "./mapping";
import { type ImportMessageKey, importMessage } from "./messages";
import {
  cccdBirth,
  cleanText,
  type DateField,
  displayText,
  foldName,
  type Gender,
  isMarked,
  type MemberInput,
  type Parsed,
  type ParsedDate,
  parseDate,
  parseEducation,
  parseEmail,
  parseEthnicity,
  parseFullName,
  parseGender,
  parseNationalId,
  parsePhone,
  parseReligion,
  parseText,
  type ProblemCode,
  TEXT_LIMITS,
  type WarningCode,
} from "./values";

export interface RowIssue<C extends string = ProblemCode> {
  /** The header of the column concerned ("Ngày sinh – Nam", "Cột D"); "" when no column is mapped. */
  column: string;
  /** 0-based column index, or null when no column is mapped. */
  columnIndex: number | null;
  field: MemberFieldKey;
  code: C;
  /** The Vietnamese message, ready to show. */
  message: string;
  values: Record<string, string | number>;
}

export interface ValidatedRow {
  /** 1-based sheet row. */
  rowNumber: number;
  /** What was read. Fields with a problem may still hold a value (an unknown ethnicity keeps its text). */
  values: Partial<MemberInput>;
  /** Date fields where only the year was given (the value is yyyy-01-01). */
  yearOnly: DateField[];
  /** Must be fixed or the row skipped. */
  problems: RowIssue[];
  /** Read, but worth a look (a restored leading zero, a two-digit year, a year only…). */
  warnings: RowIssue<WarningCode>[];
  /** No problems. */
  valid: boolean;
}

export interface ValidateOptions {
  /** Today in Vietnam, yyyy-MM-dd (todayInVietnam()). */
  today: string;
  /** Allowed age on `today`, inclusive. */
  ageRule?: { min: number; max: number };
}

const DATE_FIELDS: readonly DateField[] = ["birthDate", "joinedOn", "partyJoinedOn"];

const fieldLabel = (field: MemberFieldKey) => importMessage(`import.field.${field}` as ImportMessageKey);

function issue<C extends ProblemCode | WarningCode>(
  kind: "problem" | "warning",
  field: MemberFieldKey,
  code: C,
  values: Record<string, string | number>,
  cell: { header: string; column: number } | null,
): RowIssue<C> {
  const all = { field: fieldLabel(field), ...values };
  return {
    column: cell?.header ?? "",
    columnIndex: cell?.column ?? null,
    field,
    code,
    message: importMessage(`import.${kind}.${code}` as ImportMessageKey, all),
    values: all,
  };
}

const isBlank = (cell: MappedCell) =>
  cell.value === null || (typeof cell.value === "string" && cleanText(cell.value) === "");

function ageOn(birth: string, today: string): number {
  const [by, bm, bd] = birth.split("-").map(Number) as [number, number, number];
  const [ty, tm, td] = today.split("-").map(Number) as [number, number, number];
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}

/** Folded name + birth date: how a person without an ID number is recognised. */
export function personKey(fullName: string, birthDate: string): string {
  return `${foldName(cleanText(fullName)).replace(/\s+/g, " ")}|${birthDate}`;
}

/**
 * Reads and checks every mapped row: each cell by its field, required fields, dates in range,
 * the age rule, and duplicates within the file (same ID number, or same folded name and birth
 * date) — the later row gets the problem and names the earlier one.
 */
export function validateRows(mapped: MappedSheet, options: ValidateOptions): ValidatedRow[] {
  return createRowValidator(mapped.columns, options)(mapped.rows);
}

/**
 * validateRows for a sheet that streams: call it with the rows in sheet order, a batch at a time;
 * it remembers the ID numbers and people already seen, so a later batch's duplicates of an earlier
 * batch's rows are found as in one pass.
 */
export function createRowValidator(columns: MappedSheet["columns"], options: ValidateOptions) {
  const columnOf = new Map<MemberFieldKey, { header: string; column: number }>();
  for (const c of columns) {
    if (c.target && !columnOf.has(targetField(c.target))) columnOf.set(targetField(c.target), { header: c.label, column: c.index });
  }
  const seen: SeenInFile = { byId: new Map(), byPerson: new Map() };
  return (batch: readonly MappedRow[]): ValidatedRow[] => {
    const rows = batch.map((row) => validateRow(row, options, columnOf));
    markDuplicates(rows, columnOf, seen);
    for (const row of rows) row.valid = row.problems.length === 0;
    return rows;
  };
}

interface SeenInFile {
  byId: Map<string, number>;
  byPerson: Map<string, { rowNumber: number; nationalId?: string }>;
}

interface RowState {
  result: ValidatedRow;
  /** Fields that already have a problem: no "required" on top. */
  troubled: Set<MemberFieldKey>;
  /** The cell each value came from, to name it in later problems. */
  source: Map<MemberFieldKey, MappedCell>;
}

function validateRow(
  row: MappedRow,
  options: ValidateOptions,
  columnOf: Map<MemberFieldKey, { header: string; column: number }>,
): ValidatedRow {
  const state: RowState = {
    result: { rowNumber: row.rowNumber, values: {}, yearOnly: [], problems: [], warnings: [], valid: false },
    troubled: new Set(),
    source: new Map(),
  };
  const { result } = state;
  const values = result.values as Record<string, unknown>;
  const problem = (field: MemberFieldKey, code: ProblemCode, vals: Record<string, string | number>, cell: MappedCell | null) => {
    result.problems.push(issue("problem", field, code, vals, cell ?? columnOf.get(field) ?? null));
    state.troubled.add(field);
  };
  const warn = (field: MemberFieldKey, code: WarningCode, vals: Record<string, string | number>, cell: MappedCell | null) => {
    result.warnings.push(issue("warning", field, code, vals, cell ?? columnOf.get(field) ?? null));
  };
  const take = <T>(field: MemberFieldKey, parsed: Parsed<T>, cell: MappedCell): T | null => {
    if (parsed.problem) problem(field, parsed.problem.code, parsed.problem.values, cell);
    for (const w of parsed.warnings) warn(field, w.code, w.values, cell);
    if (parsed.value !== null) state.source.set(field, cell);
    return parsed.value;
  };

  // Cells that could not be read at all (formula without a result, #REF!…).
  const usable: Partial<Record<ImportTarget, MappedCell[]>> = {};
  for (const [target, cells] of Object.entries(row.cells) as [ImportTarget, MappedCell[]][]) {
    const field = targetField(target);
    for (const cell of cells) {
      if (cell.cellProblem) {
        const address = `${columnLetter(cell.column)}${row.rowNumber}`;
        problem(field, cell.cellProblem.code, { cell: address, text: cell.cellProblem.detail }, cell);
      } else if (!isBlank(cell)) {
        (usable[target] ??= []).push(cell);
      }
    }
  }
  const first = (target: ImportTarget) => usable[target]?.[0] ?? null;

  // Name: parts in several columns are joined ("Họ đệm" | "Tên").
  const nameCells = usable.fullName ?? [];
  if (nameCells.length > 0) {
    const joined =
      nameCells.length === 1 ? nameCells[0]!.value : nameCells.map((c) => (typeof c.value === "string" ? cleanText(c.value) : displayText(c.value))).join(" ");
    const name = take("fullName", parseFullName(joined), nameCells[0]!);
    if (name !== null) values.fullName = name;
  }

  for (const field of DATE_FIELDS) {
    const cell = first(field);
    if (!cell) continue;
    const date = take<ParsedDate>(field, parseDate(cell.value, options.today), cell);
    if (date) setDate(state, field, date, cell, warn);
  }

  // Old forms: the birth date written under "Nam" or "Nữ".
  const male = first("birthDateMale");
  const female = first("birthDateFemale");
  let splitGender: { gender: Gender; cell: MappedCell } | null = null;
  if (male && female) {
    problem("gender", "genderConflict", {}, female);
    state.troubled.add("birthDate");
  } else if (male || female) {
    const cell = (male ?? female)!;
    const date = take<ParsedDate>("birthDate", parseDate(cell.value, options.today), cell);
    if (date && values.birthDate === undefined) setDate(state, "birthDate", date, cell, warn);
    splitGender = { gender: male ? "male" : "female", cell };
  }
  // Or a tick under "Nam" or "Nữ".
  const maleMarked = (usable.genderMale ?? []).find((c) => isMarked(c.value));
  const femaleMarked = (usable.genderFemale ?? []).find((c) => isMarked(c.value));
  if (maleMarked && femaleMarked) problem("gender", "genderConflict", {}, femaleMarked);
  else if (maleMarked || femaleMarked) {
    const mark = { gender: (maleMarked ? "male" : "female") as Gender, cell: (maleMarked ?? femaleMarked)! };
    if (splitGender && splitGender.gender !== mark.gender) problem("gender", "genderConflict", {}, mark.cell);
    else splitGender = mark;
  }
  const genderCell = first("gender");
  let gender: Gender | null = genderCell ? take("gender", parseGender(genderCell.value), genderCell) : null;
  if (splitGender) {
    if (gender && gender !== splitGender.gender) {
      problem("gender", "genderConflict", {}, genderCell);
      gender = null;
    } else if (!state.troubled.has("gender")) {
      gender = splitGender.gender;
      state.source.set("gender", splitGender.cell);
    }
  }
  if (gender && !state.troubled.has("gender")) values.gender = gender;

  const simple: [MemberFieldKey, (cell: MappedCell) => Parsed<string>][] = [
    ["ethnicity", (c) => parseEthnicity(c.value)],
    ["religion", (c) => parseReligion(c.value)],
    ["education", (c) => parseEducation(c.value)],
    ["nationalId", (c) => parseNationalId(c.value)],
    ["phone", (c) => parsePhone(c.value)],
    ["email", (c) => parseEmail(c.value)],
    ["hometown", (c) => parseText(c.value, TEXT_LIMITS.hometown)],
    ["currentAddress", (c) => parseText(c.value, TEXT_LIMITS.currentAddress)],
    ["qualification", (c) => parseText(c.value, TEXT_LIMITS.qualification)],
    ["occupation", (c) => parseText(c.value, TEXT_LIMITS.occupation)],
    ["unitCode", (c) => parseText(c.value, TEXT_LIMITS.unitCode)],
  ];
  for (const [field, parse] of simple) {
    const cell = first(field as ImportTarget);
    if (!cell) continue;
    const value = take(field, parse(cell), cell);
    if (value !== null) values[field] = value;
  }

  for (const field of REQUIRED_FIELDS) {
    if (values[field] === undefined && !state.troubled.has(field)) problem(field, "required", {}, null);
  }

  checkDates(state, options, problem);
  checkNationalId(state, problem, warn);
  return result;
}

type Report = (field: MemberFieldKey, code: ProblemCode, vals: Record<string, string | number>, cell: MappedCell | null) => void;
type Warn = (field: MemberFieldKey, code: WarningCode, vals: Record<string, string | number>, cell: MappedCell | null) => void;

function setDate(state: RowState, field: DateField, date: ParsedDate, cell: MappedCell, warn: Warn) {
  (state.result.values as Record<string, unknown>)[field] = date.date;
  state.source.set(field, cell);
  if (date.yearOnly) {
    state.result.yearOnly.push(field);
    warn(field, "yearOnly", { year: date.date.slice(0, 4) }, cell);
  }
}

const display = (iso: string, yearOnly: boolean) => (yearOnly ? iso.slice(0, 4) : `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`);

function checkDates(state: RowState, options: ValidateOptions, problem: Report) {
  const { values, yearOnly } = state.result;
  const today = options.today;
  for (const field of DATE_FIELDS) {
    const date = values[field];
    if (!date) continue;
    const only = yearOnly.includes(field);
    const cell = state.source.get(field) ?? null;
    const shown = display(date, only);
    if (only ? date.slice(0, 4) > today.slice(0, 4) : date > today) problem(field, "futureDate", { date: shown }, cell);
    else if (date < "1900-01-01") problem(field, "dateTooOld", { date: shown }, cell);
  }
  const birth = values.birthDate;
  if (birth && !state.troubled.has("birthDate")) {
    const birthYearOnly = yearOnly.includes("birthDate");
    for (const field of ["joinedOn", "partyJoinedOn"] as const) {
      const date = values[field];
      if (!date || state.troubled.has(field)) continue;
      const coarse = birthYearOnly || yearOnly.includes(field);
      const before = coarse ? date.slice(0, 4) < birth.slice(0, 4) : date < birth;
      if (before) problem(field, "beforeBirth", { date: display(date, yearOnly.includes(field)) }, state.source.get(field) ?? null);
    }
    if (options.ageRule) {
      const { min, max } = options.ageRule;
      // With a year only, the age is one of two values: out of range only if both are.
      const high = birthYearOnly ? Number(today.slice(0, 4)) - Number(birth.slice(0, 4)) : ageOn(birth, today);
      const low = birthYearOnly ? high - 1 : high;
      if (high < min || low > max) problem("birthDate", "ageOutOfRange", { age: birthYearOnly ? `${low}–${high}` : high, min, max }, state.source.get("birthDate") ?? null);
    }
  }
}

/** As the member form does (lib/members/national-id.ts): a CCCD must fit the birth year; the sex digit only warns. */
function checkNationalId(state: RowState, problem: Report, warn: Warn) {
  const { values } = state.result;
  const id = values.nationalId;
  if (!id) return;
  const encoded = cccdBirth(id);
  if (!encoded) return;
  const cell = state.source.get("nationalId") ?? null;
  if (values.birthDate && !state.troubled.has("birthDate")) {
    const year = Number(values.birthDate.slice(0, 4));
    if (year !== encoded.year) problem("nationalId", "idBirthYear", { idYear: encoded.year, year }, cell);
  }
  if (values.gender && values.gender !== encoded.gender) warn("nationalId", "idGenderMismatch", {}, cell);
}

function markDuplicates(rows: ValidatedRow[], columnOf: Map<MemberFieldKey, { header: string; column: number }>, { byId, byPerson }: SeenInFile) {
  for (const row of rows) {
    const { nationalId, fullName, birthDate } = row.values;
    let duplicate = false;
    if (nationalId) {
      const earlier = byId.get(nationalId);
      if (earlier !== undefined) {
        row.problems.push(
          issue("problem", "nationalId", "duplicateInFile", { row: earlier, by: importMessage("import.problem.duplicateById") }, columnOf.get("nationalId") ?? null),
        );
        duplicate = true;
      } else byId.set(nationalId, row.rowNumber);
    }
    if (fullName && birthDate) {
      const key = `${personKey(fullName, birthDate)}${row.yearOnly.includes("birthDate") ? "~" : ""}`;
      const earlier = byPerson.get(key);
      // Two different ID numbers are two different people, whatever their names.
      const differentIds = earlier?.nationalId && nationalId && earlier.nationalId !== nationalId;
      if (earlier && !duplicate && !differentIds) {
        row.problems.push(
          issue(
            "problem",
            "fullName",
            "duplicateInFile",
            { row: earlier.rowNumber, by: importMessage("import.problem.duplicateByNameAndBirthDate") },
            columnOf.get("fullName") ?? null,
          ),
        );
      } else if (!earlier) byPerson.set(key, { rowNumber: row.rowNumber, nationalId });
    }
  }
}

