/**
 * The steps of the statistics benchmark (bench/stats.ts), each usable in the process that runs
 * it: building the million-member database with its aggregates and a year of lifecycle history,
 * timing the dashboard against the same figures counted on the fly, and the members bench's
 * import with the statistics triggers on or off.
 */
import { openAsBlob } from "node:fs";
import { open, readFile, rename } from "node:fs/promises";
import { performance } from "node:perf_hooks";
import type { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import type { DatabaseHandle, Db } from "@/lib/db/types";
import type { directDashboard as directDashboardType } from "@/lib/stats/direct";
import type { Dashboard } from "@/lib/stats/types";
import { todayInVietnam } from "@/lib/i18n/format";
import { duplicateIndex, existingMember, nameColumns, newPerson } from "./members-data";
import { type ImportReport, importEndToEnd, type LoadReport, loadMembers, type Log } from "./members-phases";

const seconds = (from: number) => (performance.now() - from) / 1000;

export function percentile(samples: number[], q: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

// ---------------------------------------------------------------------------------------------
// PGlite from a dump of its data directory

/** A PGlite database in memory, loaded from a tarball of `dumpDataDir` (lib/db/open's extensions). */
export async function openPgliteDump(file: string): Promise<DatabaseHandle> {
  const { PGlite } = await import("@electric-sql/pglite");
  const [{ ltree }, { pg_trgm }, { unaccent }, { btree_gist }] = await Promise.all([
    import("@electric-sql/pglite/contrib/ltree"),
    import("@electric-sql/pglite/contrib/pg_trgm"),
    import("@electric-sql/pglite/contrib/unaccent"),
    import("@electric-sql/pglite/contrib/btree_gist"),
  ]);
  const { drizzle } = await import("drizzle-orm/pglite");
  const schema = await import("@/db/schema");
  const client = await PGlite.create("memory://", { extensions: { ltree, pg_trgm, unaccent, btree_gist }, loadDataDir: await openAsBlob(file) });
  const db = drizzle({ client, schema }) as unknown as Db;
  return {
    db,
    kind: "pglite",
    async executeSql(text, values) {
      if (values && values.length > 0) return { rows: (await client.query<Record<string, unknown>>(text, values)).rows };
      const results = await client.exec(text);
      return { rows: (results.at(-1)?.rows ?? []) as Record<string, unknown>[] };
    },
    async close() {
      await client.close();
    },
  };
}

/** Writes the in-memory database to a tarball (after a checkpoint), streamed to disk. */
export async function dumpPglite(handle: DatabaseHandle, file: string): Promise<number> {
  const pg = (handle.db as unknown as { $client: PGlite }).$client;
  await pg.exec("checkpoint");
  const blob = await pg.dumpDataDir("none");
  const partial = `${file}.partial`;
  const out = await open(partial, "w");
  try {
    for await (const chunk of blob.stream() as unknown as AsyncIterable<Uint8Array>) await out.write(chunk);
  } finally {
    await out.close();
  }
  await rename(partial, file);
  return blob.size;
}

// ---------------------------------------------------------------------------------------------
// Building the database

export interface HistoryReport {
  days: number;
  first: string;
  last: string;
  transfers: number;
  exits: number;
  admissions: number;
  evaluations: number;
  seconds: number;
}

export interface BuildReport {
  load: LoadReport;
  /** The loaded members count from this day (the COPY bypasses the triggers). */
  countedSince: string;
  rebuildSeconds: number;
  history: HistoryReport;
  vacuumSeconds: number;
  /** Rows of the aggregate tables and of the versions afterwards. */
  tables: Record<string, number>;
  /** Current members by the root's aggregate and by count(*), which must agree. */
  check: { aggregate: number; counted: number };
}

export const LOADED_COUNTED_SINCE = "2020-01-01";

/**
 * Seeds the demo organisation, loads `count` members the way bench:members does (COPY with the
 * triggers off), counts them from LOADED_COUNTED_SINCE, fills the aggregates with stats_rebuild()
 * (timed), then plays out a year of lifecycle history through the triggers.
 */
export async function buildDatabase(handle: DatabaseHandle, count: number, log: Log): Promise<BuildReport> {
  const { seedDemo } = await import("@/db/seed/demo");
  let start = performance.now();
  await seedDemo(handle.db);
  log(`  demo organisation seeded in ${seconds(start).toFixed(1)} s`);
  // Loaded records count from a day in the past, so last year's figures are not empty; the default
  // (stat_day()) is back before anything else is written.
  await handle.executeSql(`alter table members alter column counted_since set default '${LOADED_COUNTED_SINCE}'::date`);
  let load: LoadReport;
  try {
    load = await loadMembers(handle, count, log);
  } finally {
    await handle.executeSql("alter table members alter column counted_since set default stat_day()");
  }
  // `truncate members cascade` fires no trigger: the demo members' versions stay behind (no
  // foreign key) and the aggregates still count them, until the rebuild below.
  await handle.executeSql("truncate member_versions");
  start = performance.now();
  await handle.executeSql("select stats_rebuild()");
  const rebuildSeconds = seconds(start);
  log(`  stats_rebuild() ${rebuildSeconds.toFixed(1)} s`);
  const history = await playHistory(handle, count, log);
  start = performance.now();
  for (const table of ["members", "member_events", "member_evaluations", "member_versions", "member_transfers", "member_stat_counts", "member_stat_changes", "member_stat_months", "member_flow_counts", "member_evaluation_counts"]) {
    await handle.executeSql(`vacuum analyze ${table}`);
  }
  const vacuumSeconds = seconds(start);
  const tables: Record<string, number> = {};
  for (const table of ["member_stat_counts", "member_stat_changes", "member_stat_months", "member_flow_counts", "member_evaluation_counts", "member_versions", "member_events"]) {
    const { rows } = await handle.executeSql(`select count(*)::int as n from ${table}`);
    tables[table] = Number(rows[0]?.n ?? 0);
  }
  const { rows: agg } = await handle.executeSql(
    "select coalesce(sum(c.n), 0)::int as n from member_stat_counts c join units u on u.id = c.unit_id where u.level = 0 and c.dim = 'status' and c.value in ('active', 'in_transit')",
  );
  const { rows: counted } = await handle.executeSql("select count(*)::int as n from members where status in ('active', 'in_transit')");
  return {
    load,
    countedSince: LOADED_COUNTED_SINCE,
    rebuildSeconds,
    history,
    vacuumSeconds,
    tables,
    check: { aggregate: Number(agg[0]?.n ?? 0), counted: Number(counted[0]?.n ?? 0) },
  };
}

const EXIT_KINDS = ["left", "left", "left", "left", "deceased", "deceased", "deceased", "matured_out", "matured_out", "removed"] as const;
const TRANSFERS_PER_DAY = 50;
const EXITS_PER_DAY = 25;
const ADMISSIONS_PER_DAY = 40;
/** Days of the 400 before today with changes (BENCH_HISTORY_DAYS): the dashboard reads a year of them. */
const HISTORY_DAYS = Number(process.env.BENCH_HISTORY_DAYS ?? 50);
/** Every how many active members one has an evaluation result, per year. */
const EVALUATED_ONE_IN = 50;

function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Hash-like but deterministic: a small LCG for picking units and kinds. */
function lcg(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1_664_525) + 1_013_904_223) >>> 0;
    return s / 2 ** 32;
  };
}

