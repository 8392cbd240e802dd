import { describe, expect, it } from "vitest";
import { nextMonthStart, splitByMonth } from "@/lib/stats/period";

describe("a period as whole months and edge days", () => {
  it("takes the months from 1 January and the days of the running month", () => {
    expect(splitByMonth("2026-01-01", "2026-11-22")).toEqual({ months: ["2026-01-01", "2026-11-01"], days: [["2026-11-01", "2026-11-22"]] });
  });

  it("keeps both ragged edges as days, across a year's end", () => {
    expect(splitByMonth("2025-11-15", "2026-02-10")).toEqual({
      months: ["2025-12-01", "2026-02-01"],
      days: [
        ["2025-11-15", "2025-11-30"],
        ["2026-02-01", "2026-02-10"],
      ],
    });
  });

  it("needs no days when the period is whole months, February of a leap year included", () => {
    expect(splitByMonth("2024-02-01", "2024-02-29")).toEqual({ months: ["2024-02-01", "2024-03-01"], days: [] });
    expect(splitByMonth("2025-12-01", "2025-12-31")).toEqual({ months: ["2025-12-01", "2026-01-01"], days: [] });
  });

  it("is all days when no whole month fits", () => {
    expect(splitByMonth("2026-03-05", "2026-03-20")).toEqual({ months: null, days: [["2026-03-05", "2026-03-20"]] });
    expect(splitByMonth("2026-03-20", "2026-04-10")).toEqual({ months: null, days: [["2026-03-20", "2026-04-10"]] });
    expect(splitByMonth("2026-03-01", "2026-03-30")).toEqual({ months: null, days: [["2026-03-01", "2026-03-30"]] });
  });

  it("finds the next month's first day", () => {
    expect(nextMonthStart("2026-12-31")).toBe("2027-01-01");
    expect(nextMonthStart("2026-02-01")).toBe("2026-03-01");
  });
});
