/**
 * Documents figures against the targets of issue 4:
 * 1. public library search over 100,000 published documents with extracted text: first page of 20
 *    through searchPublicDocuments (the service the /van-ban page calls), p95 ≤ 100 ms on
 *    PostgreSQL and ≤ 300 ms on PGlite, over a printed mix of 40 queries;
 * 2. a cached public document page (/van-ban/<id>) served by `next start` at ≥ 500 requests/s on
 *    loopback (autocannon), with the library list, /api/health and a static file for comparison.
 *
 * Run: npm run bench:documents [-- flags]
 *   --pg-only | --pglite-only   search on one database only
 *   --http | --no-http | --http-only
 *                               the HTTP part runs by default when a production build exists
 *                               (.next/BUILD_ID); it never builds (npm run build first)
 *   --explain                   EXPLAIN ANALYZE every statement of the slowest search even when
 *                               within target
 *   --profile                   HTTP: run the server under --cpu-prof, load the page only, and
 *                               print where the server's CPU went
 *   BENCH_DOCUMENTS (default 100,000), BENCH_SEARCH_RUNS (3 timed passes after a warm-up),
 *   BENCH_PGLITE=memory (default: a data directory on disk in the temp dir, as the app runs it),
 *   BENCH_HTTP_SECONDS (20), BENCH_HTTP_CONNECTIONS (10),
 *   BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres when it answers): a
 *   fresh database kn_bench_docs_<random> is made there and dropped at the end, also on failure
 *   (BENCH_KEEP_DB=1 keeps it, to look at query plans afterwards).
 */
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { seedDemo } from "@/db/seed/demo";
import { openDatabase } from "@/lib/db/open";
import type { DatabaseHandle } from "@/lib/db/types";
import { RARE_SENTENCES } from "./documents-data";
import { buildExists, HTTP_PORT, httpBench, type HttpReport } from "./documents-http";
import { type LoadReport, loadDocuments, percentile, searchBench, type SearchReport } from "./documents-search";
import { RANKED_MATCHES, SEARCH_COUNT_CAP } from "@/lib/documents/search";
import { serverAnswers } from "./server";

const DOCUMENTS = Number(process.env.BENCH_DOCUMENTS ?? 100_000);
const RUNS = Number(process.env.BENCH_SEARCH_RUNS ?? 3);
const HTTP_SECONDS = Number(process.env.BENCH_HTTP_SECONDS ?? 20);
const HTTP_CONNECTIONS = Number(process.env.BENCH_HTTP_CONNECTIONS ?? 10);
const SEARCH_P95_TARGET_MS = { postgres: 100, pglite: 300 } as const;
const PAGE_TARGET_RPS = 500;
const SERVER_URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

type Kind = "postgres" | "pglite";

// ---------------------------------------------------------------------------------------------
// Clean-ups that run at the end, on failure and on Ctrl-C

const cleanups: (() => Promise<void>)[] = [];
async function runCleanups() {
  while (cleanups.length > 0) {
    const fn = cleanups.pop()!;
    await fn().catch((error: unknown) => console.error(`clean-up failed: ${String(error)}`));
  }
}
let interrupted = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  // The same signal often arrives twice (to the process group and relayed by tsx): the second
  // must not end the process half-way through dropping the database.
  process.on(signal, () => {
    if (interrupted) return;
    interrupted = true;
    console.error(`\n${signal}: cleaning up`);
    void runCleanups().finally(() => process.exit(130));
  });
}

const log = (line: string) => console.log(line);
const s = (x: number) => `${x.toFixed(1)} s`;
const ms = (x: number) => `${x.toFixed(1)} ms`;
const n = (x: number) => Math.round(x).toLocaleString("en");
const verdict = (ok: boolean) => (ok ? "OK" : "OVER");

// ---------------------------------------------------------------------------------------------
// Search on one database

interface DbRun {
  kind: Kind;
  label: string;
  version: string;
  seedSeconds: number;
  load: LoadReport;
  search: SearchReport;
  /** The machine's 1-minute load average when the search ended (other work shares the 2 cores). */
  loadAverage: number;
}

