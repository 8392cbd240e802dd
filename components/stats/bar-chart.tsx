"use client";

import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from "recharts";
import { formatNumber } from "@/lib/i18n/format";

export interface ChartSeries {
  name: string;
  color: string;
}

export interface ChartProps {
  /** Also the SVG's <title>; the page puts the same figures in a table beside the chart. */
  title: string;
  /** One entry per category (a group, a month, a year), one value per series. */
  data: { label: string; values: number[] }[];
  series: ChartSeries[];
  /** "bars": categories down the side (long labels); "columns": categories along the bottom (months, years). */
  layout?: "bars" | "columns";
  stacked?: boolean;
}

/** Wide enough to read on a desk, small enough for an A4 page; CSS scales it down to its box. */
const WIDTH = 540;

/**
 * A bar chart from plain figures and labels translated on the server. Recharts draws it in the
 * browser (the table beside it is in the server's HTML), in SVG at a fixed size that CSS scales
 * down to its box, so it prints as drawn; without animation, so a print or a screenshot taken at
 * once shows the real bars.
 */
export function StatsBarChart({ title, data, series, layout = "bars", stacked = false }: ChartProps) {
  const rows = data.map((d) => Object.fromEntries([["label", d.label], ...d.values.map((v, i) => [`s${i}`, v])]));
  const bars = layout === "bars";
  const perCategory = stacked ? 16 : series.length * 12 + 6;
  // Month labels side by side overlap beyond a few: slant them.
  const crowded = !bars && data.length * (Math.max(...data.map((d) => d.label.length)) * 7 + 8) > WIDTH - 80;
  const height = bars ? Math.max(120, data.length * (perCategory + 10) + 40) : crowded ? 290 : 260;
  const labelWidth = Math.min(170, Math.max(48, ...data.map((d) => d.label.length * 7 + 12)));
  const names = Object.fromEntries(series.map((s, i) => [`s${i}`, s.name]));
  return (
    <figure className="min-w-0 space-y-1 break-inside-avoid">
      <figcaption className="text-sm font-medium text-slate-800">{title}</figcaption>
      <div className="max-w-full overflow-hidden [&_.recharts-wrapper]:h-auto! [&_.recharts-wrapper]:max-w-full! [&_svg]:h-auto [&_svg]:max-w-full">
        <BarChart
          width={WIDTH}
          height={height}
          data={rows}
          layout={bars ? "vertical" : "horizontal"}
          margin={{ top: 8, right: 16, bottom: 4, left: 4 }}
          barGap={1}
          title={title}
        >
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" horizontal={!bars} vertical={bars} />
          {bars ? (
            <>
              <XAxis type="number" allowDecimals={false} tickFormatter={(v: number) => formatNumber(v)} fontSize={12} />
              <YAxis type="category" dataKey="label" width={labelWidth} interval={0} fontSize={12} />
            </>
          ) : (
            <>
              <XAxis
                type="category"
                dataKey="label"
                fontSize={12}
                interval={data.length > 24 ? "preserveStartEnd" : 0}
                {...(crowded ? { angle: -40, textAnchor: "end", height: 56 } : {})}
              />
              <YAxis type="number" allowDecimals={false} tickFormatter={(v: number) => formatNumber(v)} width={48} fontSize={12} />
            </>
          )}
          <Tooltip
            formatter={(value, name) => [formatNumber(Number(value)), names[String(name)] ?? String(name)]}
            cursor={{ fill: "#f1f5f9" }}
          />
          {series.map((s, i) => (
            <Bar key={s.name} dataKey={`s${i}`} name={`s${i}`} fill={s.color} stackId={stacked ? "all" : undefined} isAnimationActive={false} maxBarSize={28} />
          ))}
        </BarChart>
      </div>
      {series.length > 1 && (
        <ul className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-700">
          {series.map((s) => (
            <li key={s.name} className="flex items-center gap-1.5">
              <span className="inline-block size-3 rounded-sm print:[print-color-adjust:exact]" style={{ backgroundColor: s.color }} />
              {s.name}
            </li>
          ))}
        </ul>
      )}
    </figure>
  );
}
