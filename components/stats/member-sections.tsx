import { t } from "@/lib/i18n";
import { formatNumber } from "@/lib/i18n/format";
import { BREAKDOWNS, type BreakdownKey, type Compared, type Dashboard } from "@/lib/stats/types";
import { COLORS, ChartWithTable } from "./chart-with-table";
import { formatPercent, share } from "./format";
import { StatTable } from "./stat-table";
import { breakdownTable, qualityTable, statusTable } from "./tables";

/** now, share, last year, change: the chart compares the first and the third. */
const NOW_AND_LAST_YEAR_WITH_SHARE = [0, 2];
const NOW_AND_LAST_YEAR = [0, 1];
/** Breakdowns by recorded text can run long: their charts show the largest groups. */
const TEXT_BREAKDOWNS = new Set<BreakdownKey>(["ethnicity", "religion", "education"]);

/** A section's heading; `id` is what the section's aria-labelledby and the page's contents point at. */
export function SectionHeading({ id, title, note }: { id: string; title: string; note?: string }) {
  return (
    <div className="space-y-1">
      <h2 id={id} className="scroll-mt-4 text-xl font-bold text-slate-900">{title}</h2>
      {note && <p className="text-sm text-slate-600">{note}</p>}
    </div>
  );
}

/** `upIsGood`: whether a rise reads green (members) or red (exits). */
function Change({ figure, upIsGood }: { figure: Compared; upIsGood: boolean }) {
  const diff = figure.count - figure.lastYear;
  const text = diff > 0 ? t("statsPage.up", { count: formatNumber(diff) }) : diff < 0 ? t("statsPage.down", { count: formatNumber(-diff) }) : t("statsPage.same");
  const tone = diff === 0 ? "text-slate-700" : diff > 0 === upIsGood ? "text-emerald-800" : "text-red-800";
  const ratio = diff !== 0 ? share(Math.abs(diff), figure.lastYear) : null;
  return (
    <p className={`text-sm font-medium ${tone}`}>
      <span aria-hidden>{diff > 0 ? "▲ " : diff < 0 ? "▼ " : ""}</span>
      {text}
      {ratio !== null && ` (${formatPercent(ratio)})`}
    </p>
  );
}

/** `sameDay`: a figure on a day (compared with the same day last year), not over a period. */
function FigureCard({ label, figure, testId, sameDay = false, upIsGood = true }: { label: string; figure: Compared; testId: string; sameDay?: boolean; upIsGood?: boolean }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm print:break-inside-avoid print:p-2 print:shadow-none" data-testid={testId}>
      <p className="text-sm text-slate-600">{label}</p>
      <p className="mt-1 text-3xl font-bold tabular-nums text-slate-900 print:text-xl">{formatNumber(figure.count)}</p>
      <p className="text-sm text-slate-600">{t(sameDay ? "statsPage.card.lastYearDay" : "statsPage.card.lastYear", { count: formatNumber(figure.lastYear) })}</p>
      <Change figure={figure} upIsGood={upIsGood} />
    </div>
  );
}

/** Members now beside the same day last year, women among them, and the period's admissions and exits. */
export function Headline({ d }: { d: Dashboard }) {
  const female = d.figures.breakdowns.gender.find((r) => r.key === "female") ?? { count: 0, lastYear: 0 };
  return (
    <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4 print:grid-cols-4">
      <FigureCard label={t("statsPage.card.members")} figure={d.figures.members} testId="stats-members" sameDay />
      <FigureCard label={t("statsPage.card.female")} figure={female} testId="stats-female" sameDay />
      <FigureCard label={t("statsPage.card.admitted")} figure={d.flows.totals.admitted} testId="stats-admitted" />
      <FigureCard label={t("statsPage.card.left")} figure={d.flows.totals.left} testId="stats-left" upIsGood={false} />
    </div>
  );
}

/** Every record by status, then each breakdown of the current members: a chart and its table each. */
export function BreakdownSection({ d }: { d: Dashboard }) {
  return (
    <section className="space-y-3" aria-labelledby="co-cau">
      <SectionHeading id="co-cau" title={t("statsPage.section.breakdowns")} note={`${t("statsPage.section.statusNote")} ${t("statsPage.section.breakdownsNote")}`} />
      <div className="grid gap-4 2xl:grid-cols-2 print:block print:space-y-4">
        <ChartWithTable model={statusTable(d)} chart={{ columns: NOW_AND_LAST_YEAR, colors: [COLORS.now, COLORS.lastYear] }} />
        {BREAKDOWNS.map((dim) => (
          <ChartWithTable
            key={dim}
            model={breakdownTable(d, dim)}
            chart={{ columns: NOW_AND_LAST_YEAR_WITH_SHARE, colors: [COLORS.now, COLORS.lastYear], top: TEXT_BREAKDOWNS.has(dim) ? 8 : undefined }}
          />
        ))}
      </div>
    </section>
  );
}

export function QualitySection({ d }: { d: Dashboard }) {
  return (
    <section className="space-y-3 print:break-inside-avoid" aria-labelledby="chat-luong">
      <SectionHeading id="chat-luong" title={t("statsPage.section.quality")} note={t("statsPage.section.qualityNote")} />
      <StatTable model={qualityTable(d)} captionHidden />
    </section>
  );
}
