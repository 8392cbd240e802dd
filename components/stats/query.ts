import { z } from "zod";
import type { MessageKey } from "@/lib/i18n";
import type { DashboardQuery } from "@/lib/stats/types";
import type { RawSearchParams } from "@/lib/search-params";
import { firstValues } from "@/lib/search-params";

/**
 * The statistics page's address: `don-vi` (a unit id), `ngay` (the as-of day), `tu` and `den`
 * (the flow period), days written dd/MM/yyyy as people type them. The page and the xlsx export
 * read it the same way; the service decides the defaults and what is out of range.
 */
export const STATS_PATH = "/lam-viec/thong-ke";
export const DATE_FIELDS = { asOf: "ngay", from: "tu", to: "den" } as const;
export type DateField = keyof typeof DATE_FIELDS;

export interface StatsParams {
  /** A `don-vi` that is not a unit id at all: as "not found" as a unit outside the scope. */
  badUnit: boolean;
  query: DashboardQuery;
  /** What was typed, trimmed, for the form and for links that keep the same days. */
  typed: Partial<Record<DateField, string>>;
  fieldErrors: Partial<Record<DateField, MessageKey>>;
}

const text = z.string().trim().max(40).optional().catch(undefined);

/** dd/MM/yyyy (d/M/yyyy, dots or dashes too) or yyyy-MM-dd → yyyy-MM-dd, or null when it is no calendar day. */
export function parseDay(value: string): string | null {
  const vn = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(value);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const [y, m, d] = vn ? [vn[3], vn[2], vn[1]] : iso ? [iso[1], iso[2], iso[3]] : [];
  if (!y || !m || !d) return null;
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  if (date.getUTCFullYear() !== Number(y) || date.getUTCMonth() !== Number(m) - 1 || date.getUTCDate() !== Number(d)) return null;
  return date.toISOString().slice(0, 10);
}

export function parseStatsParams(raw: RawSearchParams | URLSearchParams): StatsParams {
  const values = raw instanceof URLSearchParams ? Object.fromEntries(raw.entries()) : firstValues(raw);
  const unit = text.parse(values["don-vi"]);
  const badUnit = Boolean(unit) && !z.uuid().safeParse(unit).success;
  const query: DashboardQuery = { unitId: unit || undefined };
  const typed: StatsParams["typed"] = {};
  const fieldErrors: StatsParams["fieldErrors"] = {};
  for (const [field, name] of Object.entries(DATE_FIELDS) as [DateField, string][]) {
    const value = text.parse(values[name]);
    if (!value) continue;
    typed[field] = value;
    const day = parseDay(value);
    if (day) query[field] = day;
    else fieldErrors[field] = "validation.date";
  }
  return { badUnit, query, typed, fieldErrors };
}

/** The page (or the export) for a unit, keeping the days the user typed. */
export function statsHref(typed: StatsParams["typed"], unitId?: string, path: string = STATS_PATH): string {
  const params = new URLSearchParams();
  if (unitId) params.set("don-vi", unitId);
  for (const [field, name] of Object.entries(DATE_FIELDS) as [DateField, string][]) {
    const value = typed[field];
    if (value) params.set(name, value);
  }
  const query = params.toString();
  return query ? `${path}?${query}` : path;
}