/**
 * About 50 days (BENCH_HISTORY_DAYS) spread over the 400 days before today, in order, each one transaction with
 * `SET LOCAL kn.stat_day` set to it: accepted transfers between random units, exits (left,
 * deceased, matured out, removed) and admissions of new young members, each with the event the
 * services write; and a year's evaluation results (one active member in 50) for each of the last
 * two years. Records the import file repeats are left alone, so the import decides as in bench:members.
 */
export async function playHistory(handle: DatabaseHandle, count: number, log: Log): Promise<HistoryReport> {
  const today = todayInVietnam();
  const start = performance.now();
  const { rows: unitRows } = await handle.executeSql("select id from units where active_to is null and level >= 2 order by code");
  const unitIds = unitRows.map((r) => String(r.id));
  const random = lcg(0x5747);
  // Existing members the import file repeats (by ID) stay as loaded; so do those loaded as former members.
  const avoid = new Set<number>();
  for (let j = 0; j < 1_000_000; j++) {
    const k = duplicateIndex(j, count);
    if (k !== null) avoid.add(k);
  }
  let cursor = 0;
  const nextMember = (): number => {
    for (;;) {
      const i = (cursor++ * 611_953 + 4_321) % count;
      if (cursor > count * 2) throw new Error("ran out of members to pick");
      if (avoid.has(i) || i % 50 >= 47) continue;
      avoid.add(i);
      return i;
    }
  };

  const year = Number(today.slice(0, 4));
  const evaluationDays = [`${year - 2}-12-20`, `${year - 1}-12-20`];
  const days = Array.from({ length: HISTORY_DAYS }, (_, k) => addDays(today, -400 + Math.floor((k * 399) / HISTORY_DAYS)));
  const plan = [...days.map((day) => ({ day, evaluate: null as number | null })), ...evaluationDays.map((day) => ({ day, evaluate: Number(day.slice(0, 4)) }))].sort(
    (a, b) => a.day.localeCompare(b.day) || (a.evaluate ?? 0) - (b.evaluate ?? 0),
  );

  const report: HistoryReport = { days: plan.length, first: plan[0]!.day, last: plan.at(-1)!.day, transfers: 0, exits: 0, admissions: 0, evaluations: 0, seconds: 0 };
  let admitted = 0;
  for (const { day, evaluate } of plan) {
    await handle.db.transaction(async (tx) => {
      await tx.execute(sql`select set_config('kn.stat_day', ${day}, true)`);
      if (evaluate !== null) {
        const result = await tx.execute(sql`
          with evaluated as (
            insert into member_evaluations (member_id, year, level, unit_id)
            select m.id, ${evaluate}::smallint,
              (array['excellent', 'good', 'good', 'completed', 'completed', 'completed', 'not_completed']::evaluation_level[])[1 + (hashtext(m.id::text || ${evaluate}::text) & 2147483647) % 7],
              m.unit_id
            from members m
            where m.status = 'active' and (hashtext(m.id::text) & 2147483647) % ${EVALUATED_ONE_IN} = ${evaluate % EVALUATED_ONE_IN}
            returning member_id, unit_id, year, level
          )
          insert into member_events (member_id, kind, occurred_on, unit_id, details)
          select member_id, 'evaluated', ${day}::date, unit_id, jsonb_build_object('year', year, 'level', level) from evaluated
          returning 1`);
        report.evaluations += rowCount(result);
        return;
      }
      // Accepted transfers: to another unit (anywhere), active there from the day.
      const moving = Array.from({ length: TRANSFERS_PER_DAY }, () => existingMember(nextMember()).nationalId);
      const destinations = moving.map(() => unitIds[Math.floor(random() * unitIds.length)]!);
      const moved = await tx.execute(sql`
        with moving as (
          select m.id, m.unit_id as origin, d.dest::uuid as dest
          from unnest(${sql.param(moving)}::text[], ${sql.param(destinations)}::text[]) as d(national_id, dest)
          join members m on m.national_id = d.national_id
          where m.status = 'active' and m.unit_id <> d.dest::uuid
        ), moved as (
          update members m set unit_id = moving.dest, status_since = ${day}::date, version = m.version + 1, updated_at = ${day}::timestamptz
          from moving where m.id = moving.id
          returning m.id, moving.origin, moving.dest
        ), transfers as (
          insert into member_transfers (member_id, from_unit_id, to_unit_id, status, reason, requested_at, decided_at)
          select id, origin, dest, 'accepted', 'bench', ${day}::timestamptz - interval '7 days', ${day}::timestamptz from moved
        )
        insert into member_events (member_id, kind, occurred_on, unit_id, other_unit_id)
        select id, 'transfer_accepted', ${day}::date, dest, origin from moved
        returning 1`);
      report.transfers += rowCount(moved);
      // Exits, each of its kind.
      const leaving = Array.from({ length: EXITS_PER_DAY }, () => existingMember(nextMember()).nationalId);
      const kinds = leaving.map(() => EXIT_KINDS[Math.floor(random() * EXIT_KINDS.length)]!);
      const exited = await tx.execute(sql`
        with leaving as (
          select m.id, m.unit_id, d.kind::member_status as kind
          from unnest(${sql.param(leaving)}::text[], ${sql.param(kinds)}::text[]) as d(national_id, kind)
          join members m on m.national_id = d.national_id
          where m.status = 'active'
        ), exited as (
          update members m set status = leaving.kind, status_since = ${day}::date, version = m.version + 1, updated_at = ${day}::timestamptz
          from leaving where m.id = leaving.id
          returning m.id, m.unit_id, leaving.kind
        )
        insert into member_events (member_id, kind, occurred_on, unit_id)
        select id, kind::text::member_event_kind, ${day}::date, unit_id from exited
        returning 1`);
      report.exits += rowCount(exited);
      // Admissions: young people (born 2000–2006, so neither an existing member nor anyone of the
      // import file by ID, or by name and birth date), counted from the day.
      const people = Array.from({ length: ADMISSIONS_PER_DAY }, () => admission(admitted++, day));
      const units = people.map(() => unitIds[Math.floor(random() * unitIds.length)]!);
      const column = <K extends keyof ReturnType<typeof admission>>(key: K) => people.map((p) => p[key]);
      const admittedRows = await tx.execute(sql`
        with admitted as (
          insert into members (full_name, name_folded, sort_key, birth_date, gender, ethnicity, religion, national_id, hometown, current_address, phone,
            education, occupation, joined_on, unit_id, status, status_since, created_at, updated_at)
          select p.full_name, p.name_folded, p.sort_key, p.birth_date::date, p.gender::gender, p.ethnicity, p.religion, p.national_id, p.hometown, p.current_address,
            p.phone, p.education, p.occupation, ${day}::date, p.unit_id::uuid, 'active', ${day}::date, ${day}::timestamptz, ${day}::timestamptz
          from unnest(${sql.param(column("fullName"))}::text[], ${sql.param(column("folded"))}::text[], ${sql.param(column("sortKey"))}::text[], ${sql.param(column("birthDate"))}::text[], ${sql.param(column("gender"))}::text[],
            ${sql.param(column("ethnicity"))}::text[], ${sql.param(column("religion"))}::text[], ${sql.param(column("nationalId"))}::text[], ${sql.param(column("hometown"))}::text[], ${sql.param(column("currentAddress"))}::text[],
            ${sql.param(column("phone"))}::text[], ${sql.param(column("education"))}::text[], ${sql.param(column("occupation"))}::text[], ${sql.param(units)}::text[])
            as p(full_name, name_folded, sort_key, birth_date, gender, ethnicity, religion, national_id, hometown, current_address, phone, education, occupation, unit_id)
          returning id, unit_id
        )
        insert into member_events (member_id, kind, occurred_on, unit_id)
        select id, 'admitted', ${day}::date, unit_id from admitted
        returning 1`);
      report.admissions += rowCount(admittedRows);
    });
  }
  report.seconds = seconds(start);
  log(
    `  history: ${report.days} days ${report.first} … ${report.last}: ${report.transfers} transfers, ${report.exits} exits, ${report.admissions} admissions, ${report.evaluations} evaluations in ${report.seconds.toFixed(1)} s`,
  );
  return report;
}

