import { t, type MessageKey } from "@/lib/i18n";
import { formatDate } from "@/lib/i18n/format";
import {
  AGE_BANDS,
  EVALUATION_LEVELS,
  FLOW_KINDS,
  MEMBER_STATUSES,
  MEMBERSHIP_YEAR_BANDS,
  QUALITY_CHECKS,
  type ActivityCounts,
  type ActivityFigures,
  type BreakdownKey,
  type Dashboard,
  type FlowKind,
} from "@/lib/stats/types";
import { formatMonth, share, type ColumnKind } from "./format";

/**
 * Every table of the statistics page as plain data — a caption, its columns, its rows — built
 * once here and shown by the page (each chart draws from its table) and written by the xlsx
 * export, so the screen, the chart and the file cannot disagree.
 */
export interface TableModel {
  caption: string;
  /** The first column's heading (the rows' labels). */
  labelHeader: string;
  columns: { header: string; kind: ColumnKind }[];
  rows: TableRow[];
  empty?: string;
}

export interface TableRow {
  key: string;
  label: string;
  values: (number | null)[];
  /** A "trong đó" row, shown indented under the row it belongs to. */
  indent?: boolean;
  /** A unit's row: its name links to the unit's own page. */
  unitId?: string;
  /** Shown after the label (a dissolved unit's state). */
  note?: string;
}

const ACTIVITY_MEASURES = ["documentsPublished", "documentViews", "articlesPublished", "articleViews"] as const satisfies readonly (keyof ActivityCounts)[];
/** The exits that "left" includes, shown under it. */
const EXIT_DETAILS: readonly FlowKind[] = ["removed", "expelled", "deceased"];
/** Coded breakdowns keep their own order; recorded text (ethnicity…) goes largest first. */
const CODED_ORDER: Partial<Record<BreakdownKey, readonly string[]>> = {
  gender: ["male", "female", ""],
  ageBand: AGE_BANDS,
  membershipYears: MEMBERSHIP_YEAR_BANDS,
};

export function breakdownLabel(dim: BreakdownKey, key: string): string {
  if (key === "") return t("statsPage.notRecorded");
  if (dim === "gender") return key === "male" || key === "female" ? t(`member.gender.${key}`) : key;
  if (dim === "ageBand") return (AGE_BANDS as readonly string[]).includes(key) ? t(`statsPage.ageBand.${key}` as MessageKey) : key;
  if (dim === "membershipYears") return (MEMBERSHIP_YEAR_BANDS as readonly string[]).includes(key) ? t(`statsPage.years.${key}` as MessageKey) : key;
  return key;
}

export const flowLabel = (kind: FlowKind) => t(`statsPage.flow.${kind}`);

export function dissolvedNote(activeTo: string | null): string | undefined {
  return activeTo ? t("statsPage.dissolved", { date: formatDate(activeTo) }) : undefined;
}

/** Columns of a figure compared with the same day a year earlier. */
function comparedColumns(d: Dashboard, withShare: boolean): TableModel["columns"] {
  return [
    { header: t("statsPage.col.on", { date: formatDate(d.figures.asOf) }), kind: "count" },
    ...(withShare ? [{ header: t("statsPage.col.share"), kind: "percent" as const }] : []),
    { header: t("statsPage.col.on", { date: formatDate(d.figures.lastYearAsOf) }), kind: "count" },
    { header: t("statsPage.col.change"), kind: "change" },
  ];
}

function compared(count: number, lastYear: number, total?: number): (number | null)[] {
  return total === undefined ? [count, lastYear, count - lastYear] : [count, share(count, total), lastYear, count - lastYear];
}

export function statusTable(d: Dashboard): TableModel {
  return {
    caption: t("statsPage.section.status"),
    labelHeader: t("statsPage.breakdown.status"),
    columns: comparedColumns(d, false),
    rows: MEMBER_STATUSES.map((s) => ({ key: s, label: t(`member.status.${s}`), values: compared(d.figures.byStatus[s].count, d.figures.byStatus[s].lastYear) })),
  };
}

export function breakdownTable(d: Dashboard, dim: BreakdownKey): TableModel {
  const rows = [...d.figures.breakdowns[dim]];
  const order = CODED_ORDER[dim];
  if (order) rows.sort((a, b) => rank(order, a.key) - rank(order, b.key));
  else rows.sort((a, b) => Number(a.key === "") - Number(b.key === "") || b.count - a.count || b.lastYear - a.lastYear || a.key.localeCompare(b.key, "vi"));
  return {
    caption: t(`statsPage.breakdown.${dim}`),
    labelHeader: t("statsPage.col.group"),
    columns: comparedColumns(d, true),
    rows: rows.map((r) => ({ key: r.key, label: breakdownLabel(dim, r.key), values: compared(r.count, r.lastYear, d.figures.members.count) })),
    empty: t("statsPage.noRows"),
  };
}

function rank(order: readonly string[], key: string): number {
  const i = order.indexOf(key);
  return i === -1 ? order.length : i;
}

export function qualityTable(d: Dashboard): TableModel {
  return {
    caption: t("statsPage.section.quality"),
    labelHeader: t("statsPage.col.item"),
    columns: comparedColumns(d, true),
    rows: QUALITY_CHECKS.map((q) => ({ key: q, label: t(`statsPage.quality.${q}`), values: compared(d.figures.quality[q].count, d.figures.quality[q].lastYear, d.figures.members.count) })),
  };
}

