/**
 * Statistics figures against the targets of the leadership statistics issue:
 * 1. the central dashboard (statsDashboard for the root unit, as the central leader "lanhdao") over
 *    1,000,000 members: p95 ≤ 50 ms on PostgreSQL, ≤ 150 ms on PGlite, printed beside the same
 *    figures counted on the fly with GROUP BY over the records (directDashboard, lib/stats/direct.ts)
 *    and compared with them figure by figure; a provincial dashboard (Hà Nội) beside it;
 * 2. keeping the aggregates adds ≤ 15% to the members bench's 100,000-row import (startImport +
 *    commitImport): the same import with the statistics triggers on members and member_events on,
 *    and disabled, each on a fresh copy of the same database, alternating which goes first.
 *
 * The database is built as bench:members builds it (bench/members-phases.ts loadMembers: COPY with
 * the triggers off), its records counted from 2020-01-01; stats_rebuild() fills the aggregates
 * (timed); then a year of lifecycle history goes through the triggers, day by day with
 * `SET LOCAL kn.stat_day` (bench/stats-phases.ts playHistory), so last year's figures and the
 * flows are not empty.
 *
 * Run: npm run bench:stats [-- --pg-only | --pglite-only] [-- --no-import | --no-dashboard] [-- --keep | --reuse]
 *   --keep keeps the built database for another run: on PostgreSQL the database
 *   kn_bench_stats_<members>_h<history days> (drop it by hand when done), for PGlite a dump of its
 *   data directory in <tmp>/kn-bench-stats/ (delete it when done); --reuse uses them when present
 *   instead of building again.
 *   BENCH_MEMBERS (default 1,000,000) and BENCH_IMPORT_ROWS (default 100,000) for a quick run;
 *   BENCH_IMPORT_RUNS (default 3) imports with the triggers on and as many with them off;
 *   BENCH_DASHBOARD_RUNS (default 30) timed dashboards per unit, BENCH_DIRECT_RUNS (default 3)
 *   on-the-fly counts per unit (0 skips them and the comparison). BENCH_DATABASE_URL names the
 *   PostgreSQL server (default postgres://postgres@127.0.0.1:5432/postgres when it answers);
 *   BENCH_ONLY=pg|pglite is the same as the flags. BENCH_HISTORY_DAYS (default 50) spreads the
 *   history's changes over that many days (365: a change every day, as a busy register has; the
 *   dashboard reads a year of the days' changes). BENCH_IMPORT_SQL=<file.sql> runs that SQL on
 *   every import copy first: a change to the statistics triggers, tried without a migration.
 *
 * Every step runs in a fresh child process. PostgreSQL: the import copies are made with CREATE
 * DATABASE … TEMPLATE, each with track_functions = 'pl' so the time spent in the trigger functions
 * is read from pg_stat_user_functions afterwards. PGlite: the database built in memory is dumped to
 * a tarball, and every later step loads it into a fresh in-memory instance. Databases and temporary
 * files made here are removed at the end and on Ctrl-C (except what --keep keeps).
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import type { Sql } from "postgres";
import type { BuildReport, DashboardReport, FunctionTime, StatsImportReport, Timing, UnitTiming } from "./stats-phases";
import { serverAnswers } from "./server";

const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 1_000_000);
const IMPORT_ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 100_000);
const IMPORT_RUNS = Number(process.env.BENCH_IMPORT_RUNS ?? 3);
const DASHBOARD_RUNS = Number(process.env.BENCH_DASHBOARD_RUNS ?? 30);
const DIRECT_RUNS = Number(process.env.BENCH_DIRECT_RUNS ?? 3);
/** Read again in the child (bench/stats-phases.ts); here it names what --keep keeps. */
const HISTORY_DAYS = Number(process.env.BENCH_HISTORY_DAYS ?? 50);
const KEPT = `${MEMBERS}_h${HISTORY_DAYS}`;
const DASHBOARD_P95_TARGET_MS = { postgres: 50, pglite: 150 } as const;
const IMPORT_OVERHEAD_TARGET = 1.15;
const RESULT_PREFIX = "@@RESULT ";

