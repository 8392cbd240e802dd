import { sql } from "drizzle-orm";
import { NotFoundError } from "@/lib/auth/errors";
import { inScope, requirePermission, type Scope } from "@/lib/auth/guard";
import type { Actor } from "@/lib/auth/actor";
import type { Db } from "@/lib/db";
import { queryRows } from "@/lib/db/sql";
import { compareUnitNames } from "@/lib/org/sort";
import { ageBand, membershipBand, monthsBetween, nextMonthStart, resolvePeriod, splitByMonth, type MonthSplit, type Period } from "./period";
import {
  AGE_BANDS,
  EVALUATION_LEVELS,
  FLOW_KINDS,
  MEMBER_STATUSES,
  MEMBERSHIP_YEAR_BANDS,
  QUALITY_CHECKS,
  type BreakdownKey,
  type BreakdownRow,
  type ChildRow,
  type Compared,
  type Dashboard,
  type DashboardQuery,
  type EvaluationFigures,
  type EvaluationLevelKey,
  type FlowFigures,
  type FlowKind,
  type MemberFigures,
  type QualityCheck,
  type UnitRef,
} from "./types";

/**
 * The leadership dashboard of one unit the user may see: read from the aggregates the database
 * keeps (db/schema/stats.ts), a few hundred rows whatever the size of the subtree. A day's figure
 * is today's count minus the changes made after that day.
 */
export async function statsDashboard(db: Db, actor: Actor | null, query: DashboardQuery): Promise<Dashboard> {
  const scope = requirePermission(actor, "stats.read");
  const period = resolvePeriod(query);
  const unit = await findStatsUnit(db, scope, query.unitId);
  const children = await childUnits(db, unit.id, period.asOf);
  const ids = [unit.id, ...children.map((c) => c.id)];
  const [breadcrumb, own, childCounts, flows, evaluations] = await Promise.all([
    ancestorsInScope(db, scope, unit.id),
    readCounts(db, [unit.id], null, period),
    readCounts(db, children.map((c) => c.id), CHILD_DIMS, period),
    readFlows(db, ids, period),
    readEvaluations(db, unit.id),
  ]);
  const counts = new Map([...childCounts, ...own]);
  return {
    unit,
    breadcrumb,
    figures: memberFigures(counts.get(unit.id) ?? [], period),
    flows: flowFigures(flows.filter((f) => f.unit_id === unit.id), period),
    evaluations,
    children: children.map((child) => childRow(child, counts.get(child.id) ?? [], flows.filter((f) => f.unit_id === child.id))),
  };
}

// ---------------------------------------------------------------------------------------------
// Units

interface UnitDbRow {
  id: string;
  name: string;
  code: string;
  level: number;
  active_to: string | null;
}

const unitRef = (r: UnitDbRow): UnitRef => ({ id: r.id, name: r.name, code: r.code, level: Number(r.level), activeTo: r.active_to });
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The unit asked for, or the highest the user may see; anything outside the scope is "not found". */
export async function findStatsUnit(db: Db, scope: Scope, unitId: string | undefined): Promise<UnitRef> {
  if (unitId !== undefined && !UUID.test(unitId)) throw new NotFoundError();
  const where = unitId ? sql`u.id = ${unitId}::uuid` : sql`u.path = ${scope.paths[0]!}::ltree`;
  const [row] = await queryRows<UnitDbRow>(
    db,
    sql`select u.id, u.name, u.code, u.level, u.active_to::text as active_to from units u where ${where} and ${inScope(sql`u.path`, scope)} limit 1`,
  );
  if (!row) throw new NotFoundError();
  return unitRef(row);
}

async function ancestorsInScope(db: Db, scope: Scope, unitId: string): Promise<UnitRef[]> {
  const rows = await queryRows<UnitDbRow>(
    db,
    sql`select a.id, a.name, a.code, a.level, a.active_to::text as active_to
        from units u join units a on a.path @> u.path and a.id <> u.id
        where u.id = ${unitId}::uuid and ${inScope(sql`a.path`, scope)}
        order by nlevel(a.path)`,
  );
  return rows.map(unitRef);
}

