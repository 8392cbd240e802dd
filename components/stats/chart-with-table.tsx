import { t } from "@/lib/i18n";
import { StatsBarChart, type ChartSeries } from "./bar-chart";
import { StatTable } from "./stat-table";
import type { TableModel, TableRow } from "./tables";

export const COLORS = {
  now: "#b91c1c",
  lastYear: "#94a3b8",
  flows: ["#15803d", "#2563eb", "#d97706", "#7c3aed", "#b91c1c"],
  levels: ["#166534", "#4ade80", "#facc15", "#b91c1c"],
  activity: ["#991b1b", "#2563eb"],
} as const;

interface ChartSpec {
  /** Defaults to the table's caption. */
  title?: string;
  /** Which of the table's columns the chart draws, each a series. */
  columns: number[];
  colors: readonly string[];
  layout?: "bars" | "columns";
  stacked?: boolean;
  /** Draw only the largest groups, the rest summed as "Khác" (the table keeps every row). */
  top?: number;
}

/** The rows a chart draws: "trong đó" rows are already inside their total and stay out. */
function chartRows(model: TableModel, spec: ChartSpec): { label: string; values: number[] }[] {
  const pick = (r: TableRow) => spec.columns.map((c) => r.values[c] ?? 0);
  const rows = model.rows.filter((r) => !r.indent);
  if (!spec.top || rows.length <= spec.top + 1) return rows.map((r) => ({ label: r.label, values: pick(r) }));
  const shown = rows.slice(0, spec.top).map((r) => ({ label: r.label, values: pick(r) }));
  const rest = rows.slice(spec.top).map(pick).reduce((sum, v) => sum.map((s, i) => s + v[i]!));
  return [...shown, { label: t("statsPage.other"), values: rest }];
}

/**
 * A chart and, beside it (below it on a phone and on paper), the table it is drawn from: every
 * figure a chart shows can be read, copied and printed as a number.
 */
export function ChartWithTable({ model, chart, hrefFor, wide = false }: { model: TableModel; chart: ChartSpec | ChartSpec[]; hrefFor?: (unitId: string) => string; wide?: boolean }) {
  const charts = (Array.isArray(chart) ? chart : [chart]).map((spec) => {
    const data = chartRows(model, spec);
    const series: ChartSeries[] = spec.columns.map((c, i) => ({ name: model.columns[c]!.header, color: spec.colors[i % spec.colors.length]! }));
    const truncated = spec.top !== undefined && data.length < model.rows.filter((r) => !r.indent).length;
    return { spec, data, series, truncated };
  });
  return (
    <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm print:break-inside-avoid print:border-0 print:p-0 print:shadow-none">
      <h3 className="text-base font-semibold text-slate-900">{model.caption}</h3>
      <div className={`grid items-start gap-4 ${wide ? "" : "xl:grid-cols-2"} print:block print:space-y-2`}>
        {charts.some((c) => c.data.length > 0) && (
          <div className="space-y-4">
            {charts.map(({ spec, data, series, truncated }, i) => (
              <div key={i} className="space-y-1">
                <StatsBarChart title={t("statsPage.chartOf", { title: spec.title ?? model.caption })} data={data} series={series} layout={spec.layout} stacked={spec.stacked} />
                {truncated && <p className="text-xs text-slate-600">{t("statsPage.chartTop", { count: spec.top! })}</p>}
              </div>
            ))}
          </div>
        )}
        <StatTable model={model} hrefFor={hrefFor} captionHidden />
      </div>
    </section>
  );
}