type Kind = "postgres" | "pglite";
/** build: build the database (and, for PGlite, dump it); dashboard; import. */
type Phase = "build" | "dashboard" | "import";

interface ChildInput {
  phase: Phase;
  kind: Kind;
  /** PostgreSQL database URL. */
  url?: string;
  /** PGlite: the dump to write (build) or to load (dashboard, import). */
  dump?: string;
  members: number;
  triggers?: boolean;
  file?: string;
  fileName?: string;
}

interface ChildOutput {
  version?: string;
  build?: BuildReport;
  dumpBytes?: number;
  dumpSeconds?: number;
  loadSeconds?: number;
  dashboard?: DashboardReport;
  import?: StatsImportReport;
  errors: string[];
}

// ---------------------------------------------------------------------------------------------
// Child side: one phase, its report as one JSON line on stdout.

function describeError(error: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = error, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    parts.push(`${(e instanceof Error ? e.message : String(e)).split("\n")[0]!.slice(0, 300)}${typeof code === "string" ? ` [${code}]` : ""}`);
  }
  const stack = error instanceof Error ? (error.stack ?? "").split("\n").filter((l) => l.trim().startsWith("at ") && !l.includes("node_modules") && !l.includes("node:internal")).slice(0, 6) : [];
  return [parts.join(" ← caused by: "), ...stack].join("\n");
}

async function child(input: ChildInput) {
  const { openDatabase } = await import("@/lib/db/open");
  const phases = await import("./stats-phases");
  const log = (line: string) => console.log(line);
  const out: ChildOutput = { errors: [] };
  let start = performance.now();
  const handle =
    input.kind === "postgres"
      ? await openDatabase({ url: input.url!, migrate: input.phase === "build" })
      : input.phase === "build"
        ? await openDatabase({ dataDir: "memory://" })
        : await phases.openPgliteDump(input.dump!);
  if (input.kind === "pglite" && input.phase !== "build") {
    out.loadSeconds = (performance.now() - start) / 1000;
    log(`  loaded the dump into memory in ${out.loadSeconds.toFixed(1)} s`);
  }
  try {
    const { rows } = await handle.executeSql("select version() as v");
    out.version = String(rows[0]?.v ?? "").split(" on ")[0];
    if (input.phase === "build") {
      out.build = await phases.buildDatabase(handle, input.members, log);
      if (input.kind === "pglite") {
        start = performance.now();
        out.dumpBytes = await phases.dumpPglite(handle, input.dump!);
        out.dumpSeconds = (performance.now() - start) / 1000;
        log(`  dumped ${(out.dumpBytes / 1024 / 1024).toFixed(0)} MB in ${out.dumpSeconds.toFixed(1)} s`);
      }
    } else if (input.phase === "dashboard") {
      out.dashboard = await phases.dashboardBench(handle, log, DASHBOARD_RUNS, DIRECT_RUNS);
    } else {
      out.import = await phases.importWithTriggers(handle, input.triggers!, input.file!, input.fileName!, log);
    }
  } catch (error) {
    const message = describeError(error);
    out.errors.push(`${input.phase}: ${message}`);
    log(`  ${input.phase} FAILED: ${message}`);
  } finally {
    await handle.close();
  }
  process.stdout.write(`${RESULT_PREFIX}${JSON.stringify(out)}\n`);
}

// ---------------------------------------------------------------------------------------------
// Parent side

let running: ReturnType<typeof spawn> | null = null;
/** What to remove at the end or on Ctrl-C: databases on the server, temporary directories. */
const createdDatabases = new Set<string>();
const createdDirs = new Set<string>();