function rowCount(result: unknown): number {
  if (Array.isArray(result)) return result.length;
  const rows = (result as { rows?: unknown[] }).rows;
  return Array.isArray(rows) ? rows.length : 0;
}

/** New member number k, admitted on `day`: born 2000–2006, ID numbers of that century (digit 4 is 2 or 3). */
function admission(k: number, day: string) {
  const p = newPerson(500_000 + k);
  const year = 2000 + (k % 7);
  const birthDate = `${year}${p.birthDate.slice(4)}`;
  const centurySex = p.gender === "female" ? 3 : 2;
  const [folded, sortKey] = nameColumns(p.fullName);
  return {
    fullName: p.fullName,
    folded,
    sortKey,
    birthDate,
    gender: p.gender,
    ethnicity: p.ethnicity,
    religion: p.religion,
    nationalId: `${p.nationalId.slice(0, 3)}${centurySex}${String(year % 100).padStart(2, "0")}${String(k % 1_000_000).padStart(6, "0")}`,
    hometown: p.hometown,
    currentAddress: p.currentAddress,
    // Some new records lack a phone, as registers do.
    phone: k % 5 === 0 ? null : `03${String(k).padStart(8, "0")}`,
    education: p.education,
    occupation: "Sinh viên",
    joinedOn: day,
  };
}

