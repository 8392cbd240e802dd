/**
 * The documents benchmark on one database: load N generated public documents (COPY, indexes
 * rebuilt afterwards, ANALYZE), then time the public library search through the service the page
 * uses (searchPublicDocuments, first page of 20), with how each query matched, and EXPLAIN ANALYZE
 * of every statement the service ran for the slowest search when over target or on request.
 */
import { once } from "node:events";
import { performance } from "node:perf_hooks";
import { finished } from "node:stream/promises";
import type { PGlite } from "@electric-sql/pglite";
import { eq } from "drizzle-orm";
import type { Sql } from "postgres";
import * as schema from "@/db/schema";
import { documents, externalIssuers } from "@/db/schema";
import type { DatabaseHandle, Db } from "@/lib/db/types";
import { searchPublicDocuments } from "@/lib/documents/public";
import { type MatchPath, textSearch } from "@/lib/documents/search";
import { publiclyVisible, refreshSearchText } from "@/lib/documents/service";
import { foldVietnamese, todayInVietnam } from "@/lib/i18n/format";
import { DOCUMENT_COPY_COLUMNS, emptySamples, EXTERNAL_ISSUERS, FILE_COPY_COLUMNS, generateDocuments, type Issuer, type QueryKind, type Samples, searchQueries } from "./documents-data";

export type Log = (line: string) => void;
const seconds = (from: number) => (performance.now() - from) / 1000;
const mb = (bytes: unknown) => Number(bytes ?? 0) / 1024 / 1024;

// ---------------------------------------------------------------------------------------------
// COPY on either driver, foreign-key triggers off (every referenced row exists)

interface Copier {
  copy(table: string, columns: readonly string[], text: string): Promise<void>;
  close(): Promise<void>;
}

