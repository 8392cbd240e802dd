/**
 * Members figures against the targets of the import and search issue:
 * 1. importing 100,000 rows from xlsx end to end (startImport + commitImport: parse, validate,
 *    deduplicate against 1,000,000 existing members, write) in at most 1.5× the time of parsing
 *    the same file alone plus a raw COPY of the same rows, with peak memory ≤ 400 MB. The raw
 *    COPY writes the rows the import writes into the members table itself (its indexes included,
 *    rolled back); a COPY into an index-less copy of the table is printed beside it. Peak memory
 *    is the rise of the import process's rss over what it held before (node, tsx, the modules and
 *    the file), the process's own peak printed with it;
 * 2. name search (listMembers, first page of 50) over 1,000,000 members: p95 ≤ 100 ms on
 *    PostgreSQL, ≤ 200 ms on PGlite.
 *
 * Run: npm run bench:members [-- --pg-only | --pglite-only] [-- --search-only]
 *   --search-only loads the members and times the search, without the import and its baseline.
 *   BENCH_MEMBERS (default 1,000,000) and BENCH_IMPORT_ROWS (default 100,000) for a quick run;
 *   BENCH_DATABASE_URL names the PostgreSQL server (default postgres://postgres@127.0.0.1:5432/postgres
 *   when it answers): a fresh database kn_bench_<random> is created on it and dropped at the end
 *   (BENCH_KEEP_DB=1 keeps it, to look at query plans afterwards). BENCH_ONLY=pg|pglite is the
 *   same as the flags.
 *
 * On PostgreSQL every step runs in a fresh child process: loading and search, the baseline, the
 * import. Peak memory of the import is then the whole import process's rss, not polluted by
 * loading a million rows. PGlite in memory lives inside its process, so there one child does
 * everything and the import's memory is reported as the rise over the rss before it.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import type { BaselineReport, ImportReport, LoadReport, SearchReport } from "./members-phases";
import { serverAnswers } from "./server";

const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 1_000_000);
const IMPORT_ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 100_000);
const IMPORT_RATIO_TARGET = 1.5;
const IMPORT_MEMORY_TARGET_MB = 400;
const SEARCH_P95_TARGET_MS = { postgres: 100, pglite: 200 } as const;
const RESULT_PREFIX = "@@RESULT ";

type Kind = "postgres" | "pglite";
type Phase = "setup" | "baseline" | "import" | "pglite";

interface ChildInput {
  phase: Phase;
  /** Load and search only: no baseline, no import. */
  searchOnly?: boolean;
  url?: string;
  members: number;
  file: string;
  fileName: string;
}

interface ChildOutput {
  version?: string;
  load?: LoadReport;
  search?: SearchReport;
  /** PostgreSQL only: the same searches with jit = off. */
  searchNoJit?: SearchReport;
  baseline?: BaselineReport;
  import?: ImportReport;
  errors: string[];
}

// ---------------------------------------------------------------------------------------------
// Child side: one phase, its report as one JSON line on stdout.

/** An error in a few lines: drizzle's "Failed query" carries every parameter, the cause says why. */
function describeError(error: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = error, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const rejected = (e as { text?: unknown }).text;
    const text = `${e instanceof Error ? e.message : String(e)}${typeof rejected === "string" ? `: ${rejected}` : ""}`;
    const code = (e as { code?: unknown }).code;
    parts.push(`${text.split("\n")[0]!.slice(0, 300)}${typeof code === "string" ? ` [${code}]` : ""}`);
  }
  const stack = error instanceof Error ? (error.stack ?? "").split("\n").filter((l) => l.trim().startsWith("at ") && !l.includes("node_modules") && !l.includes("node:internal")).slice(0, 6) : [];
  return [parts.join(" ← caused by: "), ...stack].join("\n");
}

