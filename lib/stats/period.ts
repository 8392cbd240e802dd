import { InvalidInputError } from "@/lib/auth/errors";
import type { MessageKey } from "@/lib/i18n";
import { addDays, todayInVietnam } from "@/lib/i18n/format";

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether a yyyy-MM-dd string names a real calendar day. */
export function isIsoDay(value: string): boolean {
  const m = ISO_DAY.exec(value);
  if (!m) return false;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.getUTCFullYear() === Number(m[1]) && date.getUTCMonth() === Number(m[2]) - 1 && date.getUTCDate() === Number(m[3]);
}

/** The same day and month a year earlier; 29 February becomes 28 February. */
export function sameDayLastYear(day: string): string {
  const [y, m, d] = day.split("-") as [string, string, string];
  const year = Number(y) - 1;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return `${String(year).padStart(4, "0")}-${m}-${m === "02" && d === "29" && !leap ? "28" : d}`;
}

/** Every calendar month (yyyy-MM) from the month of `from` to that of `to`. */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  let [y, m] = from.split("-").map(Number) as [number, number];
  const [ty, tm] = to.split("-").map(Number) as [number, number];
  while (y < ty || (y === ty && m <= tm)) {
    months.push(`${y}-${String(m).padStart(2, "0")}`);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return months;
}

/** The first day of the month after the one `day` falls in. */
export function nextMonthStart(day: string): string {
  const [y, m] = day.split("-").map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, "0")}-01`;
}

export interface MonthSplit {
  /** The whole months inside the period, by their first days: [first, end), or none. */
  months: [string, string] | null;
  /** The days of the period outside those months (inclusive ranges). */
  days: [string, string][];
}

/** A period (inclusive days) as its whole months and the days at its edges, for the month sums. */
export function splitByMonth(from: string, to: string): MonthSplit {
  const first = from.endsWith("-01") ? from : nextMonthStart(from);
  const end = `${addDays(to, 1).slice(0, 7)}-01`;
  if (first >= end) return { months: null, days: [[from, to]] };
  const days: [string, string][] = [];
  if (from < first) days.push([from, addDays(first, -1)]);
  if (end <= to) days.push([end, to]);
  return { months: [first, end], days };
}

export interface Period {
  asOf: string;
  lastYearAsOf: string;
  from: string;
  to: string;
  lastYearFrom: string;
  lastYearTo: string;
}

/**
 * The days a dashboard is for. Defaults: today (Vietnam), and flows from 1 January of the as-of
 * year to the as-of day. Refuses a day that is not a date, a day after today and a reversed
 * period, naming the field.
 */
export function resolvePeriod(query: { asOf?: string; from?: string; to?: string }, today = todayInVietnam()): Period {
  const errors: Record<string, MessageKey> = {};
  for (const field of ["asOf", "from", "to"] as const) {
    const value = query[field];
    if (value !== undefined && !isIsoDay(value)) errors[field] = "validation.date";
  }
  if (Object.keys(errors).length > 0) throw new InvalidInputError(errors);
  const asOf = query.asOf ?? query.to ?? today;
  const to = query.to ?? asOf;
  const from = query.from ?? `${to.slice(0, 4)}-01-01`;
  if (asOf > today) errors.asOf = "stats.asOfFuture";
  // A period not given follows the as-of day: only the field the user typed is named.
  if (to > today && (query.to !== undefined || asOf <= today)) errors.to = "stats.futureDate";
  if (from > to) errors.from = "stats.reversedRange";
  if (Object.keys(errors).length > 0) throw new InvalidInputError(errors);
  return { asOf, lastYearAsOf: sameDayLastYear(asOf), from, to, lastYearFrom: sameDayLastYear(from), lastYearTo: sameDayLastYear(to) };
}

/** Age (by year of birth, as statistics count it) into its band. */
export function ageBand(birthYear: number | null, year: number): string {
  if (birthYear === null) return "unknown";
  const age = year - birthYear;
  if (age < 18) return "under18";
  if (age <= 25) return "18-25";
  if (age <= 30) return "26-30";
  if (age <= 40) return "31-40";
  if (age <= 50) return "41-50";
  if (age <= 60) return "51-60";
  return "over60";
}

/** Years of membership (by year of joining) into its band. */
export function membershipBand(joinedYear: number | null, year: number): string {
  if (joinedYear === null) return "unknown";
  const years = year - joinedYear;
  if (years < 1) return "under1";
  if (years <= 5) return "1-5";
  if (years <= 10) return "6-10";
  if (years <= 20) return "11-20";
  return "over20";
}
