import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { queryRows } from "@/lib/db/sql";
import { ageBand, membershipBand, type Period } from "./period";
import { FLOW_KINDS, MEMBER_STATUSES, QUALITY_CHECKS, type EvaluationLevelKey, type FlowKind, type MemberStatusKey, type QualityCheck } from "./types";

/**
 * The dashboard's figures counted straight from the records, with GROUP BY at the time of asking:
 * what the aggregates must equal (tests/stats) and what they are measured against (bench/stats.ts).
 * It shares nothing with the triggers but the definitions: a record is counted on day D as it
 * stood then (members.counted_since ≤ D, or a member_versions row covering D), under the unit its
 * own unit's members count under now (stat_unit: a merged unit's successor), in today's tree.
 * Exact for any day after which no unit was moved or merged; before such a change the aggregates
 * keep the figures the register showed, which today's tree no longer tells.
 */

/** Units with the path their members count under (a merged unit's successor's path). */
const EFFECTIVE_PATHS = sql`select u.id, e.path from units u join units e on e.id = stat_unit(u.id)`;

function recordsOn(day: string): SQL {
  return sql`
    select m.unit_id, m.status::text as status, m.gender::text as gender, extract(year from m.birth_date)::int as birth_year,
           m.ethnicity, m.religion, m.education, extract(year from m.joined_on)::int as joined_year,
           coalesce(btrim(m.national_id), '') <> '' as has_national_id, m.birth_date is not null as has_birth_date,
           coalesce(btrim(m.phone), '') <> '' as has_phone
    from members m where m.counted_since <= ${day}::date
    union all
    select v.unit_id, v.status::text, v.gender::text, v.birth_year, v.ethnicity, v.religion, v.education, v.joined_year,
           v.has_national_id, v.has_birth_date, v.has_phone
    from member_versions v where v.valid_from <= ${day}::date and v.valid_to > ${day}::date`;
}

export interface DirectMemberCounts {
  byStatus: Record<MemberStatusKey, number>;
  members: number;
  /** Breakdown key → value → count, as MemberFigures.breakdowns (bands for age and years of membership). */
  breakdowns: Record<string, Record<string, number>>;
  quality: Record<QualityCheck, number>;
}

/** Every record of the unit's subtree as it stood at the end of `day`, counted. */
export async function directMemberCounts(db: Db, unitId: string, day: string): Promise<DirectMemberCounts> {
  const rows = await queryRows<{
    status: MemberStatusKey;
    gender: string | null;
    birth_year: number | null;
    ethnicity: string | null;
    religion: string | null;
    education: string | null;
    joined_year: number | null;
    no_id: number;
    no_birth: number;
    no_phone: number;
    n: number;
  }>(
    db,
    sql`with eff as (${EFFECTIVE_PATHS}), target as (select path from units where id = ${unitId}::uuid)
        select r.status, r.gender, r.birth_year, nullif(btrim(r.ethnicity), '') as ethnicity, nullif(btrim(r.religion), '') as religion,
               nullif(btrim(r.education), '') as education, r.joined_year,
               count(*) filter (where not r.has_national_id)::int as no_id, count(*) filter (where not r.has_birth_date)::int as no_birth,
               count(*) filter (where not r.has_phone)::int as no_phone, count(*)::int as n
        from (${recordsOn(day)}) r
        join eff on eff.id = r.unit_id
        where eff.path <@ (select path from target)
        group by 1, 2, 3, 4, 5, 6, 7`,
  );
  const year = Number(day.slice(0, 4));
  const byStatus = Object.fromEntries(MEMBER_STATUSES.map((s) => [s, 0])) as Record<MemberStatusKey, number>;
  const quality = Object.fromEntries(QUALITY_CHECKS.map((q) => [q, 0])) as Record<QualityCheck, number>;
  const breakdowns: Record<string, Record<string, number>> = { gender: {}, ageBand: {}, ethnicity: {}, religion: {}, education: {}, membershipYears: {} };
  const add = (key: string, value: string, n: number) => {
    breakdowns[key]![value] = (breakdowns[key]![value] ?? 0) + n;
  };
  for (const r of rows) {
    const n = Number(r.n);
    byStatus[r.status] += n;
    if (r.status !== "active" && r.status !== "in_transit") continue;
    add("gender", r.gender ?? "", n);
    add("ageBand", ageBand(r.birth_year === null ? null : Number(r.birth_year), year), n);
    add("ethnicity", r.ethnicity ?? "", n);
    add("religion", r.religion ?? "", n);
    add("education", r.education ?? "", n);
    add("membershipYears", membershipBand(r.joined_year === null ? null : Number(r.joined_year), year), n);
    quality.noNationalId += Number(r.no_id);
    quality.noBirthDate += Number(r.no_birth);
    quality.noPhone += Number(r.no_phone);
  }
  return { byStatus, members: byStatus.active + byStatus.in_transit, breakdowns, quality };
}

