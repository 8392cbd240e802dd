/**
 * A measured proposal, not the service: the same 40 searches with a query shape that does not
 * touch every matching row. Run with --what-if after the service's own figures, on the same data.
 *
 * - words match whole syllables through a tsvector column (to_tsvector('simple', search_text))
 *   with a GIN index: exact, so search_text is never rechecked row by row, and with statistics
 *   that let the planner walk documents_issued_idx for common words and use the index for rare ones;
 * - a query with a digit, "/" or "-" (number and symbol) matches the documents' own symbols
 *   through a trigram index on lower(number_symbol), and falls back to the service's LIKE
 *   conditions on the whole text only when no document has that symbol;
 * - the service's own rank (documentFilters) orders only the newest CANDIDATES matches;
 * - the total is counted up to COUNT_CAP ("more than 1,000 results" above that).
 */
import { performance } from "node:perf_hooks";
import { and, asc, desc, sql, type SQL } from "drizzle-orm";
import { documentFiles, documents } from "@/db/schema";
import type { DatabaseHandle } from "@/lib/db/types";
import { documentFilters, escapeLike, publiclyVisible } from "@/lib/documents/service";
import { foldVietnamese } from "@/lib/i18n/format";
import { snippet } from "@/lib/search/snippet";
import { searchQueries, type QueryKind, type Samples } from "./documents-data";
import { percentile } from "./documents-search";

export const COUNT_CAP = 1000;
/** Matches ranked per search: the newest ones. */
export const CANDIDATES = 200;

export interface WhatIfReport {
  setupSeconds: number;
  indexMb: number;
  runs: number;
  p50: number;
  p95: number;
  max: number;
  byKind: { kind: QueryKind; p50: number; p95: number; medianTotal: number }[];
  queries: { q: string; kind: QueryKind; total: number; capped: boolean; median: number; path: "tsvector" | "symbol" | "trigram" }[];
}

export async function addSearchVector(handle: DatabaseHandle): Promise<{ seconds: number; indexMb: number }> {
  const start = performance.now();
  const memory = `set maintenance_work_mem = '${handle.kind === "pglite" ? "256MB" : "512MB"}'`;
  await handle.executeSql("alter table documents add column if not exists bench_search_vector tsvector generated always as (to_tsvector('simple', search_text)) stored");
  await handle.executeSql(`${memory}; create index if not exists bench_documents_search_fts on documents using gin (bench_search_vector)`);
  await handle.executeSql(`${memory}; create index if not exists bench_documents_symbol_trgm on documents using gin (lower(number_symbol) gin_trgm_ops)`);
  await handle.executeSql("analyze documents");
  const { rows } = await handle.executeSql("select pg_relation_size('bench_documents_search_fts') + pg_relation_size('bench_documents_symbol_trgm') as size");
  return { seconds: (performance.now() - start) / 1000, indexMb: Number(rows[0]?.size ?? 0) / 1024 / 1024 };
}

const vector = sql.raw(`"documents"."bench_search_vector"`);

async function proposedSearch(handle: DatabaseHandle, q: string, pageSize: number) {
  const { db } = handle;
  const words = foldVietnamese(q).split(/\s+/).filter((w) => w.length > 0).slice(0, 16);
  const phrase = words.join(" ");
  const symbolLike = words.some((w) => /[\d/-]/.test(w));
  const { where, rank } = documentFilters({ q });
  // Words: whole syllables through the tsvector. A number/symbol: the documents' own symbols first
  // (a trigram index on the short lower(number_symbol)); only when none has it, the service's
  // LIKE conditions on the whole text (a symbol cited in other documents).
  let match: SQL = sql`${vector} @@ plainto_tsquery('simple', ${phrase})`;
  let path: "tsvector" | "symbol" | "trigram" = "tsvector";
  if (symbolLike) {
    match = sql`lower(${documents.numberSymbol}) like ${`%${escapeLike(q.trim().toLowerCase())}%`}`;
    path = "symbol";
    const [hit] = await db.select({ id: documents.id }).from(documents).where(and(publiclyVisible, match)).limit(1);
    if (!hit) {
      match = and(...where)!;
      path = "trigram";
    }
  }
  // The newest CANDIDATES matches (an index walk on issued_on for common words, the GIN bitmap
  // for rare ones), then the service's own rank over those only.
  const candidates = db
    .select({
      id: documents.id,
      numberSymbol: documents.numberSymbol,
      abstract: documents.abstract,
      searchText: documents.searchText,
      issuedOn: documents.issuedOn,
      publishedAt: documents.publishedAt,
    })
    .from(documents)
    .where(and(publiclyVisible, match))
    .orderBy(desc(documents.issuedOn), desc(documents.publishedAt))
    .limit(CANDIDATES)
    .as("documents");
  const rowsQuery = db
    .select({
      id: candidates.id,
      abstract: candidates.abstract,
      text: sql<string>`(select string_agg(f.text, ' ' order by f.position) from ${documentFiles} f where f.document_id = ${sql.raw(`"documents"."id"`)})`,
    })
    .from(candidates)
    .orderBy(...(rank ? [asc(rank)] : []), desc(candidates.issuedOn), desc(candidates.publishedAt))
    .limit(pageSize);
  const countQuery = db.select({ one: sql`1` }).from(documents).where(and(publiclyVisible, match)).limit(COUNT_CAP + 1).toSQL();
  // Rows and count side by side, as the service runs its two statements.
  const [rows, counted] = await Promise.all([rowsQuery, handle.executeSql(`select count(*)::int as n from (${countQuery.sql}) s`, countQuery.params)]);
  const total = Number(counted.rows[0]?.n ?? 0);
  // The snippets as the service makes them.
  for (const row of rows) {
    snippet(row.abstract, q, 1000);
    if (row.text) snippet(row.text, q);
  }
  return { rows, total, capped: total > COUNT_CAP, path };
}

export async function whatIfBench(handle: DatabaseHandle, samples: Samples, runs: number, setup: { seconds: number; indexMb: number }): Promise<WhatIfReport> {
  const mix = searchQueries(samples);
  const results = mix.map(({ q, kind }) => ({ q, kind, total: 0, capped: false, runs: [] as number[], path: "tsvector" as "tsvector" | "symbol" | "trigram" }));
  for (let pass = 0; pass <= runs; pass++) {
    for (const r of results) {
      const start = performance.now();
      const out = await proposedSearch(handle, r.q, 20);
      const ms = performance.now() - start;
      if (pass > 0) r.runs.push(ms);
      r.total = out.total;
      r.capped = out.capped;
      r.path = out.path;
    }
  }
  const all = results.flatMap((r) => r.runs);
  const kinds = [...new Set(results.map((r) => r.kind))];
  return {
    setupSeconds: setup.seconds,
    indexMb: setup.indexMb,
    runs,
    p50: percentile(all, 0.5),
    p95: percentile(all, 0.95),
    max: Math.max(...all),
    byKind: kinds.map((kind) => {
      const of = results.filter((r) => r.kind === kind);
      return { kind, p50: percentile(of.flatMap((r) => r.runs), 0.5), p95: percentile(of.flatMap((r) => r.runs), 0.95), medianTotal: percentile(of.map((r) => r.total), 0.5) };
    }),
    queries: results.map((r) => ({ q: r.q, kind: r.kind, total: r.total, capped: r.capped, median: percentile(r.runs, 0.5), path: r.path })),
  };
}
