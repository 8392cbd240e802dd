import Link from "next/link";
import { formatCell } from "./format";
import type { TableModel } from "./tables";

const cell = "border-b border-slate-200 px-2 py-1.5 print:px-1 print:py-0.5";
const numberCell = `${cell} text-right tabular-nums whitespace-nowrap`;

/**
 * A table of figures: the data behind a chart, or a table on its own. `hrefFor` makes unit rows
 * links (drill-down); `captionHidden` keeps the caption for screen readers when a heading above
 * already says it.
 */
export function StatTable({ model, hrefFor, captionHidden = false }: { model: TableModel; hrefFor?: (unitId: string) => string; captionHidden?: boolean }) {
  return (
    <div className="overflow-x-auto rounded-md border border-slate-200 bg-white print:overflow-visible">
      <table className="w-full border-collapse text-sm print:text-[8pt]">
        <caption className={captionHidden ? "sr-only" : "px-2 py-2 text-left font-semibold text-slate-900"}>{model.caption}</caption>
        <thead className="bg-slate-50">
          <tr>
            <th scope="col" className={`${cell} text-left font-medium`}>{model.labelHeader}</th>
            {model.columns.map((c) => (
              <th key={c.header} scope="col" className={`${cell} text-right font-medium`}>{c.header}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {model.rows.length === 0 ? (
            <tr><td colSpan={model.columns.length + 1} className={`${cell} text-slate-600`}>{model.empty}</td></tr>
          ) : (
            model.rows.map((row) => (
              <tr key={row.key}>
                <th scope="row" className={`${cell} min-w-32 text-left ${row.indent ? "pl-6 font-normal italic text-slate-700" : "font-medium"}`}>
                  {row.unitId && hrefFor ? <Link href={hrefFor(row.unitId)} className="text-brand-700 hover:underline">{row.label}</Link> : row.label}
                  {row.note && <span className="ml-2 inline-block rounded bg-amber-100 px-1.5 text-xs font-normal text-amber-900">{row.note}</span>}
                </th>
                {row.values.map((v, i) => (
                  <td key={i} className={numberCell}>{formatCell(v, model.columns[i]!.kind)}</td>
                ))}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