async function runChild(input: ChildInput): Promise<ChildOutput> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "kn-bench-data-"));
  createdDirs.add(dataDir);
  try {
    return await new Promise<ChildOutput>((resolve, reject) => {
      const script = fileURLToPath(import.meta.url);
      const proc = spawn(process.execPath, [...process.execArgv, "--expose-gc", script, "--child"], {
        env: { ...process.env, BENCH_CHILD: JSON.stringify(input), DATA_DIR: dataDir },
        stdio: ["ignore", "pipe", "inherit"],
      });
      running = proc;
      let result: ChildOutput | null = null;
      createInterface({ input: proc.stdout! }).on("line", (line) => {
        if (line.startsWith(RESULT_PREFIX)) result = JSON.parse(line.slice(RESULT_PREFIX.length)) as ChildOutput;
        else console.log(`  │${line}`);
      });
      proc.on("error", reject);
      proc.on("close", (code, signal) => {
        running = null;
        if (result) resolve(result);
        else reject(new Error(`${input.kind} ${input.phase} process ended (${signal ?? `exit ${code}`}) without a report`));
      });
    });
  } finally {
    await rm(dataDir, { recursive: true, force: true });
    createdDirs.delete(dataDir);
  }
}

const SERVER_URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
let admin: Sql | null = null;

async function adminSql() {
  if (!admin) {
    const { default: postgres } = await import("postgres");
    admin = postgres(SERVER_URL, { max: 1, onnotice: () => {} });
  }
  return admin;
}

function databaseUrl(name: string): string {
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function dropDatabase(name: string) {
  const sql = await adminSql();
  await sql.unsafe(`drop database if exists ${name} with (force)`).catch((error: unknown) => console.error(`could not drop ${name}: ${String(error)}`));
  createdDatabases.delete(name);
}

let cleaning: Promise<void> | null = null;
let stopping = false;
function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    running?.kill("SIGKILL");
    for (const name of [...createdDatabases]) await dropDatabase(name);
    for (const dir of [...createdDirs]) await rm(dir, { recursive: true, force: true }).catch(() => {});
    await admin?.end({ timeout: 5 }).catch(() => {});
  })();
  return cleaning;
}

interface Run {
  kind: Kind;
  label: string;
  version?: string;
  build?: BuildReport;
  reused?: string;
  dashboard?: DashboardReport;
  imports: StatsImportReport[];
  errors: string[];
  notes: string[];
}

const s = (x: number) => `${x.toFixed(1)} s`;
const ms = (x: number) => `${x.toFixed(1)} ms`;
const n = (x: number) => x.toLocaleString("en");
const verdict = (ok: boolean) => (ok ? "OK" : "OVER");
const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

function collect(run: Run, output: ChildOutput) {
  run.version ??= output.version;
  if (output.build) run.build = output.build;
  if (output.dashboard) run.dashboard = output.dashboard;
  if (output.import) run.imports.push(output.import);
  run.errors.push(...output.errors);
}

async function dashboardChild(input: ChildInput): Promise<ChildOutput> {
  const load = os.loadavg()[0]!;
  const output = await runChild(input);
  if (output.dashboard) output.dashboard.load = [load, os.loadavg()[0]!];
  return output;
}

/** Imports on copies of the database: triggers on and off in turn, alternating which goes first. */
async function importRuns(run: Run, common: { file: string; fileName: string }, copy: (triggers: boolean) => Promise<{ input: ChildInput; after?: (report: StatsImportReport) => Promise<void>; done: () => Promise<void> }>) {
  for (let i = 0; i < IMPORT_RUNS; i++) {
    for (const triggers of i % 2 === 0 ? [true, false] : [false, true]) {
      console.log(`• import ${i + 1} with the statistics triggers ${triggers ? "on" : "off"} (fresh copy, fresh child process)`);
      const { input, after, done } = await copy(triggers);
      try {
        const load = os.loadavg()[0]!;
        const output = await runChild({ ...input, ...common, triggers });
        if (output.import) output.import.load = [load, os.loadavg()[0]!];
        if (output.import && after) await after(output.import);
        collect(run, output);
      } finally {
        await done();
      }
    }
  }
}