async function openCopier(handle: DatabaseHandle): Promise<Copier> {
  if (handle.kind === "pglite") {
    const pg = (handle.db as unknown as { $client: PGlite }).$client;
    await pg.exec("set session_replication_role = replica");
    return {
      async copy(table, columns, text) {
        await pg.query(`copy ${table} (${columns.join(", ")}) from '/dev/blob'`, [], { blob: new Blob([text]) });
      },
      async close() {
        await pg.exec("set session_replication_role = default");
      },
    };
  }
  const { default: postgres } = await import("postgres");
  // A connection of its own, so that the session setting applies to its COPYs.
  const client = postgres(handle.url!, { max: 1, onnotice: () => {} });
  await client`set session_replication_role = replica`;
  return {
    async copy(table, columns, text) {
      const stream = await client.unsafe(`copy ${table} (${columns.join(", ")}) from stdin`).writable();
      if (!stream.write(text)) await once(stream, "drain");
      stream.end();
      await finished(stream);
    },
    async close() {
      await client.end({ timeout: 5 });
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Loading

export interface LoadReport {
  documents: number;
  files: number;
  issuers: number;
  averageWords: number;
  averageSearchTextChars: number;
  generateSeconds: number;
  copySeconds: number;
  indexSeconds: number;
  analyzeSeconds: number;
  tableMb: number;
  /** Index sizes: trigrams of search_text (the fallback), search_vector's GIN, trigrams of the symbols. */
  indexMb: { searchTrgm: number; searchVector: number; symbolTrgm: number };
  searchTextCheck: { same: number; checked: number };
  rareCounts: number[];
}

/** The demo's units of levels 0–2 (former provinces too, for older dates) and a few outside bodies. */
async function prepareIssuers(handle: DatabaseHandle): Promise<Issuer[]> {
  const { db } = handle;
  for (const e of EXTERNAL_ISSUERS) {
    await db.insert(externalIssuers).values({ name: e.name, code: e.code, nameFolded: foldVietnamese(e.name) }).onConflictDoNothing();
  }
  const external = await db.select({ id: externalIssuers.id, name: externalIssuers.name, code: externalIssuers.code }).from(externalIssuers);
  const { rows } = await handle.executeSql("select id, name, level, active_from::text as active_from, active_to::text as active_to from units where level <= 2 order by path");
  const issuers: Issuer[] = rows.map((r) => {
    const level = Number(r.level);
    return {
      kind: "unit",
      id: String(r.id),
      name: String(r.name),
      level,
      symbolCode: level === 0 ? "TWH" : level === 1 ? "HCTNXP" : "HCS",
      style: "HD36",
      activeFrom: r.active_from ? String(r.active_from) : null,
      activeTo: r.active_to ? String(r.active_to) : null,
      // The central office issues most; each province a little; the new communes' associations a few.
      weight: level === 0 ? 15 : level === 1 ? 1.5 : 0.4,
    };
  });
  for (const e of external) issuers.push({ kind: "external", id: e.id, name: e.name, level: -1, symbolCode: e.code || "UB", style: "ND30", activeFrom: null, activeTo: null, weight: 1 });
  return issuers;
}

export async function loadDocuments(handle: DatabaseHandle, count: number, log: Log): Promise<{ report: LoadReport; samples: Samples }> {
  const issuers = await prepareIssuers(handle);
  const dropped: string[] = [];
  for (const table of ["documents", "document_files"]) {
    const { rows } = await handle.executeSql(`select indexname, indexdef from pg_indexes where schemaname = 'public' and tablename = '${table}' and indexname not like '%_pkey'`);
    for (const r of rows) {
      await handle.executeSql(`drop index "${String(r.indexname)}"`);
      dropped.push(String(r.indexdef));
    }
  }
  const samples = emptySamples();
  const copier = await openCopier(handle);
  let generateMs = 0;
  let copyMs = 0;
  let done = 0;
  let next = 25_000;
  const started = performance.now();
  try {
    const chunks = generateDocuments(count, issuers, todayInVietnam(), samples);
    for (;;) {
      let t = performance.now();
      const { value: chunk, done: finishedGenerating } = chunks.next();
      generateMs += performance.now() - t;
      if (finishedGenerating) break;
      t = performance.now();
      await copier.copy("documents", DOCUMENT_COPY_COLUMNS, chunk.documents);
      await copier.copy("document_files", FILE_COPY_COLUMNS, chunk.files);
      copyMs += performance.now() - t;
      done += chunk.count;
      if (done >= next) {
        log(`  … ${done.toLocaleString("en")} documents generated and copied (${seconds(started).toFixed(0)} s)`);
        next += 25_000;
      }
    }
  } finally {
    await copier.close();
  }
  log(`  generated in ${(generateMs / 1000).toFixed(1)} s, COPY ${(copyMs / 1000).toFixed(1)} s; rebuilding ${dropped.length} indexes`);
  let t = performance.now();
  const memory = `set maintenance_work_mem = '${handle.kind === "pglite" ? "256MB" : "512MB"}'`;
  for (const def of dropped) await handle.executeSql(`${memory}; ${def}`);
  const indexSeconds = seconds(t);
  t = performance.now();
  await handle.executeSql("analyze documents");
  await handle.executeSql("analyze document_files");
  await handle.executeSql("analyze units");
  await handle.executeSql("analyze external_issuers");
  const analyzeSeconds = seconds(t);
  log(`  indexes ${indexSeconds.toFixed(1)} s, analyze ${analyzeSeconds.toFixed(1)} s`);

  const { rows: sizes } = await handle.executeSql(
    `select pg_total_relation_size('documents') + pg_total_relation_size('document_files') as total, pg_relation_size('documents_search_trgm') as trgm,
       pg_relation_size('documents_search_vector_idx') as vector, pg_relation_size('documents_symbol_trgm') as symbol`,
  );
  // search_text as built in bulk against the service's own refreshSearchText, on a sample.
  let same = 0;
  for (const check of samples.checks) {
    await refreshSearchText(handle.db, check.id);
    const [row] = await handle.db.select({ searchText: documents.searchText }).from(documents).where(eq(documents.id, check.id));
    if (row?.searchText === check.searchText) same++;
  }
  return {
    samples,
    report: {
      documents: samples.documents,
      files: samples.files,
      issuers: issuers.length,
      averageWords: samples.textWords / Math.max(1, samples.files),
      averageSearchTextChars: samples.searchTextChars / Math.max(1, samples.documents),
      generateSeconds: generateMs / 1000,
      copySeconds: copyMs / 1000,
      indexSeconds,
      analyzeSeconds,
      tableMb: Number(sizes[0]?.total ?? 0) / 1024 / 1024,
      indexMb: { searchTrgm: mb(sizes[0]?.trgm), searchVector: mb(sizes[0]?.vector), symbolTrgm: mb(sizes[0]?.symbol) },
      searchTextCheck: { same, checked: samples.checks.length },
      rareCounts: samples.rareCounts,
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Search

export interface QueryResult {
  q: string;
  kind: QueryKind;
  total: number;
  /** More than SEARCH_COUNT_CAP matches: the page says "more than 1,000". */
  totalCapped: boolean;
  /** How the text matched (lib/documents/search.ts): words, the documents' own symbols, or the whole text. */
  path: MatchPath;
  /** Every timed run of the service, ms. */
  runs: number[];
}

export interface SearchReport {
  runs: number;
  pageSize: number;
  queries: QueryResult[];
  p50: number;
  p95: number;
  max: number;
  byKind: { kind: QueryKind; p50: number; p95: number; medianTotal: number }[];
  /** EXPLAIN ANALYZE of every statement the service ran for the slowest search. */
  explain: { q: string; statements: { sql: string; plan: string[] }[] } | null;
}

export function percentile(samples: number[], q: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

/** The same database through a drizzle instance that records every statement it sends. */
async function recordingDb(handle: DatabaseHandle) {
  const statements: { sql: string; params: unknown[] }[] = [];
  const logger = { logQuery: (text: string, params: unknown[]) => void statements.push({ sql: text, params }) };
  const client = (handle.db as unknown as { $client: unknown }).$client;
  const db =
    handle.kind === "pglite"
      ? (await import("drizzle-orm/pglite")).drizzle({ client: client as PGlite, schema, logger })
      : (await import("drizzle-orm/postgres-js")).drizzle({ client: client as Sql, schema, logger });
  return { db: db as unknown as Db, statements };
}

/** Runs the service once more for `q`, recording its statements, and EXPLAINs each of them. */
async function explainSearch(handle: DatabaseHandle, q: string, pageSize: number) {
  const { db, statements } = await recordingDb(handle);
  await searchPublicDocuments(db, { q, page: 1, pageSize });
  const out: { sql: string; plan: string[] }[] = [];
  for (const statement of statements) {
    const { rows } = await handle.executeSql(`explain (analyze, buffers) ${statement.sql}`, statement.params);
    out.push({ sql: statement.sql, plan: rows.map((r) => String(Object.values(r)[0])) });
  }
  return out;
}

export async function searchBench(handle: DatabaseHandle, samples: Samples, log: Log, options: { runs: number; explainIfP95Over: number; forceExplain: boolean; pageSize?: number }): Promise<SearchReport> {
  const pageSize = options.pageSize ?? 20;
  const mix = searchQueries(samples);
  const results: QueryResult[] = [];
  for (const { q, kind } of mix) {
    const search = await textSearch(handle.db, q, publiclyVisible);
    results.push({ q, kind, total: 0, totalCapped: false, path: search?.path ?? "words", runs: [] });
  }
  for (let pass = 0; pass <= options.runs; pass++) {
    for (const r of results) {
      const start = performance.now();
      const out = await searchPublicDocuments(handle.db, { q: r.q, page: 1, pageSize });
      const ms = performance.now() - start;
      if (pass > 0) r.runs.push(ms);
      r.total = out.total;
      r.totalCapped = out.totalCapped;
    }
    log(pass === 0 ? `  warm-up pass done` : `  timed pass ${pass}/${options.runs} done`);
  }
  const all = results.flatMap((r) => r.runs);
  const p95 = percentile(all, 0.95);
  const kinds = [...new Set(results.map((r) => r.kind))];
  let explained: SearchReport["explain"] = null;
  if (options.forceExplain || p95 > options.explainIfP95Over) {
    const slowest = results.reduce((a, b) => (percentile(b.runs, 0.5) > percentile(a.runs, 0.5) ? b : a));
    explained = { q: slowest.q, statements: await explainSearch(handle, slowest.q, pageSize) };
  }
  return {
    runs: options.runs,
    pageSize,
    queries: results,
    p50: percentile(all, 0.5),
    p95,
    max: Math.max(...all),
    byKind: kinds.map((kind) => {
      const of = results.filter((r) => r.kind === kind);
      return {
        kind,
        p50: percentile(of.flatMap((r) => r.runs), 0.5),
        p95: percentile(of.flatMap((r) => r.runs), 0.95),
        medianTotal: percentile(of.map((r) => r.total), 0.5),
      };
    }),
    explain: explained,
  };
}