/** Lifecycle steps of the unit's subtree between two days (both included), from member_events. */
export async function directFlows(db: Db, unitId: string, from: string, to: string): Promise<Record<FlowKind, number>> {
  const rows = await queryRows<{ kind: string; n: number }>(
    db,
    sql`with eff as (${EFFECTIVE_PATHS}), target as (select path from units where id = ${unitId}::uuid)
        select case
                 when e.kind = 'transfer_accepted' and inside.path is not null then 'transferIn'
                 when e.kind = 'transfer_accepted' then 'transferOut'
                 when e.kind = 'matured_out' then 'maturedOut'
                 else e.kind::text
               end as kind, count(*)::int as n
        from member_events e
        left join eff inside on inside.id = e.unit_id and inside.path <@ (select path from target)
        left join eff other on other.id = e.other_unit_id and other.path <@ (select path from target)
        where e.occurred_on between ${from}::date and ${to}::date
          and (
            (e.kind in ('admitted', 'matured_out', 'left', 'removed', 'expelled', 'deceased') and inside.path is not null)
            or (e.kind = 'transfer_accepted' and (inside.path is null) <> (other.path is null))
          )
        group by 1`,
  );
  const counts = Object.fromEntries(FLOW_KINDS.map((k) => [k, 0])) as Record<FlowKind, number>;
  for (const r of rows) {
    const kind = r.kind as FlowKind;
    counts[kind] += Number(r.n);
    if (kind === "removed" || kind === "expelled" || kind === "deceased") counts.left += Number(r.n);
  }
  return counts;
}

/** Evaluation results of the unit's subtree per year, from member_evaluations. */
export async function directEvaluations(db: Db, unitId: string): Promise<Map<number, Record<EvaluationLevelKey, number>>> {
  const rows = await queryRows<{ year: number; level: EvaluationLevelKey; n: number }>(
    db,
    sql`with eff as (${EFFECTIVE_PATHS}), target as (select path from units where id = ${unitId}::uuid)
        select ev.year, ev.level::text as level, count(*)::int as n
        from member_evaluations ev join eff on eff.id = ev.unit_id
        where eff.path <@ (select path from target)
        group by 1, 2`,
  );
  const years = new Map<number, Record<EvaluationLevelKey, number>>();
  for (const r of rows) {
    const entry = years.get(Number(r.year)) ?? { excellent: 0, good: 0, completed: 0, not_completed: 0 };
    entry[r.level] += Number(r.n);
    years.set(Number(r.year), entry);
  }
  return years;
}

/** Everything the dashboard reads, counted on the fly: the benchmark's comparison. */
export async function directDashboard(db: Db, unitId: string, period: Period) {
  return {
    now: await directMemberCounts(db, unitId, period.asOf),
    lastYear: await directMemberCounts(db, unitId, period.lastYearAsOf),
    flows: await directFlows(db, unitId, period.from, period.to),
    lastYearFlows: await directFlows(db, unitId, period.lastYearFrom, period.lastYearTo),
    evaluations: await directEvaluations(db, unitId),
  };
}
