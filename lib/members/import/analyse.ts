import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { members, units, type MemberImportBatch } from "@/db/schema";
import { InvalidInputError } from "@/lib/auth/errors";
import { inScope, type Scope } from "@/lib/auth/guard";
import type { Db } from "@/lib/db";
import { MEMBER_FIELDS, type MemberFieldKey } from "../fields";
import { findHeader, type HeaderResult } from "./header";
import {
  type ColumnMapping,
  createRowMapper,
  IMPORT_TARGETS,
  type ImportTarget,
  type MappedCell,
  mappedColumns,
  type MappedRow,
  type MappedSheet,
  missingRequired,
  targetField,
} from "./mapping";
import { importMessage } from "./messages";
import { type Grid, openSpreadsheet, SpreadsheetError, type SpreadsheetSource } from "./read";
import { readImportFile } from "./storage";
import { displayText, foldName } from "./values";
import { createRowValidator, type RowIssue, type ValidatedRow } from "./validate";

export type ImportDecision = "create" | "skip" | "secondary" | "update";

/** An existing member the row seems to be. Out of the importer's scope only the unit is shown. */
export interface ExistingMatch {
  by: "nationalId" | "person";
  unitId: string;
  unitName: string;
  inScope: boolean;
  /** Null when the record lies outside the importer's units: its personal data stay hidden. */
  memberId: string | null;
  /** For writing only (a secondary participation); never shown. */
  recordId: string;
  fullName: string | null;
}

export interface AnalysedRow extends ValidatedRow {
  /** Where the row goes: its unit code's unit, or the batch's unit. */
  unitId: string | null;
  unitName: string | null;
  match: ExistingMatch | null;
  decision: ImportDecision;
  /** The decisions that make sense for this row. */
  allowed: ImportDecision[];
  /** The row was corrected in the preview. */
  fixed: boolean;
  /** Has problems and is not skipped: the batch cannot be committed. */
  blocked: boolean;
}

export interface Analysis {
  header: HeaderResult;
  mapping: ColumnMapping;
  sheet: MappedSheet;
  rows: AnalysedRow[];
  counts: { total: number; create: number; update: number; secondary: number; skip: number; problems: number; duplicates: number; blocked: number };
}

/** The fields a row can be corrected in, in form order. */
export const FIXABLE_FIELDS: readonly MemberFieldKey[] = MEMBER_FIELDS.map((f) => f.key);

// ---------------------------------------------------------------------------------------------
// Opening the stored file. Nothing of a file is kept between requests: every step streams it again
// from storage, so a hundred thousand rows never sit in memory at once.

/** Members one file may hold; title and header rows above them do not count. */
export const MAX_IMPORT_ROWS = 100_000;
const ROWS_ABOVE_DATA = 50;
/** Rows checked and written together. */
const CHUNK_ROWS = 1000;

/** A file that cannot be imported at all; the message (already Vietnamese) goes next to the file field. */
export class FileRejected extends InvalidInputError {
  constructor(readonly text: string) {
    super({ file: "import.fileRejected" }, "import.fileRejected");
  }
}

export interface OpenedImportFile {
  source: SpreadsheetSource;
  header: HeaderResult;
}

/** Opens an import file and finds its header; throws FileRejected with the reason when it cannot be imported. */
export async function openImportFile(bytes: Uint8Array, fileName: string): Promise<OpenedImportFile> {
  const source = await openSpreadsheet(bytes, fileName, { maxRows: MAX_IMPORT_ROWS + ROWS_ABOVE_DATA });
  if (!source.ok) throw new FileRejected(source.problems[0]!.message);
  const header = findHeader(source.head, source.merges);
  if (!header) {
    await source.close();
    throw new FileRejected(importMessage("import.header.notFound"));
  }
  if (source.rowCountHint !== null && source.rowCountHint - header.dataStartRow > MAX_IMPORT_ROWS) {
    await source.close();
    throw new FileRejected(importMessage("import.read.tooManyRows", { name: fileName, max: MAX_IMPORT_ROWS }));
  }
  return { source, header };
}

async function openStoredFile(batch: Pick<MemberImportBatch, "fileHash" | "fileName">): Promise<OpenedImportFile> {
  return openImportFile(await readImportFile(batch.fileHash), batch.fileName);
}

/** The header columns with a few sample values under each: what the mapping step shows. */
export async function batchLayout(batch: Pick<MemberImportBatch, "fileHash" | "fileName">) {
  const { source, header } = await openStoredFile(batch);
  await source.close();
  const samples: Record<number, string[]> = {};
  for (const c of header.columns) samples[c.index] = columnSamples(source.head, header.dataStartRow, c.index);
  return { header, samples };
}