// ---------------------------------------------------------------------------------------------
// Import with the statistics triggers on or off

/** The statistics triggers the import can fire: on members and their events (evaluations are not written by an import). */
export const IMPORT_STATS_TRIGGERS: [table: string, trigger: string][] = [
  ["members", "stats_members_versioned"],
  ["members", "stats_members_inserted"],
  ["members", "stats_members_updated"],
  ["members", "stats_members_deleted"],
  ["member_events", "stats_events_inserted"],
  ["member_events", "stats_events_deleted"],
];

export async function setStatsTriggers(handle: DatabaseHandle, enabled: boolean) {
  for (const [table, trigger] of IMPORT_STATS_TRIGGERS) {
    await handle.executeSql(`alter table ${table} ${enabled ? "enable" : "disable"} trigger ${trigger}`);
  }
}

export interface FunctionTime {
  name: string;
  calls: number;
  totalMs: number;
  selfMs: number;
}

export interface StatsImportReport {
  triggers: boolean;
  import: ImportReport;
  /** Rows the aggregates gained (member_stat_changes, today) and the root's current members after. */
  aggregateRows: number;
  rootMembers: number;
  /** pg_stat_user_functions for stats_* (track_functions = 'pl'), when the server reports them. */
  functions: FunctionTime[];
  /** The machine's 1-minute load average before and after (set by the parent). */
  load?: [number, number];
  /** BENCH_IMPORT_SQL, when a change was tried. */
  trial?: string;
}

