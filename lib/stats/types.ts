/**
 * What the leadership dashboard shows for one unit (its whole subtree), as of a day, beside the
 * same day a year earlier. Produced by lib/stats/dashboard.ts from the aggregates that triggers
 * keep (db/schema/stats.ts); lib/stats/direct.ts counts the same figures straight from the
 * records, for the tests and the benchmark.
 */

/** A figure and the same figure a year earlier (same day and month; 29/02 → 28/02). */
export interface Compared {
  count: number;
  lastYear: number;
}

/** Record statuses: the first two are the current members (đoàn viên/hội viên hiện có). */
export const MEMBER_STATUSES = ["active", "in_transit", "matured_out", "left", "removed", "expelled", "deceased"] as const;
export type MemberStatusKey = (typeof MEMBER_STATUSES)[number];

/** Breakdowns of the current members. Age and years of membership are counted by year (tuổi tính theo năm sinh). */
export const BREAKDOWNS = ["gender", "ageBand", "ethnicity", "religion", "education", "membershipYears"] as const;
export type BreakdownKey = (typeof BREAKDOWNS)[number];

export const AGE_BANDS = ["under18", "18-25", "26-30", "31-40", "41-50", "51-60", "over60", "unknown"] as const;
export const MEMBERSHIP_YEAR_BANDS = ["under1", "1-5", "6-10", "11-20", "over20", "unknown"] as const;

/** One row of a breakdown. `key` is a code (gender, band) or the recorded text (ethnicity…); "" = not recorded. */
export interface BreakdownRow extends Compared {
  key: string;
}

/** Records of current members missing what every record should have. */
export const QUALITY_CHECKS = ["noNationalId", "noBirthDate", "noPhone"] as const;
export type QualityCheck = (typeof QUALITY_CHECKS)[number];

export interface MemberFigures {
  /** yyyy-MM-dd */
  asOf: string;
  lastYearAsOf: string;
  /** Current members: active and in transit. */
  members: Compared;
  /** Every record by status, former members included. */
  byStatus: Record<MemberStatusKey, Compared>;
  breakdowns: Record<BreakdownKey, BreakdownRow[]>;
  quality: Record<QualityCheck, Compared>;
}

/** Lifecycle steps counted on the day they took effect. "left" also counts removals, expulsions and deaths, each shown too. */
export const FLOW_KINDS = ["admitted", "transferIn", "transferOut", "maturedOut", "left", "removed", "expelled", "deceased"] as const;
export type FlowKind = (typeof FLOW_KINDS)[number];

export interface FlowFigures {
  /** The period asked for, yyyy-MM-dd, both days included, and the same period a year earlier. */
  from: string;
  to: string;
  lastYearFrom: string;
  lastYearTo: string;
  totals: Record<FlowKind, Compared>;
  /** Each calendar month the period touches, yyyy-MM, with that month's part of the period. */
  months: { month: string; counts: Record<FlowKind, number> }[];
}

export const EVALUATION_LEVELS = ["excellent", "good", "completed", "not_completed"] as const;
export type EvaluationLevelKey = (typeof EVALUATION_LEVELS)[number];

export interface EvaluationFigures {
  /** The latest years with results, newest first (at most 5). */
  years: { year: number; total: number; counts: Record<EvaluationLevelKey, number> }[];
}

export interface UnitRef {
  id: string;
  name: string;
  code: string;
  level: number;
  /** yyyy-MM-dd when dissolved; its "now" figures are counted under its successor. */
  activeTo: string | null;
}

/** A child unit in the drill-down table: the headline figures of its subtree. */
export interface ChildRow {
  unit: UnitRef;
  members: Compared;
  female: number;
  flows: Record<FlowKind, number>;
  quality: Record<QualityCheck, number>;
}

export interface Dashboard {
  unit: UnitRef;
  /** From the highest unit the user may see down to the unit's parent. */
  breadcrumb: UnitRef[];
  figures: MemberFigures;
  flows: FlowFigures;
  evaluations: EvaluationFigures;
  /** Children active on the as-of day (dissolved ones by then are left out), by name. */
  children: ChildRow[];
}

/** What the user asked for; every field optional (defaults: their own unit, today, 1 January to today). */
export interface DashboardQuery {
  unitId?: string;
  /** yyyy-MM-dd */
  asOf?: string;
  from?: string;
  to?: string;
}

/** Portal and document activity of a unit's subtree: what it published, month by month, and how often it was read. */
export interface ActivityCounts {
  documentsPublished: number;
  /** Views of the public documents it published in the period (documents keep one running count each). */
  documentViews: number;
  articlesPublished: number;
  /** Views, in the period, of its articles (counted per day). */
  articleViews: number;
}

export interface ActivityFigures {
  from: string;
  to: string;
  totals: ActivityCounts;
  months: ({ month: string } & ActivityCounts)[];
  /** The unit's children active on `to`, by name, each with its subtree's counts for the period. */
  children: ({ unit: UnitRef } & ActivityCounts)[];
}
