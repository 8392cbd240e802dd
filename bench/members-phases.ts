/**
 * The steps of the members benchmark, each usable in the process that runs it: loading a million
 * members, timing the name search, the import end to end, and the baseline (parsing alone, then a
 * raw COPY of the same rows) with a breakdown of where an import spends its time.
 */
import { once } from "node:events";
import { readFile } from "node:fs/promises";
import { finished } from "node:stream/promises";
import { performance } from "node:perf_hooks";
import type { PGlite } from "@electric-sql/pglite";
import { eq } from "drizzle-orm";
import { v7 as uuidv7 } from "uuid";
import { users } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { loadActor } from "@/lib/auth/load-actor";
import type { DatabaseHandle } from "@/lib/db/types";
import { foldVietnamese, todayInVietnam } from "@/lib/i18n/format";
import { findHeader } from "@/lib/members/import/header";
import { applyMapping, suggestMapping } from "@/lib/members/import/mapping";
import { openSpreadsheet, readSpreadsheet } from "@/lib/members/import/read";
import { validateRows } from "@/lib/members/import/validate";
import { listMembers } from "@/lib/members/service";
import { type MemoryReport, PeakMemory } from "./memory";
import { existingMember, MEMBER_COPY_COLUMNS, memberCopyLine, nameColumns, type Person } from "./members-data";

export type Log = (line: string) => void;

const seconds = (from: number) => (performance.now() - from) / 1000;

// ---------------------------------------------------------------------------------------------
// COPY on either driver

export interface Copier {
  /** COPY FROM STDIN (PostgreSQL) or FROM '/dev/blob' (PGlite) of text-format chunks. */
  /** `rollBack`: inside a transaction that is rolled back (the rows are written, indexes and all, then undone). */
  copy(table: string, columns: readonly string[], chunks: Iterable<string>, options?: { skipTriggers?: boolean; rollBack?: boolean }): Promise<void>;
  close(): Promise<void>;
}

export async function openCopier(handle: DatabaseHandle): Promise<Copier> {
  if (handle.kind === "pglite") {
    const pg = (handle.db as unknown as { $client: PGlite }).$client;
    return {
      async copy(table, columns, chunks, options) {
        if (options?.skipTriggers) await pg.exec("set session_replication_role = replica");
        if (options?.rollBack) await pg.exec("begin");
        try {
          for (const chunk of chunks) {
            await pg.query(`copy ${table} (${columns.join(", ")}) from '/dev/blob'`, [], { blob: new Blob([chunk]) });
          }
        } finally {
          if (options?.rollBack) await pg.exec("rollback");
          if (options?.skipTriggers) await pg.exec("set session_replication_role = default");
        }
      },
      async close() {},
    };
  }
  const { default: postgres } = await import("postgres");
  // One connection of its own, so a session setting applies to the COPY that follows it.
  const sql = postgres(handle.url!, { max: 1, onnotice: () => {} });
  await sql`select 1`;
  return {
    async copy(table, columns, chunks, options) {
      if (options?.skipTriggers) await sql`set session_replication_role = replica`;
      // max: 1, so postgres.js lets a plain begin hold the connection.
      if (options?.rollBack) await sql`begin`;
      try {
        const stream = await sql.unsafe(`copy ${table} (${columns.join(", ")}) from stdin`).writable();
        for (const chunk of chunks) if (!stream.write(chunk)) await once(stream, "drain");
        stream.end();
        await finished(stream);
      } finally {
        if (options?.rollBack) await sql`rollback`;
        if (options?.skipTriggers) await sql`set session_replication_role = default`;
      }
    },
    async close() {
      await sql.end({ timeout: 5 });
    },
  };
}

function* chunked<T>(items: Iterable<T>, line: (item: T) => string, size = 20_000): Generator<string> {
  let lines: string[] = [];
  for (const item of items) {
    lines.push(line(item));
    if (lines.length === size) {
      yield `${lines.join("\n")}\n`;
      lines = [];
    }
  }
  if (lines.length > 0) yield `${lines.join("\n")}\n`;
}