/** Children that existed on the day: created by then and not yet dissolved. */
async function childUnits(db: Db, unitId: string, asOf: string): Promise<UnitRef[]> {
  const rows = await queryRows<UnitDbRow>(
    db,
    sql`select id, name, code, level, active_to::text as active_to from units
        where parent_id = ${unitId}::uuid and active_from <= ${asOf}::date and (active_to is null or active_to >= ${asOf}::date)`,
  );
  return rows.map(unitRef).sort((a, b) => compareUnitNames(a.name, b.name) || a.code.localeCompare(b.code));
}

// ---------------------------------------------------------------------------------------------
// Member counts

interface CountRow {
  unit_id: string;
  dim: string;
  value: string;
  n: number;
  last_year: number;
}

/** The dimensions a child's row needs (the unit itself gets them all): a year of their changes is small. */
const CHILD_DIMS = ["status", "gender", "quality"];

/**
 * Counts of the units on the day and the same day last year, every dimension or only those
 * named. The unit and its children are read apart: each read then seeks exactly its rows in the
 * covering indexes (drizzle/0021).
 */
async function readCounts(db: Db, unitIds: string[], dims: string[] | null, period: Period): Promise<Map<string, CountRow[]>> {
  if (unitIds.length === 0) return new Map();
  const units = sql.join(unitIds.map((id) => sql`${id}::uuid`), sql`, `);
  const wanted = (alias: string) => {
    const t = sql.raw(alias);
    return dims ? sql`${t}.unit_id in (${units}) and ${t}.dim in (${sql.join(dims.map((d) => sql`${d}`), sql`, `)})` : sql`${t}.unit_id in (${units})`;
  };
  const asOf = sql`${period.asOf}::date`;
  const lastYear = sql`${period.lastYearAsOf}::date`;
  const afterAsOfMonth = nextMonthStart(period.asOf);
  const afterLastYearMonth = nextMonthStart(period.lastYearAsOf);
  // The changes after a day: the whole months after its month, and its month's days after it.
  // One pass gives both sums (after the as-of day, after the same day last year).
  const rows = await queryRows<CountRow>(
    db,
    sql`select c.unit_id, c.dim, c.value,
               (c.n - coalesce(ch.after_as_of, 0))::int as n,
               (c.n - coalesce(ch.after_last_year, 0))::int as last_year
        from member_stat_counts c
        left join (
          select unit_id, dim, value, sum(after_as_of) as after_as_of, sum(after_last_year) as after_last_year
          from (
            select m.unit_id, m.dim, m.value, case when m.month >= ${afterAsOfMonth}::date then m.delta else 0 end as after_as_of, m.delta as after_last_year
            from member_stat_months m
            where ${wanted("m")} and m.month >= ${afterLastYearMonth}::date
            union all
            select d.unit_id, d.dim, d.value, case when d.day > ${asOf} then d.delta else 0 end, d.delta
            from member_stat_changes d
            where ${wanted("d")} and d.day > ${lastYear} and d.day < ${afterLastYearMonth}::date
            ${
              // The as-of day's own month, when it is not last year's (whose days are read above).
              afterAsOfMonth === afterLastYearMonth
                ? sql``
                : sql`union all
                      select d.unit_id, d.dim, d.value, d.delta, 0
                      from member_stat_changes d
                      where ${wanted("d")} and d.day > ${asOf} and d.day < ${afterAsOfMonth}::date`
            }
          ) x
          group by 1, 2, 3
        ) ch using (unit_id, dim, value)
        where ${wanted("c")}`,
  );
  const byUnit = new Map<string, CountRow[]>();
  for (const row of rows) {
    const list = byUnit.get(row.unit_id) ?? [];
    list.push({ ...row, n: Number(row.n), last_year: Number(row.last_year) });
    byUnit.set(row.unit_id, list);
  }
  return byUnit;
}

const zero = (): Compared => ({ count: 0, lastYear: 0 });
const QUALITY_VALUE: Record<QualityCheck, string> = { noNationalId: "no_national_id", noBirthDate: "no_birth_date", noPhone: "no_phone" };