async function runPostgres(args: Set<string>, common: { file: string; fileName: string }, wantImport: boolean, wantDashboard: boolean): Promise<Run> {
  const run: Run = { kind: "postgres", label: "PostgreSQL", imports: [], errors: [], notes: [] };
  const sql = await adminSql();
  const keepName = `kn_bench_stats_${KEPT}`;
  const keep = args.has("--keep") || process.env.BENCH_KEEP_DB === "1";
  let base: string;
  const start = performance.now();
  const [existing] = await sql`select 1 from pg_database where datname = ${keepName}`;
  if (args.has("--reuse") && existing) {
    base = keepName;
    run.reused = `database ${keepName}`;
    console.log(`\nPostgreSQL: reusing ${keepName} (--reuse)`);
  } else {
    // Built again with --keep: the kept one is replaced. Without --keep it stays as it is.
    if (existing && keep) await sql.unsafe(`drop database ${keepName} with (force)`);
    base = keep ? keepName : `kn_bench_stats_${randomBytes(5).toString("hex")}`;
    await sql.unsafe(`create database ${base}`);
    // Until it is built, even a database to keep goes on Ctrl-C: half a database is not reused.
    createdDatabases.add(base);
    console.log(`\nPostgreSQL: fresh database ${base}${keep ? " (kept: --keep)" : ""}`);
    console.log(`• build: demo organisation, ${n(MEMBERS)} members, stats_rebuild(), history (child process)`);
    const output = await runChild({ phase: "build", kind: "postgres", url: databaseUrl(base), members: MEMBERS });
    collect(run, output);
    if (keep && output.errors.length === 0) createdDatabases.delete(base);
  }
  if (wantDashboard) {
    console.log(`• dashboards and on-the-fly counts (fresh child process)`);
    collect(run, await dashboardChild({ phase: "dashboard", kind: "postgres", url: databaseUrl(base), members: MEMBERS }));
  }
  if (wantImport) {
    const [{ server_version_num: version }] = (await sql`select current_setting('server_version_num')::int as server_version_num`) as unknown as [{ server_version_num: number }];
    await importRuns(run, common, async () => {
      const name = `${base}_imp_${randomBytes(3).toString("hex")}`;
      const copyStart = performance.now();
      createdDatabases.add(name);
      // FILE_COPY (PostgreSQL 15+): copies the files instead of writing every page to the WAL.
      await sql.unsafe(`create database ${name} template ${base}${version >= 150000 ? " strategy file_copy" : ""}`);
      await sql.unsafe(`alter database ${name} set track_functions = 'pl'`);
      console.log(`  copy ${name} made in ${s((performance.now() - copyStart) / 1000)}`);
      return {
        input: { phase: "import", kind: "postgres", url: databaseUrl(name), members: MEMBERS },
        // The import's connections are closed with its process: their function statistics are flushed.
        after: async (report) => {
          const { default: postgres } = await import("postgres");
          const reader = postgres(databaseUrl(name), { max: 1, onnotice: () => {} });
          try {
            await new Promise((r) => setTimeout(r, 500));
            const rows = await reader`select funcname, calls::int as calls, total_time::float8 as total, self_time::float8 as self from pg_stat_user_functions where funcname like 'stat%' order by total_time desc`;
            report.functions = rows.map((r) => ({ name: String(r.funcname), calls: Number(r.calls), totalMs: Number(r.total), selfMs: Number(r.self) }));
          } finally {
            await reader.end({ timeout: 5 });
          }
        },
        done: () => dropDatabase(name),
      };
    });
  }
  if (createdDatabases.has(base)) await dropDatabase(base);
  else console.log(`  database ${base} kept (reuse with --reuse; drop it with: drop database ${base})`);
  console.log(`  (${s((performance.now() - start) / 1000)} on PostgreSQL)`);
  return run;
}