async function child(input: ChildInput) {
  const { openDatabase } = await import("@/lib/db/open");
  const phases = await import("./members-phases");
  const log = (line: string) => console.log(line);
  const out: ChildOutput = { errors: [] };
  const attempt = async (name: string, fn: () => Promise<void>) => {
    try {
      await fn();
    } catch (error) {
      const message = describeError(error);
      out.errors.push(`${name}: ${message}`);
      log(`  ${name} FAILED: ${message}`);
    }
  };

  const handle = await openDatabase(input.phase === "pglite" ? { dataDir: "memory://" } : { url: input.url!, migrate: input.phase === "setup" });
  try {
    const { rows } = await handle.executeSql("select version() as v");
    out.version = String(rows[0]?.v ?? "").split(" on ")[0];
    if (input.phase === "setup" || input.phase === "pglite") {
      // Loaded here only: the import's process holds no more than an app would.
      const { seedDemo } = await import("@/db/seed/demo");
      let start = performance.now();
      await seedDemo(handle.db);
      log(`  demo organisation seeded in ${((performance.now() - start) / 1000).toFixed(1)} s`);
      start = performance.now();
      out.load = await phases.loadMembers(handle, input.members, log);
      out.search = await phases.searchBench(handle, input.members, log);
      log(`  search p50 ${out.search.p50.toFixed(1)} ms, p95 ${out.search.p95.toFixed(1)} ms`);
      if (handle.kind === "postgres") {
        // Diagnostic: the same searches with the server's JIT compilation off (new connections).
        const { rows: current } = await handle.executeSql("select current_database() as name");
        const database = String(current[0]?.name);
        await handle.executeSql(`alter database "${database}" set jit = off`);
        const noJit = await openDatabase({ url: input.url!, migrate: false });
        try {
          out.searchNoJit = await phases.searchBench(noJit, input.members, log);
          log(`  search with jit = off: p50 ${out.searchNoJit.p50.toFixed(1)} ms, p95 ${out.searchNoJit.p95.toFixed(1)} ms`);
        } finally {
          await noJit.close();
          await handle.executeSql(`alter database "${database}" reset jit`);
        }
      }
    }
    if (input.searchOnly) {
      // Load and search only.
    } else if (input.phase === "baseline" || input.phase === "pglite") {
      await attempt("baseline", async () => {
        out.baseline = await phases.baseline(handle, input.file, input.fileName, log);
      });
    }
    if (!input.searchOnly && (input.phase === "import" || input.phase === "pglite")) {
      await attempt("import", async () => {
        out.import = await phases.importEndToEnd(handle, input.file, input.fileName, log);
      });
    }
  } finally {
    await handle.close();
  }
  process.stdout.write(`${RESULT_PREFIX}${JSON.stringify(out)}\n`);
}

// ---------------------------------------------------------------------------------------------
// Parent side

let running: ReturnType<typeof spawn> | null = null;

async function runChild(input: ChildInput): Promise<ChildOutput> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "kn-bench-data-"));
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
        else reject(new Error(`${input.phase} process ended (${signal ?? `exit ${code}`}) without a report`));
      });
    });
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

const SERVER_URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

