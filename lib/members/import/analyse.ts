import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { members, units, type MemberImportBatch } from "@/db/schema";
import { inScope, type Scope } from "@/lib/auth/guard";
import type { Db } from "@/lib/db";
import { foldVietnamese } from "@/lib/i18n/format";
import { MEMBER_FIELDS, type MemberFieldKey } from "../fields";
import { findHeader, type HeaderResult } from "./header";
import { applyMapping, type ColumnMapping, IMPORT_TARGETS, type ImportTarget, type MappedCell, type MappedSheet, targetField } from "./mapping";
import { importMessage } from "./messages";
import { type Grid, type ReadResult, readSpreadsheet } from "./read";
import { readImportFile } from "./storage";
import { displayText } from "./values";
import { type RowIssue, type ValidatedRow, validateRows } from "./validate";

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
// Reading the stored file: parsed once per process and kept for the next steps of the same batch.

interface ParsedFile {
  read: ReadResult;
  header: HeaderResult | null;
}

const parsedCache = new Map<string, Promise<ParsedFile>>();
const CACHE_SIZE = 3;

/** Members one file may hold; title and header rows above them do not count. */
export const MAX_IMPORT_ROWS = 100_000;
const ROWS_ABOVE_DATA = 50;

export async function parseImportFile(bytes: Uint8Array, fileName: string): Promise<ParsedFile> {
  const read = await readSpreadsheet(bytes, fileName, { maxRows: MAX_IMPORT_ROWS + ROWS_ABOVE_DATA });
  const header = read.ok ? findHeader(read.grid, read.merges) : null;
  if (header && read.grid.length - header.dataStartRow > MAX_IMPORT_ROWS) {
    const values = { name: fileName, max: MAX_IMPORT_ROWS };
    return { read: { ...read, ok: false, grid: [], problems: [{ code: "tooManyRows", values, message: importMessage("import.read.tooManyRows", values) }] }, header: null };
  }
  return { read, header };
}

export function loadParsedFile(batch: Pick<MemberImportBatch, "fileHash" | "fileName">): Promise<ParsedFile> {
  const cached = parsedCache.get(batch.fileHash);
  if (cached) {
    parsedCache.delete(batch.fileHash);
    parsedCache.set(batch.fileHash, cached);
    return cached;
  }
  const loading = readImportFile(batch.fileHash).then((bytes) => parseImportFile(bytes, batch.fileName));
  loading.catch(() => parsedCache.delete(batch.fileHash));
  parsedCache.set(batch.fileHash, loading);
  while (parsedCache.size > CACHE_SIZE) parsedCache.delete(parsedCache.keys().next().value!);
  return loading;
}

export function rememberParsedFile(hash: string, parsed: ParsedFile) {
  parsedCache.set(hash, Promise.resolve(parsed));
  while (parsedCache.size > CACHE_SIZE) parsedCache.delete(parsedCache.keys().next().value!);
}