// ---------------------------------------------------------------------------------------------
// Loading the existing members

export interface LoadReport {
  members: number;
  units: number;
  copySeconds: number;
  indexSeconds: number;
  vacuumSeconds: number;
}

/**
 * Replaces the demo members by `count` generated ones spread over the active units of level 2
 * and below: secondary indexes dropped, COPY with foreign-key triggers off (every unit_id is an
 * existing unit), the indexes rebuilt from their own definitions, then VACUUM ANALYZE.
 */
export async function loadMembers(handle: DatabaseHandle, count: number, log: Log): Promise<LoadReport> {
  const { rows: unitRows } = await handle.executeSql("select id from units where active_to is null and level >= 2 order by code");
  const unitIds = unitRows.map((r) => String(r.id));
  if (unitIds.length === 0) throw new Error("no active units of level 2 or below: was the demo seeded?");
  // The demo's 3,000 members go (with their events, evaluations…): their random ID numbers could
  // meet generated ones, and the population is then exactly `count`.
  await handle.executeSql("truncate members cascade");
  const { rows: indexes } = await handle.executeSql(
    "select indexname, indexdef from pg_indexes where schemaname = 'public' and tablename = 'members' and indexname <> 'members_pkey'",
  );
  for (const index of indexes) await handle.executeSql(`drop index "${String(index.indexname)}"`);

  const copier = await openCopier(handle);
  let start = performance.now();
  const people = function* () {
    for (let i = 0; i < count; i++) yield i;
  };
  let done = 0;
  const line = (i: number) => {
    if (++done % 200_000 === 0) log(`  … ${done.toLocaleString("en")} members generated and sent`);
    // 94% active, 4% deceased, 2% left.
    const status = i % 50 < 47 ? "active" : i % 50 < 49 ? "deceased" : "left";
    return memberCopyLine(existingMember(i), unitIds[i % unitIds.length]!, status);
  };
  try {
    await copier.copy("members", MEMBER_COPY_COLUMNS, chunked(people(), line), { skipTriggers: true });
  } finally {
    await copier.close();
  }
  const copySeconds = seconds(start);
  log(`  copied ${count.toLocaleString("en")} members in ${copySeconds.toFixed(1)} s; rebuilding ${indexes.length} indexes`);

  start = performance.now();
  // One string per index: on PostgreSQL each call may take another pooled connection.
  const memory = `set maintenance_work_mem = '${handle.kind === "pglite" ? "256MB" : "512MB"}'`;
  for (const index of indexes) await handle.executeSql(`${memory}; ${String(index.indexdef)}`);
  const indexSeconds = seconds(start);
  start = performance.now();
  await handle.executeSql("vacuum analyze members");
  await handle.executeSql("analyze units");
  const vacuumSeconds = seconds(start);
  log(`  indexes ${indexSeconds.toFixed(1)} s, vacuum analyze ${vacuumSeconds.toFixed(1)} s`);
  return { members: count, units: unitIds.length, copySeconds, indexSeconds, vacuumSeconds };
}

// ---------------------------------------------------------------------------------------------
// Actor and target unit

/** The demo's root administrator, as a session would load it. */
export async function adminActor(handle: DatabaseHandle): Promise<Actor> {
  const [admin] = await handle.db.select().from(users).where(eq(users.username, "admin")).limit(1);
  if (!admin) throw new Error("no admin user: was the demo seeded?");
  const actor = await loadActor(handle.db, { userId: admin.id, sessionVersion: admin.sessionVersion });
  if (!actor) throw new Error("the admin user gives no actor");
  return actor;
}

/** An active branch (level 3, else level 2) of Hà Nội: where the file is imported. */
export async function importUnit(handle: DatabaseHandle): Promise<{ id: string; name: string }> {
  const { rows } = await handle.executeSql(
    `select u.id, u.name from units u join units p on u.path <@ p.path
     where p.code = $1 and u.active_to is null and u.level >= 2
     order by u.level desc, u.code limit 1`,
    ["HA-NOI"],
  );
  const row = rows[0];
  if (!row) throw new Error("no active unit of level ≥ 2 under HA-NOI");
  return { id: String(row.id), name: String(row.name) };
}