/** The members bench's import end to end, with the statistics triggers as asked (on a copy of the database: the change stays there). */
export async function importWithTriggers(handle: DatabaseHandle, enabled: boolean, file: string, fileName: string, log: Log): Promise<StatsImportReport> {
  // A change to the statistics SQL to try (BENCH_IMPORT_SQL), on this copy only.
  const trial = process.env.BENCH_IMPORT_SQL;
  if (trial) await handle.executeSql(await readFile(trial, "utf8"));
  if (!enabled) await setStatsTriggers(handle, false);
  if (handle.kind === "pglite") await handle.executeSql("set track_functions = 'pl'");
  const { rows: before } = await handle.executeSql("select count(*)::int as n from member_stat_changes");
  const report = await importEndToEnd(handle, file, fileName, log);
  const { rows: after } = await handle.executeSql("select count(*)::int as n from member_stat_changes");
  const { rows: root } = await handle.executeSql(
    "select coalesce(sum(c.n), 0)::int as n from member_stat_counts c join units u on u.id = c.unit_id where u.level = 0 and c.dim = 'status' and c.value in ('active', 'in_transit')",
  );
  const functions = handle.kind === "pglite" ? await functionTimes(handle) : [];
  return {
    triggers: enabled,
    trial,
    import: report,
    aggregateRows: Number(after[0]?.n ?? 0) - Number(before[0]?.n ?? 0),
    rootMembers: Number(root[0]?.n ?? 0),
    functions,
  };
}