export function forgetParsedFile(hash: string) {
  parsedCache.delete(hash);
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
function applyFixes(sheet: MappedSheet, fixes: Record<string, Record<string, string>>): MappedSheet {
  if (Object.keys(fixes).length === 0) return sheet;
  const columnOf = new Map<MemberFieldKey, { index: number; label: string }>();
  for (const c of sheet.columns) if (c.target && !columnOf.has(targetField(c.target))) columnOf.set(targetField(c.target), c);
  const rows = sheet.rows.map((row) => {
    const fix = fixes[String(row.rowNumber)];
    if (!fix) return row;
    const cells: Partial<Record<ImportTarget, MappedCell[]>> = {};
    for (const field of FIXABLE_FIELDS) {
      const text = fix[field];
      if (text === undefined || text.trim() === "") continue;
      const column = columnOf.get(field);
      cells[field] = [{ column: column?.index ?? -1, header: column?.label ?? importMessage(`import.field.${field}`), value: text }];
    }
    return { rowNumber: row.rowNumber, cells };
  });
  return { ...sheet, rows };
}

function unitUnknown(code: string, column: string): RowIssue {
  const values = { field: importMessage("import.field.unitCode"), code };
  return { column, columnIndex: null, field: "unitCode", code: "unitUnknown", message: importMessage("import.problem.unitUnknown", values), values };
}

/**
 * Reads the batch's file through its mapping and the user's fixes, checks every row, and finds
 * each row's unit and any existing member it duplicates (anywhere in the organisation).
 */
export async function analyseBatch(db: Db, batch: MemberImportBatch, scope: Scope, today: string, options: { rows?: readonly number[] } = {}): Promise<Analysis> {
  const parsed = await loadParsedFile(batch);
  if (!parsed.read.ok || !parsed.header) throw new Error("stored import file no longer reads");
  const { read, header } = parsed;
  const mapping = toColumnMapping(batch.mapping);
  let sheet = applyFixes(applyMapping(read.grid, mapping, { header, merges: read.merges, cellProblems: read.cellProblems }), batch.fixes);
  // Some rows only (a decision or a fix on a large file): duplicates within the file are not looked for.
  if (options.rows) {
    const wanted = new Set(options.rows);
    sheet = { ...sheet, rows: sheet.rows.filter((r) => wanted.has(r.rowNumber)) };
  }
  const validated = validateRows(sheet, { today });

  // Units by code, among the active units the importer manages.
  const [batchUnit] = await db.select({ id: units.id, name: units.name }).from(units).where(eq(units.id, batch.unitId));
  const codes = [...new Set(validated.map((r) => r.values.unitCode).filter((c): c is string => Boolean(c)))];
  const unitByCode = new Map<string, { id: string; name: string }>();
  if (codes.length > 0) {
    const found = await db
      .select({ id: units.id, name: units.name, code: units.code })
      .from(units)
      .where(and(inArray(sql`upper(${units.code})`, codes.map((c) => c.toUpperCase())), isNull(units.activeTo), inScope(units.path, scope)));
    for (const u of found) unitByCode.set(u.code.toUpperCase(), u);
  }
  const unitColumn = sheet.columns.find((c) => c.target === "unitCode")?.label ?? importMessage("import.field.unitCode");

  const matches = await findExisting(db, validated, scope);
  const rows: AnalysedRow[] = validated.map((row) => {
    let unit: { id: string; name: string } | null = batchUnit ?? null;
    if (row.values.unitCode) {
      unit = unitByCode.get(row.values.unitCode.toUpperCase()) ?? null;
      if (!unit) {
        row.problems.push(unitUnknown(row.values.unitCode, unitColumn));
        row.valid = false;
      }
    }
    const match = matches.get(row.rowNumber) ?? null;
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
  });

  const counts = { total: rows.length, create: 0, update: 0, secondary: 0, skip: 0, problems: 0, duplicates: 0, blocked: 0 };
  for (const row of rows) {
    counts[row.decision]++;
    if (row.problems.length > 0) counts.problems++;
    if (row.match) counts.duplicates++;
    if (row.blocked) counts.blocked++;
  }
  return { header, mapping, sheet, rows, counts };
}

/**
 * Existing members the rows duplicate: the same ID number, or else the same folded name and birth
 * date. Searched across the whole organisation (a person belongs to one record), but what is
 * returned about a record outside the scope is only the name of its unit.
 */
async function findExisting(db: Db, rows: ValidatedRow[], scope: Scope): Promise<Map<number, ExistingMatch>> {
  const ids = [...new Set(rows.map((r) => r.values.nationalId).filter((v): v is string => Boolean(v)))];
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
      : await db.select(columns).from(members).innerJoin(units, eq(units.id, members.unitId)).where(sql`${members.nationalId} = any(${sql.param(ids)}::text[])`);
  const idIndex = new Map(byId.map((m) => [m.nationalId!, m]));

  // By name and birth date: a row without an ID may be anyone of that name and date; a row whose
  // ID is not on record can only be someone recorded without an ID (two IDs, two people).
  const byPerson = async (people: ValidatedRow[], onlyWithoutId: boolean) => {
    if (people.length === 0) return [];
    const names = people.map((r) => foldVietnamese(r.values.fullName!));
    const births = people.map((r) => r.values.birthDate!);
    return db
      .select(columns)
      .from(members)
      .innerJoin(units, eq(units.id, members.unitId))
      .innerJoin(
        sql`unnest(${sql.param(names)}::text[], ${sql.param(births)}::text[]::date[]) as k(name_folded, birth_date)`,
        sql`${members.nameFolded} = k.name_folded and ${members.birthDate} = k.birth_date${onlyWithoutId ? sql` and ${members.nationalId} is null` : sql``}`,
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
      const key = `${foldVietnamese(fullName)}|${birthDate}`;
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