/** The headline figures: members now and by status, for the export's first sheet. */
export function summaryTable(d: Dashboard): TableModel {
  const members = { key: "members", label: t("statsPage.card.members"), values: compared(d.figures.members.count, d.figures.members.lastYear) };
  const status = statusTable(d);
  return { ...status, caption: t("statsPage.sheet.figures"), labelHeader: t("statsPage.col.item"), rows: [members, ...status.rows.map((r) => ({ ...r, indent: true }))] };
}

export function flowTotalsTable(d: Dashboard): TableModel {
  const f = d.flows;
  return {
    caption: t("statsPage.section.flowTotals"),
    labelHeader: t("statsPage.col.item"),
    columns: [
      { header: t("statsPage.col.period", { from: formatDate(f.from), to: formatDate(f.to) }), kind: "count" },
      { header: t("statsPage.col.period", { from: formatDate(f.lastYearFrom), to: formatDate(f.lastYearTo) }), kind: "count" },
      { header: t("statsPage.col.change"), kind: "change" },
    ],
    rows: FLOW_KINDS.map((k) => ({ key: k, label: flowLabel(k), indent: EXIT_DETAILS.includes(k), values: compared(f.totals[k].count, f.totals[k].lastYear) })),
  };
}

export function flowMonthsTable(d: Dashboard): TableModel {
  return {
    caption: t("statsPage.section.flowMonths"),
    labelHeader: t("statsPage.col.month"),
    columns: FLOW_KINDS.map((k) => ({ header: flowLabel(k), kind: "count" as const })),
    rows: d.flows.months.map((m) => ({ key: m.month, label: formatMonth(m.month), values: FLOW_KINDS.map((k) => m.counts[k]) })),
    empty: t("statsPage.noRows"),
  };
}

export function evaluationTable(d: Dashboard): TableModel {
  return {
    caption: t("statsPage.section.evaluations"),
    labelHeader: t("statsPage.col.year"),
    columns: [{ header: t("statsPage.col.total"), kind: "count" }, ...EVALUATION_LEVELS.map((l) => ({ header: t(`member.evaluation.${l}`), kind: "count" as const }))],
    // Oldest first, as a chart over time reads.
    rows: [...d.evaluations.years].sort((a, b) => a.year - b.year).map((y) => ({ key: String(y.year), label: String(y.year), values: [y.total, ...EVALUATION_LEVELS.map((l) => y.counts[l])] })),
    empty: t("statsPage.noEvaluations"),
  };
}

const CHILD_FLOWS: readonly FlowKind[] = ["admitted", "transferIn", "transferOut", "maturedOut", "left"];

export function childrenTable(d: Dashboard): TableModel {
  return {
    caption: t("statsPage.section.children"),
    labelHeader: t("statsPage.col.unit"),
    columns: [
      { header: t("statsPage.col.members"), kind: "count" },
      { header: t("statsPage.col.membersLastYear"), kind: "count" },
      { header: t("statsPage.col.change"), kind: "change" },
      { header: t("statsPage.col.female"), kind: "count" },
      ...CHILD_FLOWS.map((k) => ({ header: flowLabel(k), kind: "count" as const })),
      ...QUALITY_CHECKS.map((q) => ({ header: t(`statsPage.qualityShort.${q}`), kind: "count" as const })),
    ],
    rows: d.children.map((c) => ({
      key: c.unit.id,
      unitId: c.unit.id,
      label: c.unit.name,
      note: dissolvedNote(c.unit.activeTo),
      values: [c.members.count, c.members.lastYear, c.members.count - c.members.lastYear, c.female, ...CHILD_FLOWS.map((k) => c.flows[k]), ...QUALITY_CHECKS.map((q) => c.quality[q])],
    })),
    empty: t("statsPage.noChildren"),
  };
}

const activityColumns = () => ACTIVITY_MEASURES.map((m) => ({ header: t(`statsPage.activity.${m}`), kind: "count" as const }));
const activityValues = (c: ActivityCounts) => ACTIVITY_MEASURES.map((m) => c[m]);

export function activityTotalsTable(a: ActivityFigures): TableModel {
  return {
    caption: t("statsPage.section.activity"),
    labelHeader: t("statsPage.col.item"),
    columns: [{ header: t("statsPage.col.period", { from: formatDate(a.from), to: formatDate(a.to) }), kind: "count" }],
    rows: ACTIVITY_MEASURES.map((m) => ({ key: m, label: t(`statsPage.activity.${m}`), values: [a.totals[m]] })),
  };
}

export function activityMonthsTable(a: ActivityFigures): TableModel {
  return {
    caption: t("statsPage.section.activityMonths"),
    labelHeader: t("statsPage.col.month"),
    columns: activityColumns(),
    rows: a.months.map((m) => ({ key: m.month, label: formatMonth(m.month), values: activityValues(m) })),
    empty: t("statsPage.noRows"),
  };
}

export function activityChildrenTable(a: ActivityFigures): TableModel {
  return {
    caption: t("statsPage.section.activityChildren"),
    labelHeader: t("statsPage.col.unit"),
    columns: activityColumns(),
    rows: a.children.map((c) => ({ key: c.unit.id, unitId: c.unit.id, label: c.unit.name, note: dissolvedNote(c.unit.activeTo), values: activityValues(c) })),
    empty: t("statsPage.noChildren"),
  };
}
