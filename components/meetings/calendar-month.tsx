import { t } from "@/lib/i18n";
import { shortDayLabel, type CalendarEntry, type MonthGrid } from "@/lib/meetings/calendar";
import { CalendarEntryItem } from "./calendar-entry";

/**
 * The month as a table: a column per weekday (Monday first), a row per week, each cell headed by
 * its dd/MM and holding the list of that day's meetings. Today is marked for the eye and with
 * aria-current for a screen reader; days of the neighbouring months are greyed.
 */
export function CalendarMonth({ grid, byDay, today, caption }: { grid: MonthGrid; byDay: Map<string, CalendarEntry[]>; today: string; caption: string }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white" data-calendar-month>
      <table className="w-full min-w-[56rem] table-fixed border-collapse text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            {Array.from({ length: 7 }, (_, i) => (
              <th key={i} scope="col" className="border-b border-slate-200 px-2 py-2 text-center font-medium">
                <abbr title={t(`calendar.weekday.${i}` as "calendar.weekday.0")} className="no-underline">
                  {t(`calendar.weekdayShort.${i}` as "calendar.weekdayShort.0")}
                </abbr>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {grid.weeks.map((week) => (
            <tr key={week[0]!.day}>
              {week.map(({ day, inMonth }) => {
                const entries = byDay.get(day) ?? [];
                const isToday = day === today;
                return (
                  <td
                    key={day}
                    aria-current={isToday ? "date" : undefined}
                    className={`h-28 border border-slate-200 p-1 align-top ${isToday ? "bg-amber-50 ring-2 ring-inset ring-amber-400" : inMonth ? "" : "bg-slate-50 text-slate-500"}`}
                  >
                    <h3 className={`mb-1 text-xs tabular-nums ${isToday ? "font-bold text-brand-800" : "font-medium"}`}>
                      {shortDayLabel(day)}
                      {isToday && <span className="ml-1 rounded bg-amber-400 px-1 text-[0.65rem] text-slate-900">{t("calendar.todayMark")}</span>}
                      {entries.length > 0 && <span className="sr-only"> — {t("calendar.count", { count: entries.length })}</span>}
                    </h3>
                    {entries.length > 0 && (
                      <ol className="space-y-1">
                        {entries.map((e) => (
                          <li key={e.id}>
                            <CalendarEntryItem entry={e} compact />
                          </li>
                        ))}
                      </ol>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