export async function functionTimes(handle: DatabaseHandle): Promise<FunctionTime[]> {
  const { rows } = await handle.executeSql(
    "select funcname, calls::int as calls, total_time::float8 as total, self_time::float8 as self from pg_stat_user_functions where funcname like 'stat%' order by total_time desc",
  );
  return rows.map((r) => ({ name: String(r.funcname), calls: Number(r.calls), totalMs: Number(r.total), selfMs: Number(r.self) }));
}

// ---------------------------------------------------------------------------------------------
// Dashboard against the on-the-fly count

export interface Timing {
  runs: number;
  p50: number;
  p95: number;
  min: number;
  max: number;
}

function timing(samples: number[]): Timing {
  return { runs: samples.length, p50: percentile(samples, 0.5), p95: percentile(samples, 0.95), min: Math.min(...samples), max: Math.max(...samples) };
}

export interface UnitTiming {
  unit: string;
  code: string;
  level: number;
  members: number;
  children: number;
  dashboard: Timing;
  /** directDashboard (lib/stats/direct.ts): the unit's own figures, now and a year ago, flows and evaluations. */
  direct: Timing | null;
  /** Figures of the dashboard that differ from the direct count (empty: all equal). */
  mismatches: string[];
  compared: number;
}

export interface DashboardReport {
  /** The machine's 1-minute load average before and after (set by the parent). */
  load?: [number, number];
  actor: string;
  asOf: string;
  root: UnitTiming;
  province: UnitTiming;
}

/**
 * statsDashboard for the root unit and for Hà Nội, as the central leader (demo account
 * "lanhdao"): `warmUp` untimed calls, then `runs` timed ones; then directDashboard of the same
 * unit and period `directRuns` times (after one untimed call), and the two compared figure by figure.
 */
export async function dashboardBench(handle: DatabaseHandle, log: Log, runs: number, directRuns: number, warmUp = 3): Promise<DashboardReport> {
  const { statsDashboard } = await import("@/lib/stats/dashboard");
  const { directDashboard } = await import("@/lib/stats/direct");
  const { resolvePeriod } = await import("@/lib/stats/period");
  const { loadActor } = await import("@/lib/auth/load-actor");
  const { rows: userRows } = await handle.executeSql("select id, session_version from users where username = 'lanhdao'");
  const user = userRows[0];
  if (!user) throw new Error("no lanhdao user: was the demo seeded?");
  const actor = await loadActor(handle.db, { userId: String(user.id), sessionVersion: Number(user.session_version) });
  if (!actor) throw new Error("lanhdao gives no actor");
  const { rows: provinceRows } = await handle.executeSql("select id from units where code = 'HA-NOI'");
  const province = String(provinceRows[0]?.id);

  const measure = async (unitId: string | undefined): Promise<UnitTiming> => {
    const query = unitId ? { unitId } : {};
    let dashboard = await statsDashboard(handle.db, actor, query);
    for (let i = 1; i < warmUp; i++) await statsDashboard(handle.db, actor, query);
    const samples: number[] = [];
    for (let i = 0; i < runs; i++) {
      const start = performance.now();
      dashboard = await statsDashboard(handle.db, actor, query);
      samples.push(performance.now() - start);
    }
    const label = `${dashboard.unit.name} (${dashboard.unit.code})`;
    log(`  dashboard ${label}: p50 ${percentile(samples, 0.5).toFixed(1)} ms, p95 ${percentile(samples, 0.95).toFixed(1)} ms over ${runs} runs`);
    const period = resolvePeriod({});
    let direct: Timing | null = null;
    let mismatches: string[] = [];
    let compared = 0;
    if (directRuns > 0) {
      const counted = await directDashboard(handle.db, dashboard.unit.id, period);
      const directSamples: number[] = [];
      for (let i = 0; i < directRuns; i++) {
        const start = performance.now();
        await directDashboard(handle.db, dashboard.unit.id, period);
        directSamples.push(performance.now() - start);
      }
      direct = timing(directSamples);
      log(`  on the fly ${label}: p50 ${direct.p50.toFixed(0)} ms over ${directRuns} runs`);
      ({ mismatches, compared } = compareFigures(dashboard, counted));
    }
    return {
      unit: dashboard.unit.name,
      code: dashboard.unit.code,
      level: dashboard.unit.level,
      members: dashboard.figures.members.count,
      children: dashboard.children.length,
      dashboard: timing(samples),
      direct,
      mismatches,
      compared,
    };
  };
  const root = await measure(undefined);
  const provincial = await measure(province);
  return { actor: "lanhdao", asOf: resolvePeriod({}).asOf, root, province: provincial };
}