async function runPglite(args: Set<string>, common: { file: string; fileName: string }, wantImport: boolean, wantDashboard: boolean): Promise<Run> {
  const run: Run = { kind: "pglite", label: "PGlite (memory://)", imports: [], errors: [], notes: [] };
  const keep = args.has("--keep") || process.env.BENCH_KEEP_DB === "1";
  const keptDump = path.join(os.tmpdir(), "kn-bench-stats", `pglite-${KEPT}.tar`);
  const start = performance.now();
  let dump: string;
  if (args.has("--reuse") && existsSync(keptDump)) {
    dump = keptDump;
    run.reused = `dump ${keptDump}`;
    console.log(`\n${run.label}: reusing ${keptDump} (--reuse)`);
  } else {
    if (keep) {
      await mkdir(path.dirname(keptDump), { recursive: true });
      dump = keptDump;
    } else {
      const dir = await mkdtemp(path.join(os.tmpdir(), "kn-bench-stats-"));
      createdDirs.add(dir);
      dump = path.join(dir, "pglite.tar");
    }
    console.log(`\n${run.label}: build in memory, dumped to ${dump}${keep ? " (kept: --keep)" : ""}`);
    console.log(`• build: demo organisation, ${n(MEMBERS)} members, stats_rebuild(), history (child process)`);
    const output = await runChild({ phase: "build", kind: "pglite", dump, members: MEMBERS });
    if (output.dumpBytes !== undefined) run.notes.push(`dump of the data directory ${n(Math.round(output.dumpBytes / 1024 / 1024))} MB in ${s(output.dumpSeconds ?? 0)}`);
    collect(run, output);
  }
  if (existsSync(dump)) {
    if (wantDashboard) {
      console.log(`• dashboards and on-the-fly counts (fresh child process, the dump loaded into memory)`);
      const output = await dashboardChild({ phase: "dashboard", kind: "pglite", dump, members: MEMBERS });
      if (output.loadSeconds !== undefined) run.notes.push(`loading the dump into a fresh in-memory instance: ${s(output.loadSeconds)}`);
      collect(run, output);
    }
    if (wantImport) {
      await importRuns(run, common, async () => ({ input: { phase: "import", kind: "pglite", dump, members: MEMBERS }, done: async () => {} }));
    }
  }
  if (keep) console.log(`  dump ${dump} kept (reuse with --reuse)`);
  console.log(`  (${s((performance.now() - start) / 1000)} on ${run.label})`);
  return run;
}

function timingLine(t: Timing) {
  return `p50 ${ms(t.p50)}  p95 ${ms(t.p95)}  min ${ms(t.min)}  max ${ms(t.max)} (${t.runs} runs)`;
}

function describeUnit(u: UnitTiming) {
  console.log(`  ${u.unit} (${u.code}, level ${u.level}): ${n(u.members)} members, ${u.children} children in the table`);
  console.log(`    statsDashboard  ${timingLine(u.dashboard)}`);
  if (u.direct) {
    console.log(`    on the fly      ${timingLine(u.direct)} — ${(u.direct.p50 / u.dashboard.p50).toFixed(0)}× the dashboard's p50`);
    console.log(
      u.mismatches.length === 0
        ? `    all ${u.compared} figures of the unit equal the direct count`
        : `    ${u.mismatches.length} of ${u.compared} figures differ from the direct count: ${u.mismatches.slice(0, 6).join("; ")}`,
    );
  }
}

function functionsLine(functions: FunctionTime[]) {
  return functions.length === 0 ? "" : functions.map((f) => `${f.name} ${f.calls}× ${(f.totalMs / 1000).toFixed(2)} s`).join(", ");
}

