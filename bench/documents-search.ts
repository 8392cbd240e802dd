/**
 * The documents benchmark on one database: load N generated public documents (COPY, indexes
 * rebuilt afterwards, ANALYZE), then time the public library search through the service the page
 * uses (searchPublicDocuments, first page of 20), with a breakdown of its two queries and the
 * snippets, and EXPLAIN ANALYZE of the slowest search on request.
 */
import { once } from "node:events";
import { performance } from "node:perf_hooks";
import { finished } from "node:stream/promises";
import type { PGlite } from "@electric-sql/pglite";
import { and, asc, desc, eq, sql } from "drizzle-orm";
import { documentFiles, documents, externalIssuers } from "@/db/schema";
import type { DatabaseHandle, Db } from "@/lib/db/types";
import { outer } from "@/lib/db/sql";
import { searchPublicDocuments } from "@/lib/documents/public";
import { documentFilters, publiclyVisible, refreshSearchText } from "@/lib/documents/service";
import { foldVietnamese, todayInVietnam } from "@/lib/i18n/format";
import { snippet } from "@/lib/search/snippet";
import { DOCUMENT_COPY_COLUMNS, emptySamples, EXTERNAL_ISSUERS, FILE_COPY_COLUMNS, generateDocuments, type Issuer, type QueryKind, type Samples, searchQueries } from "./documents-data";

export type Log = (line: string) => void;
const seconds = (from: number) => (performance.now() - from) / 1000;

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
  trgmIndexMb: number;
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
    "select pg_total_relation_size('documents') + pg_total_relation_size('document_files') as total, pg_relation_size('documents_search_trgm') as trgm",
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
      trgmIndexMb: Number(sizes[0]?.trgm ?? 0) / 1024 / 1024,
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
  /** Every timed run of the service, ms. */
  runs: number[];
  /** One run of each part, in the same shape as the service: rows query, count query, snippets in JS. */
  rowsMs: number;
  countMs: number;
  snippetMs: number;
  /** Whether the replicated rows query returned the service's rows (guards the breakdown). */
  sameRows: boolean;
}

export interface SearchReport {
  runs: number;
  pageSize: number;
  queries: QueryResult[];
  p50: number;
  p95: number;
  max: number;
  byKind: { kind: QueryKind; p50: number; p95: number; medianTotal: number; rowsMs: number; countMs: number; snippetMs: number }[];
  explain: { q: string; rows: string[]; count: string[] } | null;
}

export function percentile(samples: number[], q: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

const issuerName = sql<string>`coalesce((select name from units where id = ${outer(documents.issuerUnitId)}), (select name from external_issuers where id = ${outer(documents.issuerExternalId)}), '')`;

/** The two statements of searchPublicDocuments, built the same way (lib/documents/public.ts). */
function serviceStatements(db: Db, q: string, pageSize: number) {
  const { where, rank } = documentFilters({ q });
  const condition = and(publiclyVisible, ...where);
  const rows = db
    .select({
      id: documents.id,
      numberSymbol: documents.numberSymbol,
      typeCode: documents.typeCode,
      issuedOn: documents.issuedOn,
      abstract: documents.abstract,
      field: documents.field,
      validity: documents.validity,
      publishedAt: documents.publishedAt,
      issuerName,
      text: sql<string>`(select string_agg(f.text, ' ' order by f.position) from ${documentFiles} f where f.document_id = ${outer(documents.id)})`,
    })
    .from(documents)
    .where(condition)
    .orderBy(...(rank ? [asc(rank)] : []), desc(documents.issuedOn), desc(documents.publishedAt))
    .limit(pageSize)
    .offset(0);
  const count = db.select({ total: sql<number>`count(*)::int` }).from(documents).where(condition);
  return { rows, count };
}

async function explain(handle: DatabaseHandle, statement: { toSQL(): { sql: string; params: unknown[] } }): Promise<string[]> {
  const { sql: text, params } = statement.toSQL();
  const { rows } = await handle.executeSql(`explain (analyze, buffers) ${text}`, params);
  return rows.map((r) => String(Object.values(r)[0]));
}

export async function searchBench(handle: DatabaseHandle, samples: Samples, log: Log, options: { runs: number; explainIfP95Over: number; forceExplain: boolean; pageSize?: number }): Promise<SearchReport> {
  const pageSize = options.pageSize ?? 20;
  const mix = searchQueries(samples);
  const results: QueryResult[] = mix.map(({ q, kind }) => ({ q, kind, total: 0, runs: [], rowsMs: 0, countMs: 0, snippetMs: 0, sameRows: false }));
  const serviceIds = new Map<string, string[]>();
  for (let pass = 0; pass <= options.runs; pass++) {
    for (const r of results) {
      const start = performance.now();
      const out = await searchPublicDocuments(handle.db, { q: r.q, page: 1, pageSize });
      const ms = performance.now() - start;
      if (pass > 0) r.runs.push(ms);
      r.total = out.total;
      serviceIds.set(r.q, out.rows.map((row) => row.id));
    }
    log(pass === 0 ? `  warm-up pass done` : `  timed pass ${pass}/${options.runs} done`);
  }
  // Breakdown: each part once, warm.
  for (const r of results) {
    const { rows, count } = serviceStatements(handle.db, r.q, pageSize);
    let t = performance.now();
    const page = await rows;
    r.rowsMs = performance.now() - t;
    t = performance.now();
    await count;
    r.countMs = performance.now() - t;
    t = performance.now();
    for (const row of page) {
      snippet(row.abstract, r.q, 1000);
      if (row.text) snippet(row.text, r.q);
    }
    r.snippetMs = performance.now() - t;
    const ids = serviceIds.get(r.q) ?? [];
    r.sameRows = ids.length === page.length && page.every((row, i) => row.id === ids[i]);
  }
  const all = results.flatMap((r) => r.runs);
  const p95 = percentile(all, 0.95);
  const kinds = [...new Set(results.map((r) => r.kind))];
  let explained: SearchReport["explain"] = null;
  if (options.forceExplain || p95 > options.explainIfP95Over) {
    const slowest = results.reduce((a, b) => (percentile(b.runs, 0.5) > percentile(a.runs, 0.5) ? b : a));
    const { rows, count } = serviceStatements(handle.db, slowest.q, pageSize);
    explained = { q: slowest.q, rows: await explain(handle, rows), count: await explain(handle, count) };
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
      const med = (f: (r: QueryResult) => number) => percentile(of.map(f), 0.5);
      return {
        kind,
        p50: percentile(of.flatMap((r) => r.runs), 0.5),
        p95: percentile(of.flatMap((r) => r.runs), 0.95),
        medianTotal: med((r) => r.total),
        rowsMs: med((r) => r.rowsMs),
        countMs: med((r) => r.countMs),
        snippetMs: med((r) => r.snippetMs),
      };
    }),
    explain: explained,
  };
}