type Direct = Awaited<ReturnType<typeof directDashboardType>>;

/** Every figure of the dashboard's own unit against the direct count: which differ, and how many were compared. */
export function compareFigures(dashboard: Dashboard, direct: Direct): { mismatches: string[]; compared: number } {
  const out: string[] = [];
  let compared = 0;
  const check = (what: string, shown: number, counted: number) => {
    compared++;
    if (shown !== counted) out.push(`${what}: dashboard ${shown}, direct ${counted}`);
  };
  const f = dashboard.figures;
  check("members", f.members.count, direct.now.members);
  check("members last year", f.members.lastYear, direct.lastYear.members);
  for (const [status, c] of Object.entries(f.byStatus)) {
    check(`status ${status}`, c.count, direct.now.byStatus[status as keyof typeof direct.now.byStatus] ?? 0);
    check(`status ${status} last year`, c.lastYear, direct.lastYear.byStatus[status as keyof typeof direct.lastYear.byStatus] ?? 0);
  }
  for (const [key, rows] of Object.entries(f.breakdowns)) {
    const now = direct.now.breakdowns[key] ?? {};
    const before = direct.lastYear.breakdowns[key] ?? {};
    const shown = new Set(rows.map((r) => r.key));
    for (const row of rows) {
      check(`${key} "${row.key}"`, row.count, now[row.key] ?? 0);
      check(`${key} "${row.key}" last year`, row.lastYear, before[row.key] ?? 0);
    }
    for (const [value, n] of [...Object.entries(now), ...Object.entries(before)]) {
      if (!shown.has(value) && n !== 0) check(`${key} "${value}" (not shown)`, 0, n);
    }
  }
  for (const [q, c] of Object.entries(f.quality)) {
    check(`quality ${q}`, c.count, direct.now.quality[q as keyof typeof direct.now.quality]);
    check(`quality ${q} last year`, c.lastYear, direct.lastYear.quality[q as keyof typeof direct.lastYear.quality]);
  }
  for (const [kind, c] of Object.entries(dashboard.flows.totals)) {
    check(`flow ${kind}`, c.count, direct.flows[kind as keyof typeof direct.flows]);
    check(`flow ${kind} last year`, c.lastYear, direct.lastYearFlows[kind as keyof typeof direct.lastYearFlows]);
  }
  for (const year of dashboard.evaluations.years) {
    const counted = direct.evaluations.get(year.year);
    for (const [level, n] of Object.entries(year.counts)) check(`evaluations ${year.year} ${level}`, n, counted?.[level as keyof typeof counted] ?? 0);
  }
  return { mismatches: out, compared };
}
