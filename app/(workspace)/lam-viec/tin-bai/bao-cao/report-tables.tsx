import type { ReactNode } from "react";
import { t } from "@/lib/i18n";
import { formatNumber } from "@/lib/i18n/format";
import { formatMonth, TOTAL_ROWS, type EditorialReport } from "@/lib/portal/report";

const cell = "border-b border-slate-200 px-3 py-2";
const numberCell = `${cell} text-right tabular-nums`;

/** `textColumns`: how many leading columns hold text; the rest are figures, aligned right. */
function Table({ caption, headers, children, empty, textColumns = 1 }: { caption: string; headers: string[]; children: ReactNode[]; empty: string; textColumns?: number }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="w-full border-collapse text-sm">
        <caption className="px-3 py-2 text-left font-semibold text-slate-900">{caption}</caption>
        <thead className="bg-slate-50">
          <tr>
            {headers.map((h, i) => (
              <th key={h} scope="col" className={`${cell} font-medium ${i >= textColumns ? "text-right" : "text-left"}`}>{h}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {children.length > 0 ? children : (
            <tr><td colSpan={headers.length} className={`${cell} text-slate-600`}>{empty}</td></tr>
          )}
        </tbody>
      </table>
    </div>
  );
}

export function CategoryTable({ report }: { report: EditorialReport }) {
  return (
    <Table
      caption={t("report.categoriesCaption", { month: formatMonth(report.month) })}
      headers={[t("report.col.category"), t("report.col.parent"), t("report.col.published"), t("report.col.views")]}
      empty={t("report.noCategories")}
      textColumns={2}
    >
      {report.categories.map((c) => (
        <tr key={c.id}>
          <th scope="row" className={`${cell} text-left ${c.parentName ? "pl-8 font-normal" : "font-medium"}`}>{c.name}</th>
          <td className={cell}>{c.parentName ?? ""}</td>
          <td className={numberCell}>{formatNumber(c.published)}</td>
          <td className={numberCell}>{formatNumber(c.views)}</td>
        </tr>
      ))}
    </Table>
  );
}

export function AuthorTable({ report }: { report: EditorialReport }) {
  const headers = ["report.col.author", "report.col.submitted", "report.col.published", "report.col.returned", "report.col.rejected", "report.col.views"] as const;
  return (
    <Table caption={t("report.authorsCaption", { month: formatMonth(report.month) })} headers={headers.map((h) => t(h))} empty={t("report.noAuthors")}>
      {report.authors.map((a) => (
        <tr key={a.id}>
          <th scope="row" className={`${cell} text-left font-medium`}>{a.fullName}</th>
          {[a.submitted, a.published, a.returned, a.rejected, a.views].map((n, i) => (
            <td key={i} className={numberCell}>{formatNumber(n)}</td>
          ))}
        </tr>
      ))}
    </Table>
  );
}

export function TotalsTable({ report }: { report: EditorialReport }) {
  const month = formatMonth(report.month);
  const previous = formatMonth(report.previousMonth);
  const show = (value: number | string) => (typeof value === "number" ? formatNumber(value) : value);
  return (
    <Table
      caption={t("report.totalsCaption", { month, previous })}
      headers={[t("report.col.measure"), t("report.col.monthOf", { month }), t("report.col.monthOf", { month: previous })]}
      empty=""
    >
      {TOTAL_ROWS.map((row) => (
        <tr key={row.key}>
          <th scope="row" className={`${cell} text-left font-medium`}>{t(row.key)}</th>
          <td className={numberCell}>{show(row.value(report.totals))}</td>
          <td className={`${numberCell} text-slate-600`}>{show(row.value(report.previousTotals))}</td>
        </tr>
      ))}
    </Table>
  );
}
