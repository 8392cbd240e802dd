import * as rruleModule from "rrule";

// rrule ships a CommonJS main and an ES module build without "type": "module": bundlers (Next,
// Vitest) see named exports, Node's own loader (tsx: the worker, scripts) only a default one.
const { RRule, rrulestr } = ((rruleModule as unknown as { default?: typeof rruleModule }).default ?? rruleModule) as typeof rruleModule;
type RRule = InstanceType<typeof RRule>;

/**
 * A series' occurrences. The rule (RFC 5545, through the rrule library) is expanded in floating
 * local time — "Monday 09:00" is Monday 09:00 on the wall clock of the series' time zone — and
 * each occurrence is then placed on the time line in that zone. Expanding in UTC instead would
 * put an early-morning meeting on the wrong weekday (06:00 Monday in Hà Nội is Sunday in UTC).
 */

export const DEFAULT_TIME_ZONE = "Asia/Ho_Chi_Minh";
/** The weekly briefing the organisations asked for: Monday 09:00–10:30. */
export const WEEKLY_BRIEFING = { rrule: "FREQ=WEEKLY;BYDAY=MO", startTime: "09:00", durationMinutes: 90 } as const;

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

export class InvalidRecurrence extends Error {}

/** The rule parsed and checked: it must repeat (FREQ), name no DTSTART of its own, and not be endless by the second. */
export function parseRule(rule: string): RRule {
  const text = rule.trim().replace(/^RRULE:/i, "");
  if (!/^FREQ=/i.test(text) && !/;FREQ=/i.test(text)) throw new InvalidRecurrence("no FREQ");
  if (/DTSTART|TZID/i.test(text)) throw new InvalidRecurrence("DTSTART and TZID come from the series");
  let parsed: RRule;
  try {
    parsed = rrulestr(`RRULE:${text}`, { forceset: false }) as RRule;
  } catch (error) {
    throw new InvalidRecurrence(error instanceof Error ? error.message : String(error));
  }
  if (!(parsed instanceof RRule)) throw new InvalidRecurrence("not a single rule");
  const { freq } = parsed.options;
  if (freq === RRule.SECONDLY || freq === RRule.MINUTELY || freq === RRule.HOURLY) throw new InvalidRecurrence("meetings repeat daily at most");
  return parsed;
}

export function isValidRule(rule: string): boolean {
  try {
    parseRule(rule);
    return true;
  } catch {
    return false;
  }
}

/** A floating local date-time as a Date whose UTC fields are the wall clock's. */
function floating(day: string, time: string): Date {
  const [, y, m, d] = DAY.exec(day)!;
  const [, hh, mm] = TIME.exec(time)!;
  return new Date(Date.UTC(Number(y), Number(m) - 1, Number(d), Number(hh), Number(mm)));
}

const dayOf = (date: Date) => date.toISOString().slice(0, 10);

/** The zone's offset from UTC, in minutes, at an instant. */
function offsetMinutes(instant: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  const asUtc = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  return Math.round((asUtc - instant.getTime()) / 60_000);
}

/** The instant at which the wall clock of `timeZone` shows `day` `time`. */
export function zonedInstant(day: string, time: string, timeZone: string = DEFAULT_TIME_ZONE): Date {
  const wall = floating(day, time).getTime();
  // Twice: the offset at the guess may differ from the offset at the answer across a DST change.
  let instant = wall - offsetMinutes(new Date(wall), timeZone) * 60_000;
  instant = wall - offsetMinutes(new Date(instant), timeZone) * 60_000;
  return new Date(instant);
}

/** The local day and time ("yyyy-MM-dd", "HH:mm") of an instant in a zone. */
export function zonedParts(instant: Date, timeZone: string = DEFAULT_TIME_ZONE): { day: string; time: string } {
  const local = new Date(instant.getTime() + offsetMinutes(instant, timeZone) * 60_000);
  return { day: dayOf(local), time: local.toISOString().slice(11, 16) };
}

export interface SeriesRule {
  rrule: string;
  startsOn: string;
  startTime: string;
  durationMinutes: number;
  timeZone: string;
  endsOn: string | null;
}

export interface SeriesException {
  occurrenceDate: string;
  kind: "skip" | "move";
  startsAt: Date | null;
  endsAt: Date | null;
}

export interface Occurrence {
  /** The local day the rule gives (the occurrence's name, even when moved). */
  occurrenceDate: string;
  startsAt: Date;
  endsAt: Date;
  moved: boolean;
}

/**
 * The occurrences whose rule day lies between `from` and `to` (local days, both included), with
 * skipped days left out and moved ones at their new time.
 */
export function expandSeries(series: SeriesRule, from: string, to: string, exceptions: SeriesException[] = []): Occurrence[] {
  const rule = parseRule(series.rrule);
  const last = series.endsOn && series.endsOn < to ? series.endsOn : to;
  const first = series.startsOn > from ? series.startsOn : from;
  if (first > last) return [];
  const expander = new RRule({ ...rule.origOptions, dtstart: floating(series.startsOn, series.startTime) });
  const byDay = new Map(exceptions.map((e) => [e.occurrenceDate, e]));
  const occurrences: Occurrence[] = [];
  for (const wall of expander.between(floating(first, "00:00"), floating(last, "23:59"), true)) {
    const occurrenceDate = dayOf(wall);
    const exception = byDay.get(occurrenceDate);
    if (exception?.kind === "skip") continue;
    if (exception?.kind === "move") {
      occurrences.push({ occurrenceDate, startsAt: exception.startsAt!, endsAt: exception.endsAt!, moved: true });
      continue;
    }
    const startsAt = zonedInstant(occurrenceDate, series.startTime, series.timeZone);
    occurrences.push({ occurrenceDate, startsAt, endsAt: new Date(startsAt.getTime() + series.durationMinutes * 60_000), moved: false });
  }
  return occurrences;
}

/** The rule as an RRULE line for a calendar (ICS) with its DTSTART in the zone. */
export function ruleLine(series: Pick<SeriesRule, "rrule" | "endsOn" | "startTime" | "timeZone">): string {
  const rule = parseRule(series.rrule);
  if (!series.endsOn || rule.options.until || rule.options.count) return `RRULE:${series.rrule.replace(/^RRULE:/i, "")}`;
  const until = zonedInstant(series.endsOn, "23:59", series.timeZone);
  return `RRULE:${series.rrule.replace(/^RRULE:/i, "")};UNTIL=${until.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "")}`;
}