function describe(run: Run) {
  console.log(`\n── ${run.label}: ${run.version ?? "?"}${run.reused ? ` (reused ${run.reused})` : ""}`);
  const b = run.build;
  if (b) {
    console.log(`load: ${n(b.load.members)} members over ${n(b.load.units)} units (counted from ${b.countedSince}) — COPY ${s(b.load.copySeconds)}, indexes ${s(b.load.indexSeconds)}, vacuum analyze ${s(b.load.vacuumSeconds)}`);
    console.log(`stats_rebuild() over them (the COPY bypasses the triggers): ${s(b.rebuildSeconds)}`);
    const h = b.history;
    console.log(`history through the triggers, ${h.days} transactions ${h.first} … ${h.last}: ${n(h.transfers)} transfers, ${n(h.exits)} exits, ${n(h.admissions)} admissions, ${n(h.evaluations)} evaluations in ${s(h.seconds)}`);
    console.log(`aggregate rows: ${Object.entries(b.tables).map(([t, c]) => `${t} ${n(c)}`).join(", ")}`);
    console.log(`check: current members ${n(b.check.counted)} by count(*), ${n(b.check.aggregate)} by the root's aggregate ${verdict(b.check.counted === b.check.aggregate) === "OK" ? "(equal)" : "DIFFER"}`);
  }
  for (const note of run.notes) console.log(note);
  if (run.dashboard) {
    const load = run.dashboard.load ? ` (load average ${run.dashboard.load[0].toFixed(1)} before, ${run.dashboard.load[1].toFixed(1)} after)` : "";
    console.log(`dashboards as ${run.dashboard.actor} (central leader) for ${run.dashboard.asOf}, after 3 warm-up calls${load}:`);
    describeUnit(run.dashboard.root);
    describeUnit(run.dashboard.province);
  }
  if (run.imports.length > 0) {
    const trial = run.imports.find((r) => r.trial)?.trial;
    console.log(`imports of the members bench's file, each on a fresh copy (startImport + commitImport)${trial ? `, with ${trial} applied first (BENCH_IMPORT_SQL)` : ""}:`);
    for (const [i, r] of run.imports.entries()) {
      const res = r.import.result;
      const fns = functionsLine(r.functions);
      console.log(
        `  ${String(i + 1).padStart(2)}. triggers ${r.triggers ? "on " : "off"}: ${s(r.import.startSeconds)} + ${s(r.import.commitSeconds)} = ${s(r.import.totalSeconds)}  ` +
          `(created ${n(res.created)}, skipped ${n(res.skipped)}; aggregate change rows +${n(r.aggregateRows)}, root members ${n(r.rootMembers)}` +
          `${r.load ? `; load average ${r.load[0].toFixed(1)} → ${r.load[1].toFixed(1)}` : ""})${fns ? `\n      in the trigger functions: ${fns}` : ""}`,
      );
    }
  }
  for (const e of run.errors) console.log(`  ERROR ${e.split("\n").slice(0, 3).join(" | ")}`);
}

function targets(run: Run): string[] {
  const tag = `[${run.label}]`;
  const lines: string[] = [];
  const target = DASHBOARD_P95_TARGET_MS[run.kind];
  if (run.dashboard) {
    const { root, province } = run.dashboard;
    const beside = root.direct ? `; on the fly ${ms(root.direct.p50)} p50 (${(root.direct.p50 / root.dashboard.p95).toFixed(0)}× its p95)` : "";
    lines.push(`${tag} central dashboard p95 ${ms(root.dashboard.p95)} / ${target} ms = ${(root.dashboard.p95 / target).toFixed(2)}× (target ≤ ${target} ms) ${verdict(root.dashboard.p95 <= target)}${beside}`);
    lines.push(`${tag}   provincial (${province.code}) p95 ${ms(province.dashboard.p95)}${province.direct ? `; on the fly ${ms(province.direct.p50)} p50` : ""}`);
    if (root.direct) {
      const differ = root.mismatches.length + province.mismatches.length;
      lines.push(`${tag}   exactness: ${differ === 0 ? `all ${root.compared + province.compared} figures equal the direct count` : `${differ} figures differ from the direct count`}`);
    }
  } else lines.push(`${tag} dashboard: not measured`);
  const on = run.imports.filter((r) => r.triggers).map((r) => r.import.totalSeconds);
  const off = run.imports.filter((r) => !r.triggers).map((r) => r.import.totalSeconds);
  if (on.length > 0 && off.length > 0) {
    const ratio = median(on) / median(off);
    const commitRatio = median(run.imports.filter((r) => r.triggers).map((r) => r.import.commitSeconds)) / median(run.imports.filter((r) => !r.triggers).map((r) => r.import.commitSeconds));
    lines.push(
      `${tag} import with the triggers${run.imports.some((r) => r.trial) ? " (as changed by BENCH_IMPORT_SQL)" : ""} ${s(median(on))} / without ${s(median(off))} (medians of ${on.length} and ${off.length}) = ${ratio.toFixed(2)}× (target ≤ ${IMPORT_OVERHEAD_TARGET}×) ${verdict(ratio <= IMPORT_OVERHEAD_TARGET)}`,
      `${tag}   runs on: ${on.map(s).join(", ")}; off: ${off.map(s).join(", ")}; commitImport alone ${commitRatio.toFixed(2)}×`,
    );
    // Less noisy on a shared machine than the ratio of wall clocks: the time the server spent in the
    // trigger functions (track_functions = 'pl': the plpgsql ones, with what they call), over the import without them.
    const inside = run.imports.filter((r) => r.triggers && r.functions.length > 0).map((r) => r.functions.filter((f) => f.name.startsWith("stat")).reduce((t, f) => t + f.totalMs, 0) / 1000);
    if (inside.length > 0) {
      const share = (median(off) + median(inside)) / median(off);
      lines.push(`${tag}   time inside the statistics trigger functions ${inside.map(s).join(", ")}: (import without ${s(median(off))} + ${s(median(inside))}) / ${s(median(off))} = ${share.toFixed(2)}× ${verdict(share <= IMPORT_OVERHEAD_TARGET)}`);
    }
  } else lines.push(`${tag} import overhead: not measured`);
  return lines;
}