function memberFigures(rows: CountRow[], period: Period): MemberFigures {
  const byStatus = Object.fromEntries(MEMBER_STATUSES.map((s) => [s, zero()])) as MemberFigures["byStatus"];
  const quality = Object.fromEntries(QUALITY_CHECKS.map((q) => [q, zero()])) as MemberFigures["quality"];
  const grouped = new Map<BreakdownKey, Map<string, Compared>>();
  const add = (key: BreakdownKey, value: string, row: CountRow) => {
    const map = grouped.get(key) ?? new Map<string, Compared>();
    const entry = map.get(value) ?? zero();
    entry.count += row.n;
    entry.lastYear += row.last_year;
    map.set(value, entry);
    grouped.set(key, map);
  };
  const asOfYear = Number(period.asOf.slice(0, 4));
  const lastYear = Number(period.lastYearAsOf.slice(0, 4));
  for (const row of rows) {
    switch (row.dim) {
      case "status":
        if (row.value in byStatus) {
          byStatus[row.value as keyof typeof byStatus].count += row.n;
          byStatus[row.value as keyof typeof byStatus].lastYear += row.last_year;
        }
        break;
      case "quality":
        for (const check of QUALITY_CHECKS) {
          if (QUALITY_VALUE[check] === row.value) {
            quality[check].count += row.n;
            quality[check].lastYear += row.last_year;
          }
        }
        break;
      case "birth_year":
      case "joined_year": {
        // A year's members fall in one band now and perhaps another a year ago: each side on its own.
        const year = row.value === "" ? null : Number(row.value);
        const band = row.dim === "birth_year" ? ageBand : membershipBand;
        const key: BreakdownKey = row.dim === "birth_year" ? "ageBand" : "membershipYears";
        add(key, band(year, asOfYear), { ...row, last_year: 0 });
        add(key, band(year, lastYear), { ...row, n: 0 });
        break;
      }
      case "gender":
      case "ethnicity":
      case "religion":
      case "education":
        add(row.dim, row.value, row);
        break;
    }
  }
  const ordered = (key: BreakdownKey): BreakdownRow[] => {
    const map = grouped.get(key) ?? new Map<string, Compared>();
    const fixed: readonly string[] | null = key === "ageBand" ? AGE_BANDS : key === "membershipYears" ? MEMBERSHIP_YEAR_BANDS : key === "gender" ? ["female", "male", ""] : null;
    if (fixed) return fixed.map((k) => ({ key: k, ...(map.get(k) ?? zero()) })).filter((r) => r.key !== "" || r.count > 0 || r.lastYear > 0);
    // Recorded texts: most members first, "not recorded" last.
    return [...map]
      .map(([k, v]) => ({ key: k, ...v }))
      .filter((r) => r.count > 0 || r.lastYear > 0)
      .sort((a, b) => Number(a.key === "") - Number(b.key === "") || b.count - a.count || compareUnitNames(a.key, b.key));
  };
  return {
    asOf: period.asOf,
    lastYearAsOf: period.lastYearAsOf,
    members: { count: byStatus.active.count + byStatus.in_transit.count, lastYear: byStatus.active.lastYear + byStatus.in_transit.lastYear },
    byStatus,
    breakdowns: {
      gender: ordered("gender"),
      ageBand: ordered("ageBand"),
      ethnicity: ordered("ethnicity"),
      religion: ordered("religion"),
      education: ordered("education"),
      membershipYears: ordered("membershipYears"),
    },
    quality,
  };
}

// ---------------------------------------------------------------------------------------------
// Flows and evaluations

interface FlowRow {
  unit_id: string;
  kind: string;
  month: string;
  current: number;
  last_year: number;
}

/** The kinds the triggers write (member_flow_counts.kind) and their names here. */
const FLOW_KIND_OF: Record<string, FlowKind> = {
  admitted: "admitted",
  transfer_in: "transferIn",
  transfer_out: "transferOut",
  matured_out: "maturedOut",
  left: "left",
  removed: "removed",
  expelled: "expelled",
  deceased: "deceased",
};

/**
 * Each unit's steps per kind and month, in the period and in the same period a year earlier. A
 * period's whole months come from the month sums, its first and last days from the days'.
 */
