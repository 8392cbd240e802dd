import { t } from "@/lib/i18n";
import { shortDayLabel, weekdayMondayFirst, type CalendarEntry } from "@/lib/meetings/calendar";
import { zonedParts } from "@/lib/meetings/recurrence";
import { CalendarEntryItem, ENTRY_LINE_PX } from "./calendar-entry";

const minutesOf = (instant: Date) => {
  const [h, m] = zonedParts(instant).time.split(":").map(Number);
  return h! * 60 + m!;
};

const dayName = (day: string) => t(`calendar.weekday.${weekdayMondayFirst(day)}` as "calendar.weekday.0");

/** Pixels per hour, and the least an entry is drawn (two lines: "09:00 Title…" and the way in). */
const HOUR_PX = 72;
const MIN_ENTRY_PX = 44;
/** The minutes an entry takes on the scale at least, for placing the ones after it. */
const MIN_ENTRY_MINUTES = Math.ceil((MIN_ENTRY_PX / HOUR_PX) * 60);
/** The entry's vertical padding and border (py-1, border). */
const ENTRY_CHROME_PX = 10;

/**
 * The week: seven day columns (Monday first) on an hour scale. Each day is a section with its own
 * heading and an ordered list of its meetings, so a screen reader reads it as a list per day, while
 * the eye sees each item placed by its time; meetings that overlap stand side by side.
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
  const height = hours.length * HOUR_PX;

  const span = (e: CalendarEntry, day: string) => ({
    start: zonedParts(e.startsAt).day === day ? minutesOf(e.startsAt) : 0,
    end: zonedParts(new Date(e.endsAt.getTime() - 1)).day === day ? minutesOf(e.endsAt) || 24 * 60 : 24 * 60,
  });
  /**
   * Meetings that overlap as drawn (a short one is drawn taller than its time) form a group; in a
   * group each takes the first lane free at its start and the group's lanes share the width. A
   * meeting overlapping none keeps the whole width.
   */
  const layout = (entries: CalendarEntry[], day: string) => {
    const placed: { e: CalendarEntry; start: number; end: number; lane: number; group: number }[] = [];
    const lanesOf: number[] = [];
    let laneEnds: number[] = [];
    let groupEnd = -1;
    const bySpan = entries.map((e) => ({ e, ...span(e, day) })).sort((a, b) => a.start - b.start || a.end - b.end);
    for (const { e, start, end } of bySpan) {
      if (start >= groupEnd) {
        // Clear of everything drawn before: a new group.
        lanesOf.push(0);
        laneEnds = [];
      }
      let lane = laneEnds.findIndex((until) => until <= start);
      if (lane < 0) lane = laneEnds.push(0) - 1;
      const drawnEnd = Math.max(end, start + MIN_ENTRY_MINUTES);
      laneEnds[lane] = drawnEnd;
      groupEnd = Math.max(...laneEnds);
      const group = lanesOf.length - 1;
      lanesOf[group] = Math.max(lanesOf[group]!, laneEnds.length);
      placed.push({ e, start, end, lane, group });
    }
    return placed.map(({ e, start, end, lane, group }) => {
      const lanes = lanesOf[group]!;
      const px = Math.max(((end - start) / 60) * HOUR_PX, MIN_ENTRY_PX);
      return {
        e,
        lines: Math.max(1, Math.floor((px - ENTRY_CHROME_PX) / ENTRY_LINE_PX)),
        narrow: lanes > 1,
        style: {
          top: `${((start - first * 60) / 60) * HOUR_PX}px`,
          height: `${px}px`,
          left: `calc(${(lane / lanes) * 100}% + 2px)`,
          width: `calc(${100 / lanes}% - 4px)`,
        },
      };
    });
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
                  {layout(entries, day).map(({ e, style, lines, narrow }) => (
                    <li key={e.id} className="absolute" style={style}>
                      <CalendarEntryItem entry={e} lines={lines} narrow={narrow} />
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