async function main() {
  const args = new Set(process.argv.slice(2));
  const only = process.env.BENCH_ONLY;
  const wantPg = !args.has("--pglite-only") && only !== "pglite";
  const wantPglite = !args.has("--pg-only") && only !== "pg" && only !== "postgres";
  const wantImport = !args.has("--no-import");
  const wantDashboard = !args.has("--no-dashboard");
  if (IMPORT_ROWS > 1_000_000 || MEMBERS > 1_000_000) throw new Error("at most 1,000,000 members and import rows (ID numbers are built from the index)");

  const fileName = `danh-sach-${IMPORT_ROWS}.xlsx`;
  const file = path.join(os.tmpdir(), "kn-bench-members", `import-${IMPORT_ROWS}-of-${MEMBERS}.xlsx`);
  if (wantImport) {
    const { writeImportFile } = await import("./members-data");
    const start = performance.now();
    const { duplicates, bytes } = await writeImportFile(file, IMPORT_ROWS, MEMBERS);
    console.log(
      `stats bench: ${n(MEMBERS)} members; import file ${n(IMPORT_ROWS)} rows (${n(duplicates)} repeat existing members), ${(bytes / 1024 / 1024).toFixed(1)} MB, ready in ${s((performance.now() - start) / 1000)} (${file})`,
    );
  } else console.log(`stats bench: ${n(MEMBERS)} members`);
  const common = { file, fileName };

  const runs: Run[] = [];
  const pgAvailable = wantPg && (await serverAnswers(SERVER_URL));
  if (wantPg && !pgAvailable) console.log(`PostgreSQL: no server answers at ${SERVER_URL.replace(/:[^:@/]*@/, ":***@")}; skipped`);
  if (pgAvailable) runs.push(await runPostgres(args, common, wantImport, wantDashboard));
  if (wantPglite) runs.push(await runPglite(args, common, wantImport, wantDashboard));

  for (const run of runs) describe(run);
  console.log(`\nTargets (${n(MEMBERS)} members, ${n(IMPORT_ROWS)} import rows)`);
  for (const run of runs) for (const line of targets(run)) console.log(`  ${line}`);
}

if (process.argv.includes("--child")) {
  await child(JSON.parse(process.env.BENCH_CHILD ?? "{}") as ChildInput);
  process.exit(0);
} else {
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      stopping = true;
      console.error(`\n${signal}: stopping, removing the bench databases and files`);
      void cleanup().finally(() => process.exit(130));
    });
  }
  try {
    await main();
  } catch (error) {
    // After Ctrl-C the child killed on purpose is no error to report.
    if (!stopping) console.error(error);
    process.exitCode = 1;
  } finally {
    await cleanup();
  }
}