// ---------------------------------------------------------------------------------------------
// Search

export type QueryKind = "unaccented full name" | "accented full name" | "given name alone" | "part of a phone number" | "12-digit ID";

export interface SearchReport {
  queries: number;
  runs: number;
  p50: number;
  p95: number;
  max: number;
  slowest: { q: string; kind: QueryKind; ms: number };
  byKind: { kind: QueryKind; p50: number; p95: number; medianTotal: number }[];
}

function percentile(samples: number[], q: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

/** Forty searches as people type them, drawn from the loaded members. */
export function searchQueries(count: number): { q: string; kind: QueryKind }[] {
  const at = (n: number) => existingMember((n * 104_729 + 17) % count);
  const out: { q: string; kind: QueryKind }[] = [];
  for (let n = 0; n < 10; n++) out.push({ q: nameColumns(at(n).fullName)[0], kind: "unaccented full name" });
  for (let n = 10; n < 20; n++) out.push({ q: at(n).fullName, kind: "accented full name" });
  for (const q of ["Hương", "hung", "Lan", "tuan", "Thủy", "minh"]) out.push({ q, kind: "given name alone" });
  let withPhone: Person | null = null;
  for (let n = 20, found = 0; found < 7; n++) {
    withPhone = at(n);
    if (!withPhone.phone) continue;
    // Seven digits from the middle of the number, as someone remembers part of it.
    out.push({ q: withPhone.phone.slice(3, 10), kind: "part of a phone number" });
    found++;
  }
  for (let n = 40; n < 47; n++) out.push({ q: at(n).nationalId, kind: "12-digit ID" });
  return out;
}

/** listMembers, first page of 50, for every query: one warm-up pass, then `runs` timed passes. */
export async function searchBench(handle: DatabaseHandle, count: number, log: Log, runs = 3): Promise<SearchReport> {
  const actor = await adminActor(handle);
  const queries = searchQueries(count);
  const samples: { q: string; kind: QueryKind; ms: number; total: number }[] = [];
  for (let pass = 0; pass <= runs; pass++) {
    for (const { q, kind } of queries) {
      const start = performance.now();
      const result = await listMembers(handle.db, actor, { q, page: 1, pageSize: 50 });
      const ms = performance.now() - start;
      if (pass > 0) samples.push({ q, kind, ms, total: result.total });
    }
    if (pass === 0) log(`  warm-up pass done`);
  }
  const all = samples.map((s) => s.ms);
  const slowest = samples.reduce((a, b) => (b.ms > a.ms ? b : a));
  const kinds = [...new Set(queries.map((q) => q.kind))];
  return {
    queries: queries.length,
    runs,
    p50: percentile(all, 0.5),
    p95: percentile(all, 0.95),
    max: Math.max(...all),
    slowest: { q: slowest.q, kind: slowest.kind, ms: slowest.ms },
    byKind: kinds.map((kind) => {
      const of = samples.filter((s) => s.kind === kind);
      return { kind, p50: percentile(of.map((s) => s.ms), 0.5), p95: percentile(of.map((s) => s.ms), 0.95), medianTotal: percentile(of.map((s) => s.total), 0.5) };
    }),
  };
}

// ---------------------------------------------------------------------------------------------
// Import end to end

export interface ImportReport {
  startSeconds: number;
  commitSeconds: number;
  totalSeconds: number;
  memory: MemoryReport;
  result: { created: number; updated: number; secondary: number; skipped: number };
  unit: string;
}

/** startImport + commitImport of the file as the root administrator, into one branch. */
export async function importEndToEnd(handle: DatabaseHandle, file: string, fileName: string, log: Log): Promise<ImportReport> {
  const { startImport, commitImport } = await import("@/lib/members/import/service");
  const actor = await adminActor(handle);
  const unit = await importUnit(handle);
  const bytes = new Uint8Array(await readFile(file));
  const memory = new PeakMemory();
  await memory.start();
  const start = performance.now();
  const { id } = await startImport(handle.db, actor, { unitId: unit.id, fileName, bytes });
  const startSeconds = seconds(start);
  log(`  startImport ${startSeconds.toFixed(1)} s`);
  const middle = performance.now();
  const result = await commitImport(handle.db, actor, { batchId: id });
  const commitSeconds = seconds(middle);
  const totalSeconds = seconds(start);
  const report = await memory.stop();
  log(`  commitImport ${commitSeconds.toFixed(1)} s: ${JSON.stringify(result)}`);
  return { startSeconds, commitSeconds, totalSeconds, memory: report, result, unit: unit.name };
}

// ---------------------------------------------------------------------------------------------
// Baseline and breakdown


export interface BaselineReport {
  parseSeconds: number;
  parseMemory: MemoryReport;
  gridRows: number;
  headerMappingSeconds: number;
  applyMappingSeconds: number;
  validateSeconds: number;
  validRows: number;
  invalidRows: number;
  firstProblems: string[];
  prepareSeconds: number;
  copySeconds: number;
  dedupeSeconds: number;
  existingIds: number;
  personLookupSeconds: number;
  samePersonMatches: number;
  /** readSpreadsheet: the same rows collected into one grid. */
  gridSeconds: number;
  /** The same rows, less those already recorded (same ID), COPY'd into the members table itself, rolled back. */
  tableCopySeconds: number;
  tableCopyRows: number;
}

/**
 * The baseline: parsing alone, as the import parses (openSpreadsheet, every row streamed and
 * converted; fresh heap, peak memory measured), then a raw COPY of the rows the import writes
 * (those whose ID is not recorded yet) into the members table, in a transaction rolled back; and,
 * for comparison, a raw COPY of all the rows into an index-less copy of the table. Between, the
 * other steps of an import timed one by one with the library's own functions: header and mapping,
 * validation, the lookups against existing members (ID number; folded name and birth date).
 */
export async function baseline(handle: DatabaseHandle, file: string, fileName: string, log: Log): Promise<BaselineReport> {
  const bytes = new Uint8Array(await readFile(file));
  const memory = new PeakMemory();
  await memory.start();
  let start = performance.now();
  // Parsing alone, as the import reads: the sheet streamed through, every cell converted.
  const source = await openSpreadsheet(bytes, fileName, { maxRows: Number.MAX_SAFE_INTEGER });
  if (!source.ok) throw new Error(`openSpreadsheet: ${source.problems.map((p) => p.message).join("; ")}`);
  let streamedRows = 0;
  for await (const batch of source.rows()) streamedRows += batch.length;
  const parseSeconds = seconds(start);
  const parseMemory = await memory.stop();
  log(`  parse ${parseSeconds.toFixed(1)} s, ${streamedRows.toLocaleString("en")} rows`);
  // The same rows as one grid, for the breakdown below (not part of the baseline).
  start = performance.now();
  const read = await readSpreadsheet(bytes, fileName, { maxRows: Number.MAX_SAFE_INTEGER });
  const gridSeconds = seconds(start);
  if (!read.ok) throw new Error(`readSpreadsheet: ${read.problems.map((p) => p.message).join("; ")}`);

  start = performance.now();
  const header = findHeader(read.grid, read.merges);
  if (!header) throw new Error("no header found in the generated file");
  const mapping = suggestMapping(header.columns);
  const headerMappingSeconds = seconds(start);
  start = performance.now();
  const mapped = applyMapping(read.grid, mapping, { header, merges: read.merges, cellProblems: read.cellProblems });
  const applyMappingSeconds = seconds(start);
  start = performance.now();
  const validated = validateRows(mapped, { today: todayInVietnam() });
  const validateSeconds = seconds(start);
  const valid = validated.filter((r) => r.valid);
  const invalid = validated.filter((r) => !r.valid);
  log(`  validate ${validateSeconds.toFixed(1)} s: ${valid.length} valid, ${invalid.length} with problems`);

  const unit = await importUnit(handle);
  start = performance.now();
  const lines = valid.map((row) => {
    const v = row.values;
    const p: Person = {
      fullName: v.fullName!, birthDate: v.birthDate!, gender: v.gender ?? "male", ethnicity: v.ethnicity ?? "", religion: v.religion ?? "",
      nationalId: v.nationalId ?? "", phone: v.phone ?? null, hometown: v.hometown ?? "", currentAddress: v.currentAddress ?? "",
      occupation: v.occupation ?? "", education: v.education ?? "", joinedOn: v.joinedOn ?? "", email: v.email ?? null,
    };
    return memberCopyLine(p, unit.id, "active");
  });
  const prepareSeconds = seconds(start);

  await handle.executeSql("drop table if exists bench_copy");
  await handle.executeSql("create table bench_copy (like members including defaults including generated)");
  const copier = await openCopier(handle);
  start = performance.now();
  try {
    await copier.copy("bench_copy", MEMBER_COPY_COLUMNS, chunked(lines, (l) => l));
  } finally {
    await copier.close();
  }
  const copySeconds = seconds(start);
  log(`  raw COPY ${copySeconds.toFixed(1)} s`);

  const ids = valid.map((r) => r.values.nationalId).filter((id): id is string => !!id);
  start = performance.now();
  const { rows: found } = await handle.executeSql("select national_id from members where national_id = any($1::text[])", [ids]);
  const dedupeSeconds = seconds(start);
  // The other lookup an import makes: the same folded name and birth date (members_dedupe_idx).
  const people = valid.filter((r) => r.values.fullName && r.values.birthDate);
  start = performance.now();
  const { rows: samePerson } = await handle.executeSql(
    `select m.id from members m
     join unnest($1::text[], $2::text[]) as k(name_folded, birth_date) on m.name_folded = k.name_folded and m.birth_date = k.birth_date::date`,
    [people.map((r) => foldVietnamese(r.values.fullName!)), people.map((r) => r.values.birthDate!)],
  );
  const personLookupSeconds = seconds(start);

  // The raw COPY into the members table as it is (a million rows, its indexes and constraints):
  // the rows an import writes (those whose ID is not recorded yet), with time-ordered ids as the
  // import makes them, in a transaction rolled back.
  const known = new Set(found.map((r) => String(r.national_id)));
  const tableLines = valid.flatMap((row, i) => (row.values.nationalId && known.has(row.values.nationalId) ? [] : [`${uuidv7()}\t${lines[i]}`]));
  const tableCopier = await openCopier(handle);
  start = performance.now();
  try {
    await tableCopier.copy("members", ["id", ...MEMBER_COPY_COLUMNS], chunked(tableLines, (l) => l), { rollBack: true });
  } finally {
    await tableCopier.close();
  }
  const tableCopySeconds = seconds(start);
  const tableCopyRows = tableLines.length;

  await handle.executeSql("drop table bench_copy");
  log(`  ID lookup ${dedupeSeconds.toFixed(2)} s, name+birth lookup ${personLookupSeconds.toFixed(2)} s, COPY into members (rolled back) ${tableCopySeconds.toFixed(1)} s`);

  return {
    parseSeconds,
    parseMemory,
    gridRows: read.grid.length,
    headerMappingSeconds,
    applyMappingSeconds,
    validateSeconds,
    validRows: valid.length,
    invalidRows: invalid.length,
    firstProblems: invalid.slice(0, 3).map((r) => `row ${r.rowNumber}: ${r.problems.map((p) => p.message).join("; ")}`),
    prepareSeconds,
    copySeconds,
    dedupeSeconds,
    existingIds: found.length,
    personLookupSeconds,
    samePersonMatches: samePerson.length,
    gridSeconds,
    tableCopySeconds,
    tableCopyRows,
  };
}
