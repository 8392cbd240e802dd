import { t } from "@/lib/i18n";
import { formatDate } from "@/lib/i18n/format";
import type { ActivityFigures, Dashboard } from "@/lib/stats/types";
import { COLORS, ChartWithTable } from "./chart-with-table";
import { SectionHeading } from "./member-sections";
import { StatTable } from "./stat-table";
import { activityChildrenTable, activityMonthsTable, activityTotalsTable, evaluationTable, flowMonthsTable, flowTotalsTable } from "./tables";

export function FlowSection({ d }: { d: Dashboard }) {
  const title = `${t("statsPage.section.flows")}: ${t("statsPage.col.period", { from: formatDate(d.flows.from), to: formatDate(d.flows.to) })}`;
  return (
    <section className="space-y-3" aria-labelledby="bien-dong">
      <SectionHeading id="bien-dong" title={title} note={t("statsPage.section.flowsNote")} />
      {/* The period beside the same period a year earlier (admitted … left: the rows before "trong đó"). */}
      <ChartWithTable model={flowTotalsTable(d)} chart={{ columns: [0, 1], colors: [COLORS.now, COLORS.lastYear] }} />
      <ChartWithTable model={flowMonthsTable(d)} chart={{ columns: [0, 1, 2, 3, 4], colors: COLORS.flows, layout: "columns" }} wide />
    </section>
  );
}

export function EvaluationSection({ d }: { d: Dashboard }) {
  return (
    <section className="space-y-3" aria-labelledby="danh-gia">
      <SectionHeading id="danh-gia" title={t("statsPage.section.evaluations")} />
      <ChartWithTable
        model={{ ...evaluationTable(d), caption: t("statsPage.section.evaluationsByLevel") }}
        chart={{ columns: [1, 2, 3, 4], colors: COLORS.levels, layout: "columns", stacked: true }}
      />
    </section>
  );
}

export function ActivitySection({ a, hrefFor }: { a: ActivityFigures; hrefFor: (unitId: string) => string }) {
  return (
    <section className="space-y-3" aria-labelledby="hoat-dong">
      <SectionHeading id="hoat-dong" title={t("statsPage.section.activity")} note={t("statsPage.section.activityNote")} />
      <StatTable model={activityTotalsTable(a)} captionHidden />
      <ChartWithTable
        model={activityMonthsTable(a)}
        chart={[
          { title: t("statsPage.chart.published"), columns: [0, 2], colors: COLORS.activity, layout: "columns" },
          { title: t("statsPage.chart.views"), columns: [1, 3], colors: COLORS.activity, layout: "columns" },
        ]}
      />
      <StatTable model={activityChildrenTable(a)} hrefFor={hrefFor} />
    </section>
  );
}