async function readFlows(db: Db, ids: string[], period: Period): Promise<FlowRow[]> {
  const current = splitByMonth(period.from, period.to);
  const lastYear = splitByMonth(period.lastYearFrom, period.lastYearTo);
  const inMonths = (split: MonthSplit) => (split.months ? sql`(month >= ${split.months[0]}::date and month < ${split.months[1]}::date)` : sql`false`);
  const inDays = (split: MonthSplit) =>
    split.days.length === 0 ? sql`false` : sql`(${sql.join(split.days.map(([a, b]) => sql`day between ${a}::date and ${b}::date`), sql` or `)})`;
  const units = sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `);
  const rows = await queryRows<FlowRow>(
    db,
    sql`select unit_id, kind, to_char(month, 'YYYY-MM') as month,
               coalesce(sum(n) filter (where in_current), 0)::int as current,
               coalesce(sum(n) filter (where in_last_year), 0)::int as last_year
        from (
          select unit_id, kind, month, n, ${inMonths(current)} as in_current, ${inMonths(lastYear)} as in_last_year
          from member_flow_months
          where unit_id in (${units}) and (${inMonths(current)} or ${inMonths(lastYear)})
          union all
          select unit_id, kind, date_trunc('month', day)::date, n, ${inDays(current)}, ${inDays(lastYear)}
          from member_flow_counts
          where unit_id in (${units}) and (${inDays(current)} or ${inDays(lastYear)})
        ) x
        group by 1, 2, 3`,
  );
  return rows.map((r) => ({ ...r, current: Number(r.current), last_year: Number(r.last_year) }));
}

const emptyFlows = (): Record<FlowKind, number> => Object.fromEntries(FLOW_KINDS.map((k) => [k, 0])) as Record<FlowKind, number>;

/** "Left" counts every way out but maturing: leaving, removal, expulsion, death (each also on its own). */
function addFlow(counts: Record<FlowKind, number>, kind: FlowKind, n: number) {
  counts[kind] += n;
  if (kind === "removed" || kind === "expelled" || kind === "deceased") counts.left += n;
}

function flowFigures(rows: FlowRow[], period: Period): FlowFigures {
  const current = emptyFlows();
  const lastYear = emptyFlows();
  const months = new Map(monthsBetween(period.from, period.to).map((m) => [m, emptyFlows()]));
  for (const row of rows) {
    const kind = FLOW_KIND_OF[row.kind];
    if (!kind) continue;
    addFlow(current, kind, row.current);
    addFlow(lastYear, kind, row.last_year);
    const month = months.get(row.month);
    if (month && row.current) addFlow(month, kind, row.current);
  }
  return {
    from: period.from,
    to: period.to,
    lastYearFrom: period.lastYearFrom,
    lastYearTo: period.lastYearTo,
    totals: Object.fromEntries(FLOW_KINDS.map((k) => [k, { count: current[k], lastYear: lastYear[k] }])) as FlowFigures["totals"],
    months: [...months].map(([month, counts]) => ({ month, counts })),
  };
}

const EVALUATION_YEARS = 5;

async function readEvaluations(db: Db, unitId: string): Promise<EvaluationFigures> {
  const rows = await queryRows<{ year: number; level: EvaluationLevelKey; n: number }>(
    db,
    sql`select year, level::text as level, n from member_evaluation_counts
        where unit_id = ${unitId}::uuid and n <> 0
          and year in (select distinct year from member_evaluation_counts where unit_id = ${unitId}::uuid and n <> 0 order by year desc limit ${EVALUATION_YEARS})`,
  );
  const years = new Map<number, EvaluationFigures["years"][number]>();
  for (const row of rows) {
    const year = Number(row.year);
    const entry = years.get(year) ?? { year, total: 0, counts: Object.fromEntries(EVALUATION_LEVELS.map((l) => [l, 0])) as Record<EvaluationLevelKey, number> };
    entry.counts[row.level] += Number(row.n);
    entry.total += Number(row.n);
    years.set(year, entry);
  }
  return { years: [...years.values()].sort((a, b) => b.year - a.year) };
}

function childRow(unit: UnitRef, counts: CountRow[], flows: FlowRow[]): ChildRow {
  const value = (dim: string, v: string, field: "n" | "last_year") => counts.filter((c) => c.dim === dim && c.value === v).reduce((s, c) => s + c[field], 0);
  const flowCounts = emptyFlows();
  for (const row of flows) {
    const kind = FLOW_KIND_OF[row.kind];
    if (kind) addFlow(flowCounts, kind, row.current);
  }
  return {
    unit,
    members: {
      count: value("status", "active", "n") + value("status", "in_transit", "n"),
      lastYear: value("status", "active", "last_year") + value("status", "in_transit", "last_year"),
    },
    female: value("gender", "female", "n"),
    flows: flowCounts,
    quality: Object.fromEntries(QUALITY_CHECKS.map((q) => [q, value("quality", QUALITY_VALUE[q], "n")])) as Record<QualityCheck, number>,
  };
}
