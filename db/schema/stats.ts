import { bigint, boolean, date, index, integer, pgTable, primaryKey, smallint, text, uuid } from "drizzle-orm/pg-core";
import { evaluationLevel, memberStatus, gender } from "./members";

/*
 * Leadership statistics (lib/stats). The figures a dashboard shows are kept up to date by
 * triggers in the same transaction as every change to members, their events and evaluations,
 * and to the unit tree (drizzle/0016_member_statistics_triggers.sql), so that no service can
 * change a record and forget a figure. A record's changes are added when the transaction
 * commits (drizzle/0020: each statement leaves them in the unlogged `stat_pending`), so a long
 * import neither rewrites the country's rows per statement nor holds their locks until it ends. Every row is kept for a unit *and each of its ancestors*
 * (a unit's row is its whole subtree), so the country's dashboard reads a few hundred rows.
 *
 * Past figures are what the register showed on that day (transaction time, in Vietnam's
 * calendar): a correction or a merge changes the figures from the day it is made, never those of
 * earlier days. A dissolved unit's members count, from the day of the merge, under its successor.
 * The aggregate tables carry no foreign keys: they are derived, and rebuilt by
 * `rebuildMemberStatistics` (lib/stats/rebuild.ts) if ever in doubt.
 */

/** Now: members per unit (subtree) per dimension value, e.g. ("gender", "female"). */
export const memberStatCounts = pgTable(
  "member_stat_counts",
  {
    unitId: uuid("unit_id").notNull(),
    dim: text("dim").notNull(),
    value: text("value").notNull(),
    n: integer("n").notNull(),
  },
  (t) => [primaryKey({ columns: [t.unitId, t.dim, t.value] })],
);

/** The same counts' changes by the day they were made: the figure on day D is now's minus the changes after D. */
export const memberStatChanges = pgTable(
  "member_stat_changes",
  {
    unitId: uuid("unit_id").notNull(),
    day: date("day").notNull(),
    dim: text("dim").notNull(),
    value: text("value").notNull(),
    delta: integer("delta").notNull(),
  },
  (t) => [primaryKey({ columns: [t.unitId, t.day, t.dim, t.value] })],
);

/**
 * The same changes summed by month (`month` is its first day), kept with them: a day's figure a
 * year back reads the months after it and the days left in its own month, not a year of days.
 */
export const memberStatMonths = pgTable(
  "member_stat_months",
  {
    unitId: uuid("unit_id").notNull(),
    month: date("month").notNull(),
    dim: text("dim").notNull(),
    value: text("value").notNull(),
    delta: integer("delta").notNull(),
  },
  (t) => [primaryKey({ columns: [t.unitId, t.month, t.dim, t.value] })],
);

/** Lifecycle steps per unit (subtree) and day they took effect: admissions, transfers in and out, exits. */
export const memberFlowCounts = pgTable(
  "member_flow_counts",
  {
    unitId: uuid("unit_id").notNull(),
    day: date("day").notNull(),
    kind: text("kind").notNull(),
    n: integer("n").notNull(),
  },
  (t) => [primaryKey({ columns: [t.unitId, t.day, t.kind] })],
);

/** The same steps summed by month (`month` is its first day): a period's whole months are read from here, its edges by day. */
export const memberFlowMonths = pgTable(
  "member_flow_months",
  {
    unitId: uuid("unit_id").notNull(),
    month: date("month").notNull(),
    kind: text("kind").notNull(),
    n: integer("n").notNull(),
  },
  (t) => [primaryKey({ columns: [t.unitId, t.month, t.kind] })],
);

/** Evaluation results per unit (subtree, where the member was evaluated), year and level. */
export const memberEvaluationCounts = pgTable(
  "member_evaluation_counts",
  {
    unitId: uuid("unit_id").notNull(),
    year: smallint("year").notNull(),
    level: evaluationLevel("level").notNull(),
    n: integer("n").notNull(),
  },
  (t) => [primaryKey({ columns: [t.unitId, t.year, t.level] })],
);

/**
 * What a member's record showed, in the fields the statistics count, before each change to them
 * (or before it was deleted): valid from `valid_from` up to the day before `valid_to`. With the
 * records themselves (valid since `members.counted_since`) they give any past day's register, so
 * past figures can be counted directly (lib/stats/direct.ts) and checked against the aggregates.
 */
export const memberVersions = pgTable(
  "member_versions",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    memberId: uuid("member_id").notNull(),
    unitId: uuid("unit_id").notNull(),
    status: memberStatus("status").notNull(),
    gender: gender("gender"),
    birthYear: smallint("birth_year"),
    ethnicity: text("ethnicity"),
    religion: text("religion"),
    education: text("education"),
    joinedYear: smallint("joined_year"),
    hasNationalId: boolean("has_national_id").notNull(),
    hasBirthDate: boolean("has_birth_date").notNull(),
    hasPhone: boolean("has_phone").notNull(),
    validFrom: date("valid_from").notNull(),
    validTo: date("valid_to").notNull(),
  },
  (t) => [index("member_versions_valid_to_idx").on(t.validTo), index("member_versions_member_idx").on(t.memberId, t.validTo)],
);