// ---------------------------------------------------------------------------------------------

/** The first few values under a column, to show beside the mapping. */
export function columnSamples(grid: Grid, from: number, column: number, count = 3): string[] {
  const found: string[] = [];
  for (let r = from; r < grid.length && found.length < count; r++) {
    const text = displayText(grid[r]?.[column] ?? null);
    if (text) found.push(text);
  }
  return found;
}

export function toColumnMapping(stored: Record<string, string | null>): ColumnMapping {
  const mapping: ColumnMapping = {};
  for (const [index, target] of Object.entries(stored)) {
    if (target === null || (IMPORT_TARGETS as readonly string[]).includes(target)) mapping[Number(index)] = target as ImportTarget | null;
  }
  return mapping;
}

/** A corrected row is read from what the user typed, field by field, as if those were its cells. */
function applyFix(row: MappedRow, fix: Record<string, string> | undefined, columnOf: Map<MemberFieldKey, { index: number; label: string }>): MappedRow {
  if (!fix) return row;
  const cells: Partial<Record<ImportTarget, MappedCell[]>> = {};
  for (const field of FIXABLE_FIELDS) {
    const text = fix[field];
    if (text === undefined || text.trim() === "") continue;
    const column = columnOf.get(field);
    cells[field] = [{ column: column?.index ?? -1, header: column?.label ?? importMessage(`import.field.${field}`), value: text }];
  }
  return { rowNumber: row.rowNumber, cells };
}

function unitUnknown(code: string, column: string): RowIssue {
  const values = { field: importMessage("import.field.unitCode"), code };
  return { column, columnIndex: null, field: "unitCode", code: "unitUnknown", message: importMessage("import.problem.unitUnknown", values), values };
}

export interface AnalysisStart {
  header: HeaderResult;
  mapping: ColumnMapping;
  columns: MappedSheet["columns"];
  missingRequired: MemberFieldKey[];
}

export interface AnalysedChunk {
  rows: AnalysedRow[];
  /** The rows as mapped (after fixes), for the fix form. */
  mapped: MappedRow[];
  /** Group titles left out in this chunk. */
  sections: number[];
}

export interface AnalyseOptions {
  /** Only these rows (a decision or a fix on a large file): duplicates within the file are not looked for. */
  rows?: readonly number[];
  /** While committing: members this batch has already written are not duplicates of its own rows. */
  writingBatch?: boolean;
  /** Where units and existing members are looked up, when not `db` (see commitImport). */
  lookups?: Db;
}

/**
 * Reads the batch's file through its mapping and the user's fixes, checks every row, and finds
 * each row's unit and any existing member it duplicates (anywhere in the organisation), a chunk
 * of rows at a time as the file streams. `start` hears about the layout before the first chunk.
 */
export async function* analyseStream(
  db: Db,
  batch: MemberImportBatch,
  scope: Scope,
  today: string,
  options: AnalyseOptions = {},
  start?: (info: AnalysisStart) => void,
): AsyncGenerator<AnalysedChunk> {
  const { source, header } = await openStoredFile(batch);
  try {
    const mapping = toColumnMapping(batch.mapping);
    const columns = mappedColumns(header, mapping);
    start?.({ header, mapping, columns, missingRequired: missingRequired(mapping) });
    const mapRow = createRowMapper(mapping, { header, merges: source.merges });
    const validate = createRowValidator(columns, { today });
    const columnOf = new Map<MemberFieldKey, { index: number; label: string }>();
    for (const c of columns) if (c.target && !columnOf.has(targetField(c.target))) columnOf.set(targetField(c.target), c);
    const wanted = options.rows ? new Set(options.rows) : null;
    const [batchUnit] = await db.select({ id: units.id, name: units.name }).from(units).where(eq(units.id, batch.unitId));
    const unitByCode = new Map<string, { id: string; name: string } | null>();
    const unitColumn = columns.find((c) => c.target === "unitCode")?.label ?? importMessage("import.field.unitCode");

    let mapped: MappedRow[] = [];
    let sections: number[] = [];
    const analyse = async (): Promise<AnalysedChunk> => {
      const validated = validate(mapped);
      await lookUpUnits(options.lookups ?? db, validated, scope, unitByCode);
      const matches = await findExisting(options.lookups ?? db, validated, scope, options.writingBatch ? batch.id : null);
      const rows = validated.map((row) => analysedRow(row, batch, batchUnit ?? null, unitByCode, unitColumn, matches.get(row.rowNumber) ?? null));
      const chunk = { rows, mapped, sections };
      mapped = [];
      sections = [];
      return chunk;
    };
    for await (const streamed of source.rows()) {
      for (const sheetRow of streamed) {
        if (sheetRow.index - header.dataStartRow >= MAX_IMPORT_ROWS) {
          throw new FileRejected(importMessage("import.read.tooManyRows", { name: batch.fileName, max: MAX_IMPORT_ROWS }));
        }
        const outcome = mapRow(sheetRow.index, sheetRow.cells, sheetRow.problems);
        if (outcome.kind === "section") sections.push(outcome.rowNumber);
        if (outcome.kind !== "row" || (wanted && !wanted.has(outcome.row.rowNumber))) continue;
        mapped.push(applyFix(outcome.row, batch.fixes[String(outcome.row.rowNumber)], columnOf));
      }
      if (mapped.length >= CHUNK_ROWS) yield await analyse();
    }
    if (mapped.length > 0 || sections.length > 0) yield await analyse();
  } catch (error) {
    if (error instanceof SpreadsheetError) throw new FileRejected(error.problem.message);
    throw error;
  } finally {
    await source.close();
  }
}