async function searchOn(handle: DatabaseHandle, kind: Kind, label: string): Promise<DbRun> {
  const { rows } = await handle.executeSql("select version() as v");
  const version = String(rows[0]?.v ?? "").split(" on ")[0] ?? "";
  let t = performance.now();
  await seedDemo(handle.db);
  const seedSeconds = (performance.now() - t) / 1000;
  log(`  demo organisation seeded in ${s(seedSeconds)}; loading ${n(DOCUMENTS)} documents`);
  t = performance.now();
  const { report: load, samples } = await loadDocuments(handle, DOCUMENTS, log);
  log(`  loaded in ${s((performance.now() - t) / 1000)}; searching (${RUNS} timed passes of 40 queries after a warm-up pass)`);
  const search = await searchBench(handle, samples, log, { runs: RUNS, explainIfP95Over: SEARCH_P95_TARGET_MS[kind], forceExplain: process.argv.includes("--explain") });
  log(`  search p50 ${ms(search.p50)}, p95 ${ms(search.p95)}`);
  const loadAverage = os.loadavg()[0]!;
  return { kind, label, version, seedSeconds, load, search, loadAverage };
}

async function onPostgres(): Promise<DbRun> {
  const { default: postgres } = await import("postgres");
  const name = `kn_bench_docs_${randomBytes(5).toString("hex")}`;
  const admin = postgres(SERVER_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  cleanups.push(async () => {
    if (process.env.BENCH_KEEP_DB === "1") log(`  BENCH_KEEP_DB=1: database ${name} kept (drop database ${name} with (force))`);
    else {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      log(`  database ${name} dropped`);
    }
    await admin.end({ timeout: 5 });
  });
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  log(`\nPostgreSQL: fresh database ${name}`);
  const handle = await openDatabase({ url: url.toString() });
  let closed = false;
  const close = async () => {
    if (!closed) await handle.close();
    closed = true;
  };
  cleanups.push(close);
  try {
    return await searchOn(handle, "postgres", "PostgreSQL");
  } finally {
    await close();
  }
}

async function onPglite(): Promise<DbRun> {
  const inMemory = process.env.BENCH_PGLITE === "memory";
  const dir = inMemory ? null : await mkdtemp(path.join(os.tmpdir(), "kn-bench-docs-pglite-"));
  if (dir) cleanups.push(() => rm(dir, { recursive: true, force: true }));
  const label = inMemory ? "PGlite (memory://)" : "PGlite (data directory on disk)";
  log(`\n${label}${dir ? `: ${dir}` : ""}`);
  const handle = await openDatabase({ dataDir: dir ?? "memory://" });
  let closed = false;
  const close = async () => {
    if (!closed) await handle.close();
    closed = true;
  };
  cleanups.push(close);
  try {
    return await searchOn(handle, "pglite", label);
  } finally {
    await close();
  }
}

// ---------------------------------------------------------------------------------------------
// Report

function describe(run: DbRun) {
  const { load: l, search: r } = run;
  console.log(`\n── ${run.label}: ${run.version}`);
  console.log(
    `load: ${n(l.documents)} published public documents, ${n(l.files)} files (${n(l.averageWords)} words of text per file on average), ${l.issuers} issuers; search_text ${n(l.averageSearchTextChars)} characters on average`,
  );
  console.log(`  generate ${s(l.generateSeconds)} · COPY ${s(l.copySeconds)} · indexes ${s(l.indexSeconds)} · analyze ${s(l.analyzeSeconds)}; tables ${n(l.tableMb)} MB`);
  console.log(`  search indexes: search_vector GIN ${n(l.indexMb.searchVector)} MB, symbol trigrams ${n(l.indexMb.symbolTrgm)} MB, search_text trigrams (fallback) ${n(l.indexMb.searchTrgm)} MB`);
  console.log(`  search_text built in bulk = refreshSearchText's for ${l.searchTextCheck.same}/${l.searchTextCheck.checked} sampled documents`);
  console.log(`  rare sentences in: ${RARE_SENTENCES.map((rare, i) => `“${rare.text.slice(0, 28)}…” ${l.rareCounts[i]}`).join(", ")}`);
  console.log(
    `search: searchPublicDocuments({ q, page: 1, pageSize: ${r.pageSize} }), ${r.queries.length} queries × ${r.runs} timed runs after a warm-up pass; the first ${RANKED_MATCHES} matches ranked, totals counted up to ${n(SEARCH_COUNT_CAP)} (“+” above)`,
  );
  console.log(`  ${"kind".padEnd(18)} ${"query".padEnd(30)} ${"matches".padStart(8)} ${"median".padStart(9)} ${"max".padStart(9)}  matched by`);
  for (const q of r.queries) {
    console.log(
      `  ${q.kind.padEnd(18)} ${`“${q.q}”`.padEnd(30)} ${`${n(q.total)}${q.totalCapped ? "+" : " "}`.padStart(8)} ${ms(percentile(q.runs, 0.5)).padStart(9)} ${ms(Math.max(...q.runs)).padStart(9)}  ${PATHS[q.path]}`,
    );
  }
  console.log(`  by kind:`);
  for (const k of r.byKind) console.log(`  ${k.kind.padEnd(18)} p50 ${ms(k.p50).padStart(9)}  p95 ${ms(k.p95).padStart(9)}  matches ${n(k.medianTotal).padStart(7)}`);
  console.log(`  all: p50 ${ms(r.p50)}  p95 ${ms(r.p95)}  max ${ms(r.max)}  (machine load average ${run.loadAverage.toFixed(1)} at the end)`);
  if (r.explain) {
    console.log(`  EXPLAIN (ANALYZE, BUFFERS) of each statement of the slowest search, “${r.explain.q}”:`);
    for (const statement of r.explain.statements) {
      console.log(`    ${statement.sql.replace(/\s+/g, " ").slice(0, 160)}…`);
      for (const line of statement.plan) console.log(`      ${line}`);
    }
  }
}

const PATHS = { words: "words (search_vector)", symbol: "symbol (trigrams of number_symbol)", text: "whole text (trigrams of search_text)" } as const;

function describeHttp(h: HttpReport) {
  console.log(`\n── HTTP: next start -p ${HTTP_PORT} (production build, PGlite demo database seeded by scripts/seed.ts in ${s(h.seedSeconds)}, healthy in ${s(h.startSeconds)})`);
  console.log(
    `  build ${h.buildId.before}${h.buildId.after === h.buildId.before ? "" : ` — WARNING: .next was rebuilt during the run (now ${h.buildId.after}); the figures may mix two builds`}`,
  );
  console.log(`  autocannon ${h.connections} connections × ${h.seconds} s per URL on loopback (client and server share the machine's ${os.cpus().length} cores); page /van-ban/${h.documentId} (${h.documentsInSitemap} documents in the sitemap)`);
  console.log(`  ${"".padEnd(24)} ${"req/s".padStart(8)} ${"min–max/s".padStart(11)} ${"p50".padStart(7)} ${"p97.5".padStart(7)} ${"p99".padStart(7)} ${"max".padStart(7)} ${"non-2xx".padStart(8)} ${"errors".padStart(7)} ${"KB/req".padStart(7)}`);
  for (const r of h.results) {
    console.log(
      `  ${r.label.padEnd(24)} ${n(r.requestsPerSecond).padStart(8)} ${`${n(r.minPerSecond)}–${n(r.maxPerSecond)}`.padStart(11)} ${`${r.p50}ms`.padStart(7)} ${`${r.p975}ms`.padStart(7)} ${`${r.p99}ms`.padStart(7)} ${`${r.max}ms`.padStart(7)} ${String(r.non2xx).padStart(8)} ${String(r.errors + r.timeouts).padStart(7)} ${(r.bytesPerRequest / 1024).toFixed(1).padStart(7)}`,
    );
  }
  console.log(`  the page once warm: x-nextjs-cache ${h.pageCache}; Content-Security-Policy script-src ${/script-src ([^;]*)/.exec(h.pageCsp)?.[1] ?? "?"}`);
  console.log(`  one request at a time: ${h.single.map((x) => `${x.path.startsWith("/van-ban/") ? "/van-ban/<id>" : x.path} p50 ${ms(x.p50)} p95 ${ms(x.p95)}`).join(" · ")}`);
  if (h.serverCpuSeconds !== null) {
    const page = h.results[0]!;
    console.log(
      `  server CPU during the page run: ${s(h.serverCpuSeconds)} over ${h.seconds} s = ${(h.serverCpuSeconds / h.seconds).toFixed(2)} cores (JavaScript runs on one thread; GC, zlib and file threads add to it), ${ms((h.serverCpuSeconds * 1000) / Math.max(1, page.total))} of CPU per page`,
    );
  }
  console.log(`  machine load average ${h.loadAverage.before.toFixed(1)} before the runs, ${h.loadAverage.after.toFixed(1)} after (other work shares the cores)`);
  console.log(`  the page's pieces measured alone (in this process, on the server's PGlite database after it stopped):`);
  for (const p of h.pieces) console.log(`    ${p.label.padEnd(72)} p50 ${ms(p.p50).padStart(8)}  p95 ${ms(p.p95).padStart(8)}`);
  if (h.profile) {
    console.log(`  CPU profile of the server during the page run (${s(h.profile.windowSeconds)} of samples, by the first category found on each stack):`);
    for (const c of h.profile.categories) console.log(`    ${(c.share * 100).toFixed(1).padStart(5)}%  ${c.label}`);
  }
}

async function main() {
  const args = new Set(process.argv.slice(2));
  const httpOnly = args.has("--http-only");
  const wantPg = !httpOnly && !args.has("--pglite-only") && process.env.BENCH_ONLY !== "pglite";
  const wantPglite = !httpOnly && !args.has("--pg-only") && process.env.BENCH_ONLY !== "pg";
  const hasBuild = buildExists(ROOT);
  const wantHttp = httpOnly || args.has("--http") || (!args.has("--no-http") && hasBuild);

  console.log(`documents bench: ${n(DOCUMENTS)} documents; ${[wantPg && "PostgreSQL", wantPglite && "PGlite", wantHttp && "HTTP"].filter(Boolean).join(", ") || "nothing"} (${os.cpus().length} cores, Node ${process.version})`);
  const runs: DbRun[] = [];
  let http: HttpReport | null = null;
  let httpSkipped: string | null = null;
  const failures: string[] = [];

  if (wantPg) {
    if (await serverAnswers(SERVER_URL)) {
      const t = performance.now();
      try {
        runs.push(await onPostgres());
      } catch (error) {
        failures.push(`PostgreSQL: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        console.error(error);
      } finally {
        await runCleanups();
      }
      log(`  (${s((performance.now() - t) / 1000)} on PostgreSQL)`);
    } else log(`\nPostgreSQL: no server answers at ${SERVER_URL.replace(/:[^:@/]*@/, ":***@")}; skipped`);
  }
  if (wantPglite) {
    const t = performance.now();
    try {
      runs.push(await onPglite());
    } catch (error) {
      failures.push(`PGlite: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      console.error(error);
    } finally {
      await runCleanups();
    }
    log(`  (${s((performance.now() - t) / 1000)} on PGlite)`);
  }
  if (wantHttp) {
    if (!hasBuild) {
      httpSkipped = "the HTTP part needs a production build: run `npm run build` first (no .next/BUILD_ID)";
      log(`\nHTTP: skipped — ${httpSkipped}`);
    } else {
      log(`\nHTTP: public document page under load`);
      try {
        http = await httpBench({ root: ROOT, connections: HTTP_CONNECTIONS, seconds: HTTP_SECONDS, log, profile: args.has("--profile"), onCleanup: (fn) => cleanups.push(fn) });
      } catch (error) {
        failures.push(`HTTP: ${error instanceof Error ? error.message : String(error)}`);
        console.error(error);
      } finally {
        await runCleanups();
      }
    }
  } else if (!hasBuild) {
    httpSkipped = "the HTTP part needs a production build: run `npm run build` first (no .next/BUILD_ID)";
  }

  for (const run of runs) describe(run);
  if (http) describeHttp(http);

  console.log(`\nTargets (${n(DOCUMENTS)} documents)`);
  for (const run of runs) {
    const target = SEARCH_P95_TARGET_MS[run.kind];
    console.log(`  [${run.label}] public search p95 ${ms(run.search.p95)} / ${target} ms = ${(run.search.p95 / target).toFixed(2)}× (target ≤ ${target} ms) ${verdict(run.search.p95 <= target)}`);
  }
  if (http) {
    const page = http.results[0]!;
    const ratio = page.requestsPerSecond / PAGE_TARGET_RPS;
    console.log(
      `  [HTTP] cached document page ${n(page.requestsPerSecond)} req/s / ${PAGE_TARGET_RPS} req/s = ${ratio.toFixed(2)}× (target ≥ ${PAGE_TARGET_RPS} req/s) ${verdict(ratio >= 1 && page.non2xx === 0)}${page.non2xx > 0 ? ` — ${page.non2xx} non-2xx answers` : ""}`,
    );
  } else if (httpSkipped) console.log(`  [HTTP] not measured: ${httpSkipped}`);
  for (const f of failures) console.log(`  FAILED ${f.split("\n")[0]}`);
  if (failures.length > 0) process.exitCode = 1;
}

try {
  await main();
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await runCleanups();
}
