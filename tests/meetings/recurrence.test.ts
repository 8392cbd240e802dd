import { describe, expect, it } from "vitest";
import { expandSeries, InvalidRecurrence, isValidRule, parseRule, WEEKLY_BRIEFING, zonedInstant, zonedParts, type SeriesRule } from "@/lib/meetings/recurrence";

const briefing: SeriesRule = { ...WEEKLY_BRIEFING, startsOn: "2026-01-05", timeZone: "Asia/Ho_Chi_Minh", endsOn: null };
const iso = (d: Date) => d.toISOString();

describe("recurrence", () => {
  it("puts Monday 09:00 in Hà Nội at 02:00 UTC, every Monday across months and a year end", () => {
    const occurrences = expandSeries(briefing, "2026-12-01", "2027-01-31");
    expect(occurrences.map((o) => o.occurrenceDate)).toEqual(["2026-12-07", "2026-12-14", "2026-12-21", "2026-12-28", "2027-01-04", "2027-01-11", "2027-01-18", "2027-01-25"]);
    for (const o of occurrences) {
      expect(new Date(`${o.occurrenceDate}T00:00:00Z`).getUTCDay()).toBe(1);
      expect(iso(o.startsAt)).toBe(`${o.occurrenceDate}T02:00:00.000Z`);
      expect(o.endsAt.getTime() - o.startsAt.getTime()).toBe(90 * 60_000);
    }
  });

  it("keeps the local weekday when the meeting is early enough to be the day before in UTC", () => {
    const early: SeriesRule = { ...briefing, startTime: "06:00" };
    const [first] = expandSeries(early, "2026-03-01", "2026-03-08");
    expect(first!.occurrenceDate).toBe("2026-03-02");
    expect(iso(first!.startsAt)).toBe("2026-03-01T23:00:00.000Z");
    expect(zonedParts(first!.startsAt)).toEqual({ day: "2026-03-02", time: "06:00" });
  });

  it("follows a zone with summer time (the rule's wall clock stays at 09:00)", () => {
    const paris: SeriesRule = { ...briefing, timeZone: "Europe/Paris", startsOn: "2026-03-16" };
    const [winter, , summer] = expandSeries(paris, "2026-03-16", "2026-03-31");
    expect(iso(winter!.startsAt)).toBe("2026-03-16T08:00:00.000Z");
    expect(iso(summer!.startsAt)).toBe("2026-03-30T07:00:00.000Z");
    expect(zonedInstant("2026-07-01", "09:00", "Europe/Paris").toISOString()).toBe("2026-07-01T07:00:00.000Z");
  });

  it("skips a date (Tết) and moves another, and ends with the series", () => {
    const moved = { occurrenceDate: "2027-02-15", kind: "move" as const, startsAt: new Date("2027-02-16T07:00:00Z"), endsAt: new Date("2027-02-16T08:30:00Z") };
    const occurrences = expandSeries({ ...briefing, endsOn: "2027-02-22" }, "2027-02-01", "2027-03-31", [
      { occurrenceDate: "2027-02-08", kind: "skip", startsAt: null, endsAt: null },
      moved,
    ]);
    expect(occurrences.map((o) => [o.occurrenceDate, iso(o.startsAt), o.moved])).toEqual([
      ["2027-02-01", "2027-02-01T02:00:00.000Z", false],
      ["2027-02-15", "2027-02-16T07:00:00.000Z", true],
      ["2027-02-22", "2027-02-22T02:00:00.000Z", false],
    ]);
  });

  it("expands monthly and yearly rules, with counts and last weekdays, and nothing before the start", () => {
    const lastFriday: SeriesRule = { ...briefing, rrule: "FREQ=MONTHLY;BYDAY=-1FR", startTime: "14:00", startsOn: "2026-11-01" };
    expect(expandSeries(lastFriday, "2026-01-01", "2027-02-28").map((o) => o.occurrenceDate)).toEqual(["2026-11-27", "2026-12-25", "2027-01-29", "2027-02-26"]);
    const yearly: SeriesRule = { ...briefing, rrule: "FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=26;COUNT=3", startTime: "08:00", startsOn: "2026-01-01" };
    expect(expandSeries(yearly, "2026-01-01", "2035-12-31").map((o) => o.occurrenceDate)).toEqual(["2026-03-26", "2027-03-26", "2028-03-26"]);
    const biweekly: SeriesRule = { ...briefing, rrule: "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH" };
    expect(expandSeries(biweekly, "2026-01-05", "2026-01-25").map((o) => o.occurrenceDate)).toEqual(["2026-01-05", "2026-01-08", "2026-01-19", "2026-01-22"]);
  });

  it("refuses rules that are not meeting rules", () => {
    for (const bad of ["", "BYDAY=MO", "FREQ=WEEKLY;BYDAY=XX", "FREQ=HOURLY", "FREQ=WEEKLY;DTSTART=20260101T000000Z", "FREQ=FORTNIGHTLY"]) {
      expect(isValidRule(bad), bad).toBe(false);
      expect(() => parseRule(bad), bad).toThrow(InvalidRecurrence);
    }
    expect(isValidRule("FREQ=WEEKLY;BYDAY=MO")).toBe(true);
    expect(isValidRule("RRULE:FREQ=DAILY;COUNT=5")).toBe(true);
  });
});