/** Units by code, among the active units the importer manages; codes already looked up are not asked again. */
async function lookUpUnits(db: Db, rows: readonly ValidatedRow[], scope: Scope, known: Map<string, { id: string; name: string } | null>) {
  const codes = [...new Set(rows.map((r) => r.values.unitCode?.toUpperCase()).filter((c): c is string => Boolean(c) && !known.has(c!)))];
  if (codes.length === 0) return;
  const found = await db
    .select({ id: units.id, name: units.name, code: units.code })
    .from(units)
    .where(and(inArray(sql`upper(${units.code})`, codes), isNull(units.activeTo), inScope(units.path, scope)));
  for (const code of codes) known.set(code, null);
  for (const u of found) known.set(u.code.toUpperCase(), { id: u.id, name: u.name });
}

function analysedRow(
  row: ValidatedRow,
  batch: MemberImportBatch,
  batchUnit: { id: string; name: string } | null,
  unitByCode: Map<string, { id: string; name: string } | null>,
  unitColumn: string,
  match: ExistingMatch | null,
): AnalysedRow {
  let unit = batchUnit;
  if (row.values.unitCode) {
    unit = unitByCode.get(row.values.unitCode.toUpperCase()) ?? null;
    if (!unit) {
      row.problems.push(unitUnknown(row.values.unitCode, unitColumn));
      row.valid = false;
    }
  }
  const allowed: ImportDecision[] = match
    ? [
        "skip",
        ...(match.inScope ? (["update"] as const) : []),
        ...(unit && match.unitId !== unit.id ? (["secondary"] as const) : []),
        // Same name and birth date may still be two people; the same ID number never is.
        ...(match.by === "person" ? (["create"] as const) : []),
      ]
    : ["create", "skip"];
  const chosen = batch.decisions[String(row.rowNumber)];
  const decision: ImportDecision = chosen && allowed.includes(chosen) ? chosen : match ? "skip" : "create";
  return {
    ...row,
    unitId: unit?.id ?? null,
    unitName: unit?.name ?? null,
    match,
    decision,
    allowed,
    fixed: Boolean(batch.fixes[String(row.rowNumber)]),
    blocked: row.problems.length > 0 && decision !== "skip",
  };
}

export function emptyCounts(): Analysis["counts"] {
  return { total: 0, create: 0, update: 0, secondary: 0, skip: 0, problems: 0, duplicates: 0, blocked: 0 };
}

export function countRow(counts: Analysis["counts"], row: AnalysedRow) {
  counts.total++;
  counts[row.decision]++;
  if (row.problems.length > 0) counts.problems++;
  if (row.match) counts.duplicates++;
  if (row.blocked) counts.blocked++;
}

