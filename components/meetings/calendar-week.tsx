import { t } from "@/lib/i18n";
import { shortDayLabel, weekdayMondayFirst, type CalendarEntry } from "@/lib/meetings/calendar";
import { zonedParts } from "@/lib/meetings/recurrence";
import { CalendarEntryItem } from "./calendar-entry";

const minutesOf = (instant: Date) => {
  const [h, m] = zonedParts(instant).time.split(":").map(Number);
  return h! * 60 + m!;
};

const dayName = (day: string) => t(`calendar.weekday.${weekdayMondayFirst(day)}` as "calendar.weekday.0");

/**
 * The week: seven day columns (Monday first) on an hour scale. Each day is a section with its own
 * heading and an ordered list of its meetings, so a screen reader reads it as a list per day, while
 * the eye sees each item placed by its time; meetings at the same time share the width.
 */
export function CalendarWeek({ days, byDay, today }: { days: string[]; byDay: Map<string, CalendarEntry[]>; today: string }) {
  // 07:00–18:00 at least, widened to any meeting outside it.
  let first = 7;
  let last = 18;
  for (const day of days) {
    for (const e of byDay.get(day) ?? []) {
      const startsToday = zonedParts(e.startsAt).day === day;
      const endsToday = zonedParts(new Date(e.endsAt.getTime() - 1)).day === day;
      first = Math.min(first, startsToday ? Math.floor(minutesOf(e.startsAt) / 60) : 0);
      last = Math.max(last, endsToday ? Math.ceil(minutesOf(e.endsAt) / 60) || 24 : 24);
    }
  }
  const hours = Array.from({ length: last - first }, (_, i) => first + i);
  const HOUR_PX = 72;
  const height = hours.length * HOUR_PX;

  const span = (e: CalendarEntry, day: string) => ({
    start: zonedParts(e.startsAt).day === day ? minutesOf(e.startsAt) : 0,
    end: zonedParts(new Date(e.endsAt.getTime() - 1)).day === day ? minutesOf(e.endsAt) || 24 * 60 : 24 * 60,
  });
  /** Lanes for meetings that overlap: each takes the first lane free at its start. */
  const layout = (entries: CalendarEntry[], day: string) => {
    const laneEnds: number[] = [];
    const placed = entries.map((e) => {
      const { start, end } = span(e, day);
      let lane = laneEnds.findIndex((until) => until <= start);
      if (lane < 0) lane = laneEnds.push(0) - 1;
      laneEnds[lane] = Math.max(end, start + 45);
      return { e, start, end, lane };
    });
    const lanes = Math.max(laneEnds.length, 1);
    return placed.map(({ e, start, end, lane }) => ({
      e,
      style: {
        top: `${((start - first * 60) / 60) * HOUR_PX}px`,
        height: `${Math.max(((end - start) / 60) * HOUR_PX, 44)}px`,
        left: `calc(${(lane / lanes) * 100}% + 2px)`,
        width: `calc(${100 / lanes}% - 4px)`,
      },
    }));
  };

  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white" data-calendar-week>
      <div className="grid min-w-[56rem] grid-cols-[3.5rem_repeat(7,minmax(0,1fr))]">
        <div aria-hidden className="border-b border-slate-200" />
        {days.map((day) => (
          <div key={`h-${day}`} aria-hidden className={`border-b border-l border-slate-200 px-2 py-2 text-center text-sm ${day === today ? "bg-amber-50 font-bold text-brand-800" : "font-medium"}`}>
            {dayName(day)}
            <br />
            <span className="tabular-nums">{shortDayLabel(day)}</span>
          </div>
        ))}
        <div aria-hidden className="relative" style={{ height }}>
          {hours.map((h, i) => (
            <span key={h} className="absolute right-1 -translate-y-1/2 text-xs tabular-nums text-slate-500" style={{ top: i * HOUR_PX }}>
              {i > 0 ? `${String(h).padStart(2, "0")}:00` : ""}
            </span>
          ))}
        </div>
        {days.map((day) => {
          const entries = byDay.get(day) ?? [];
          const headingId = `ngay-${day}`;
          return (
            <section key={day} aria-labelledby={headingId} className={`relative border-l border-slate-200 ${day === today ? "bg-amber-50/60" : ""}`} style={{ height }} aria-current={day === today ? "date" : undefined}>
              <h3 id={headingId} className="sr-only">
                {dayName(day)} {shortDayLabel(day)}
                {day === today ? ` (${t("calendar.todayMark")})` : ""} — {entries.length > 0 ? t("calendar.count", { count: entries.length }) : t("calendar.noMeetingsDay")}
              </h3>
              {hours.map((h, i) => (
                <div key={h} aria-hidden className="absolute inset-x-0 border-t border-slate-100" style={{ top: i * HOUR_PX }} />
              ))}
              {entries.length > 0 && (
                <ol className="absolute inset-0">
                  {layout(entries, day).map(({ e, style }) => (
                    <li key={e.id} className="absolute" style={style}>
                      <CalendarEntryItem entry={e} />
                    </li>
                  ))}
                </ol>
              )}
            </section>
          );
        })}
      </div>
    </div>
  );
}
