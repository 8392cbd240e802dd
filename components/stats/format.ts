import { formatNumber } from "@/lib/i18n/format";

/** How a column's figures read: counts, a signed change, or a share of a total. */
export type ColumnKind = "count" | "change" | "percent";

const percentFormat = new Intl.NumberFormat("vi-VN", { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** A change with its sign: +12, −3 (a real minus sign), 0. */
export function formatChange(value: number): string {
  if (value > 0) return `+${formatNumber(value)}`;
  if (value < 0) return `−${formatNumber(-value)}`;
  return "0";
}

export function formatPercent(value: number | null): string {
  return value === null ? "—" : percentFormat.format(value);
}

export function formatCell(value: number | null, kind: ColumnKind): string {
  if (value === null) return "—";
  if (kind === "change") return formatChange(value);
  if (kind === "percent") return formatPercent(value);
  return formatNumber(value);
}

/** A share of a total, or null when the total is zero (an empty unit shows "—", not an error). */
export function share(part: number, total: number): number | null {
  return total > 0 ? part / total : null;
}

/** yyyy-MM → MM/yyyy. */
export function formatMonth(month: string): string {
  return `${month.slice(5, 7)}/${month.slice(0, 4)}`;
}