/** The whole analysis at once: what the preview shows. */
export async function analyseBatch(db: Db, batch: MemberImportBatch, scope: Scope, today: string, options: AnalyseOptions = {}): Promise<Analysis> {
  let info: AnalysisStart | null = null;
  const rows: AnalysedRow[] = [];
  const mapped: MappedRow[] = [];
  const skippedRows: MappedSheet["skippedRows"] = [];
  const counts = emptyCounts();
  for await (const chunk of analyseStream(db, batch, scope, today, options, (i) => (info = i))) {
    for (const row of chunk.rows) {
      rows.push(row);
      countRow(counts, row);
    }
    mapped.push(...chunk.mapped);
    for (const rowNumber of chunk.sections) skippedRows.push({ rowNumber, reason: "section" });
  }
  const start = info as AnalysisStart | null;
  if (!start) throw new Error("analyseStream ended before opening the file");
  return {
    header: start.header,
    mapping: start.mapping,
    sheet: { columns: start.columns, rows: mapped, missingRequired: start.missingRequired, skippedRows },
    rows,
    counts,
  };
}

/**
 * Existing members the rows duplicate: the same ID number, or else the same folded name and birth
 * date. Searched across the whole organisation (a person belongs to one record), but what is
 * returned about a record outside the scope is only the name of its unit.
 */
async function findExisting(db: Db, rows: ValidatedRow[], scope: Scope, writingBatchId: string | null): Promise<Map<number, ExistingMatch>> {
  const ids = [...new Set(rows.map((r) => r.values.nationalId).filter((v): v is string => Boolean(v)))];
  // Members this commit has written already are rows of the same file: within-file duplicates are
  // the validator's to report, not matches to skip silently.
  const notThisBatch = writingBatchId ? sql` and ${members.importBatchId} is distinct from ${writingBatchId}::uuid` : sql``;
  const columns = {
    id: members.id,
    fullName: members.fullName,
    nationalId: members.nationalId,
    nameFolded: members.nameFolded,
    birthDate: members.birthDate,
    unitId: members.unitId,
    unitName: units.name,
    inScope: sql<boolean>`${inScope(units.path, scope)}`,
  };
  const byId =
    ids.length === 0
      ? []
      : await db.select(columns).from(members).innerJoin(units, eq(units.id, members.unitId)).where(sql`${members.nationalId} = any(${sql.param(ids)}::text[])${notThisBatch}`);
  const idIndex = new Map(byId.map((m) => [m.nationalId!, m]));

  // By name and birth date: a row without an ID may be anyone of that name and date; a row whose
  // ID is not on record can only be someone recorded without an ID (two IDs, two people).
  const byPerson = async (people: ValidatedRow[], onlyWithoutId: boolean) => {
    if (people.length === 0) return [];
    const names = people.map((r) => foldName(r.values.fullName!));
    const births = people.map((r) => r.values.birthDate!);
    return db
      .select(columns)
      .from(members)
      .innerJoin(units, eq(units.id, members.unitId))
      .innerJoin(
        sql`unnest(${sql.param(names)}::text[], ${sql.param(births)}::text[]::date[]) as k(name_folded, birth_date)`,
        sql`${members.nameFolded} = k.name_folded and ${members.birthDate} = k.birth_date${onlyWithoutId ? sql` and ${members.nationalId} is null` : sql``}${notThisBatch}`,
      );
  };
  const named = rows.filter((r) => r.values.fullName && r.values.birthDate);
  const [anyone, recordedWithoutId] = await Promise.all([
    byPerson(named.filter((r) => !r.values.nationalId), false),
    byPerson(named.filter((r) => r.values.nationalId && !idIndex.has(r.values.nationalId)), true),
  ]);
  const personKey = (m: { nameFolded: string; birthDate: string | null }) => `${m.nameFolded}|${m.birthDate}`;
  const anyIndex = new Map(anyone.map((m) => [personKey(m), m]));
  const noIdIndex = new Map([...anyone.filter((m) => !m.nationalId), ...recordedWithoutId].map((m) => [personKey(m), m]));
  const result = new Map<number, ExistingMatch>();
  for (const row of rows) {
    const { nationalId, fullName, birthDate } = row.values;
    let found: (typeof byId)[number] | undefined;
    let by: ExistingMatch["by"] = "nationalId";
    if (nationalId) found = idIndex.get(nationalId);
    if (!found && fullName && birthDate) {
      const key = `${foldName(fullName)}|${birthDate}`;
      const candidate = nationalId ? noIdIndex.get(key) : anyIndex.get(key);
      if (candidate) {
        found = candidate;
        by = "person";
      }
    }
    if (!found) continue;
    const visible = Boolean(found.inScope);
    result.set(row.rowNumber, {
      by,
      unitId: found.unitId,
      unitName: found.unitName,
      inScope: visible,
      memberId: visible ? found.id : null,
      recordId: found.id,
      fullName: visible ? found.fullName : null,
    });
  }
  return result;
}