async function withFreshDatabase<T>(fn: (url: string, name: string) => Promise<T>): Promise<T> {
  const { default: postgres } = await import("postgres");
  const name = `kn_bench_${randomBytes(5).toString("hex")}`;
  const admin = postgres(SERVER_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  try {
    return await fn(url.toString(), name);
  } finally {
    running?.kill("SIGKILL");
    if (process.env.BENCH_KEEP_DB === "1") console.log(`BENCH_KEEP_DB=1: database ${name} kept (drop it with: drop database ${name})`);
    else {
      await admin.unsafe(`drop database if exists ${name} with (force)`).catch((error: unknown) => {
        console.error(`could not drop ${name}: ${String(error)}`);
      });
    }
    await admin.end({ timeout: 5 });
  }
}

interface Run {
  kind: Kind;
  label: string;
  output: ChildOutput;
}

const s = (x: number) => `${x.toFixed(1)} s`;
const ms = (x: number) => `${x.toFixed(1)} ms`;
const mb = (x: number) => `${Math.round(x)} MB`;
const n = (x: number) => x.toLocaleString("en");
const verdict = (ok: boolean) => (ok ? "OK" : "OVER");

function describe(run: Run, importRows: number, duplicates: number) {
  const { output: o, label } = run;
  console.log(`\n── ${label}: ${o.version ?? "?"}`);
  if (o.load) {
    console.log(`load: ${n(o.load.members)} members over ${n(o.load.units)} units — COPY ${s(o.load.copySeconds)}, indexes ${s(o.load.indexSeconds)}, vacuum analyze ${s(o.load.vacuumSeconds)}`);
  }
  if (o.search) {
    const r = o.search;
    console.log(`search: listMembers page 1 (50 rows, with total count) as the root admin, ${r.queries} queries × ${r.runs} runs after a warm-up pass`);
    console.log(`  p50 ${ms(r.p50)}  p95 ${ms(r.p95)}  max ${ms(r.max)} (“${r.slowest.q}”, ${r.slowest.kind})`);
    for (const k of r.byKind) console.log(`  ${k.kind.padEnd(24)} p50 ${ms(k.p50).padStart(9)}  p95 ${ms(k.p95).padStart(9)}  (median total matches ${n(k.medianTotal)})`);
  }
  if (o.searchNoJit) {
    const r = o.searchNoJit;
    console.log(`search again with jit = off (diagnostic; the server's default is what the target uses): p50 ${ms(r.p50)}  p95 ${ms(r.p95)}  max ${ms(r.max)}`);
    for (const k of r.byKind) console.log(`  ${k.kind.padEnd(24)} p50 ${ms(k.p50).padStart(9)}  p95 ${ms(k.p95).padStart(9)}`);
  }
  if (o.baseline) {
    const b = o.baseline;
    console.log(`baseline: parsing (openSpreadsheet, every row streamed and converted) ${s(b.parseSeconds)} + raw COPY ${s(b.tableCopySeconds)} of the ${n(b.tableCopyRows)} new rows into the members table (rolled back) = ${s(b.parseSeconds + b.tableCopySeconds)}`);
    console.log(`  for comparison: raw COPY of all ${n(b.validRows)} rows into an index-less copy of members ${s(b.copySeconds)} (parse + that = ${s(b.parseSeconds + b.copySeconds)})`);
    console.log(`  parse memory: rss ${mb(b.parseMemory.before)} before, peak ${mb(b.parseMemory.peak)} (+${mb(b.parseMemory.delta)}); kernel HWM ${b.parseMemory.peakHwm === null ? "n/a" : mb(b.parseMemory.peakHwm)}, sampled ${mb(b.parseMemory.peakSampled)}`);
    console.log(`  breakdown with the library's functions: parse ${s(b.parseSeconds)} (readSpreadsheet into one grid ${s(b.gridSeconds)}) · findHeader+suggestMapping ${s(b.headerMappingSeconds)} · applyMapping ${s(b.applyMappingSeconds)} · validateRows ${s(b.validateSeconds)} · COPY lines ${s(b.prepareSeconds)}`);
    console.log(`    lookups: ID (national_id = any of ${n(b.validRows)}) ${s(b.dedupeSeconds)} found ${n(b.existingIds)} · name+birth date (unnest join) ${s(b.personLookupSeconds)} found ${n(b.samePersonMatches)}`);
    if (b.invalidRows > 0) console.log(`  ${n(b.invalidRows)} rows had problems, e.g. ${b.firstProblems.join(" | ")}`);
  }
  if (o.import) {
    const i = o.import;
    const r = i.result;
    console.log(`import end to end into “${i.unit}”: startImport ${s(i.startSeconds)} + commitImport ${s(i.commitSeconds)} = ${s(i.totalSeconds)}`);
    console.log(`  result created ${n(r.created)}, updated ${n(r.updated)}, secondary ${n(r.secondary)}, skipped ${n(r.skipped)} (file: ${n(importRows)} rows, ${n(duplicates)} repeat existing members by ID)`);
    if (r.created !== importRows - duplicates || r.skipped !== duplicates) console.log(`  NOTE: expected created ${n(importRows - duplicates)} and skipped ${n(duplicates)}`);
    const m = i.memory;
    console.log(`  memory: rss ${mb(m.before)} before, peak ${mb(m.peak)} (+${mb(m.delta)}); kernel HWM ${m.peakHwm === null ? "n/a" : mb(m.peakHwm)}, sampled every 50 ms ${mb(m.peakSampled)}`);
  }
  for (const e of o.errors) console.log(`  ERROR ${e.split("\n")[0]}`);
}

function targets(run: Run): string[] {
  const { output: o, kind, label } = run;
  const lines: string[] = [];
  const tag = `[${label}]`;
  if (o.import && o.baseline) {
    // The raw COPY goes where the import's rows go: into the members table, with the indexes its
    // searches need. Into an index-less table is printed beside it, as a floor no import reaches.
    const base = o.baseline.parseSeconds + o.baseline.tableCopySeconds;
    const ratio = o.import.totalSeconds / base;
    const floor = o.baseline.parseSeconds + o.baseline.copySeconds;
    lines.push(
      `${tag} import ${s(o.import.totalSeconds)} / baseline ${s(base)} (parse ${s(o.baseline.parseSeconds)} + raw COPY into members ${s(o.baseline.tableCopySeconds)}) = ${ratio.toFixed(2)}× (target ≤ ${IMPORT_RATIO_TARGET}×) ${verdict(ratio <= IMPORT_RATIO_TARGET)}`,
      `${tag}   beside: / (parse + raw COPY into an index-less table ${s(o.baseline.copySeconds)}) ${s(floor)} = ${(o.import.totalSeconds / floor).toFixed(2)}×`,
    );
  } else lines.push(`${tag} import time vs baseline: not measured (${o.errors.map((e) => e.split("\n")[0]).join("; ") || "missing"})`);
  if (o.import) {
    const m = o.import.memory;
    if (kind === "postgres") {
      // The import's own memory: the rise of the process's rss over what it held before (node,
      // tsx and the loaded modules, the file's bytes), which an app server holds anyway.
      lines.push(
        `${tag} import peak memory ${mb(m.delta)} (rss rise of the import process, ${mb(m.before)} → ${mb(m.peak)}) / ${IMPORT_MEMORY_TARGET_MB} MB = ${(m.delta / IMPORT_MEMORY_TARGET_MB).toFixed(2)}× (target ≤ ${IMPORT_MEMORY_TARGET_MB} MB) ${verdict(m.delta <= IMPORT_MEMORY_TARGET_MB)}`,
      );
    } else {
      lines.push(
        `${tag} import memory rise ${mb(m.delta)} over the process with its in-memory database (${mb(m.before)} → ${mb(m.peak)}) / ${IMPORT_MEMORY_TARGET_MB} MB = ${(m.delta / IMPORT_MEMORY_TARGET_MB).toFixed(2)}× (target ≤ ${IMPORT_MEMORY_TARGET_MB} MB, set for PostgreSQL) ${verdict(m.delta <= IMPORT_MEMORY_TARGET_MB)}`,
      );
    }
  }
  if (o.search) {
    const target = SEARCH_P95_TARGET_MS[kind];
    lines.push(`${tag} search p95 ${ms(o.search.p95)} / ${target} ms = ${(o.search.p95 / target).toFixed(2)}× (target ≤ ${target} ms) ${verdict(o.search.p95 <= target)}`);
  } else lines.push(`${tag} search: not measured`);
  return lines;
}

async function main() {
  const args = new Set(process.argv.slice(2));
  const only = process.env.BENCH_ONLY;
  const wantPg = !args.has("--pglite-only") && only !== "pglite";
  const wantPglite = !args.has("--pg-only") && only !== "pg" && only !== "postgres";
  if (IMPORT_ROWS > 1_000_000 || MEMBERS > 1_000_000) throw new Error("at most 1,000,000 members and import rows (ID numbers are built from the index)");

  const { writeImportFile } = await import("./members-data");
  const fileName = `danh-sach-${IMPORT_ROWS}.xlsx`;
  const file = path.join(os.tmpdir(), "kn-bench-members", `import-${IMPORT_ROWS}-of-${MEMBERS}.xlsx`);
  let start = performance.now();
  const { duplicates, bytes } = await writeImportFile(file, IMPORT_ROWS, MEMBERS);
  console.log(
    `members bench: ${n(MEMBERS)} existing members; import file ${n(IMPORT_ROWS)} rows (${n(duplicates)} repeat existing members), ${(bytes / 1024 / 1024).toFixed(1)} MB, ready in ${s((performance.now() - start) / 1000)} (${file})`,
  );

  const runs: Run[] = [];
  const searchOnly = args.has("--search-only");
  const common = { members: MEMBERS, file, fileName, searchOnly };
  const pgAvailable = wantPg && (await serverAnswers(SERVER_URL));
  if (wantPg && !pgAvailable) console.log(`PostgreSQL: no server answers at ${SERVER_URL.replace(/:[^:@/]*@/, ":***@")}; skipped`);
  if (pgAvailable) {
    await withFreshDatabase(async (url, name) => {
      const label = "PostgreSQL";
      console.log(`\n${label}: fresh database ${name}`);
      const output: ChildOutput = { errors: [] };
      start = performance.now();
      console.log(`• setup and search (child process)`);
      const setup = await runChild({ phase: "setup", url, ...common });
      const none: ChildOutput = { errors: [] };
      if (!searchOnly) console.log(`• baseline: parse alone, raw COPY, breakdown (fresh child process)`);
      const base = searchOnly ? none : await runChild({ phase: "baseline", url, ...common });
      if (!searchOnly) console.log(`• import end to end (fresh child process)`);
      const imp = searchOnly ? none : await runChild({ phase: "import", url, ...common });
      Object.assign(output, { version: setup.version, load: setup.load, search: setup.search, searchNoJit: setup.searchNoJit, baseline: base.baseline, import: imp.import });
      output.errors = [...setup.errors, ...base.errors, ...imp.errors];
      runs.push({ kind: "postgres", label, output });
      console.log(`  (${s((performance.now() - start) / 1000)} on ${label})`);
    });
  }
  if (wantPglite) {
    const label = "PGlite (memory://)";
    console.log(`\n${label}: setup, search, baseline and import in one child process`);
    start = performance.now();
    const output = await runChild({ phase: "pglite", ...common });
    runs.push({ kind: "pglite", label, output });
    console.log(`  (${s((performance.now() - start) / 1000)} on ${label})`);
  }

  for (const run of runs) describe(run, IMPORT_ROWS, duplicates);
  console.log(`\nTargets (${n(IMPORT_ROWS)} import rows, ${n(MEMBERS)} existing members)`);
  for (const run of runs) for (const line of targets(run)) console.log(`  ${line}`);
}

if (process.argv.includes("--child")) {
  await child(JSON.parse(process.env.BENCH_CHILD ?? "{}") as ChildInput);
  process.exit(0);
} else {
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      console.error(`\n${signal}: stopping`);
      running?.kill("SIGKILL");
    });
  }
  try {
    await main();
  } catch (error) {
    console.error(error);
    process.exitCode = 1;
  }
}
