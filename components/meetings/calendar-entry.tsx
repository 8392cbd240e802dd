import Link from "next/link";
import type { ReactNode } from "react";
import { t } from "@/lib/i18n";
import { meetingHref, type CalendarEntry } from "@/lib/meetings/calendar";
import { zonedParts } from "@/lib/meetings/recurrence";

export const timeOf = (instant: Date) => zonedParts(instant).time;

/** One line of an entry's text (text-xs, leading-snug): the week view sizes entries in these. */
export const ENTRY_LINE_PX = 16.5;

/**
 * One meeting in a calendar cell: time, title (to its page), unit, room or online link, my reply.
 * In the week view an entry is as tall as its meeting is long, so `lines` says how many lines fit:
 * the rows are shown by importance (time and title, the way in, the unit, the reply, the .ics) and
 * each is a whole line that ends in "…" rather than being cut through. A short meeting gets its
 * start and title on one line, or one above the other when it shares the day's width with others
 * (`narrow`), where only the start is shown. The full text is in the entry's tooltip, and all of it
 * is read out.
 */
export function CalendarEntryItem({ entry, compact = false, lines, narrow = false }: { entry: CalendarEntry; compact?: boolean; lines?: number; narrow?: boolean }) {
  const cancelled = entry.status === "cancelled";
  const start = timeOf(entry.startsAt);
  const end = timeOf(entry.endsAt);
  const range = t("calendar.timeRange", { start, end });
  const summary = `${t("calendar.entrySummary", { time: range, title: entry.title, unit: entry.unit.name })}${cancelled ? ` (${t("calendar.cancelled")})` : ""}`;
  const mark = cancelled && <span className="ml-1 whitespace-nowrap rounded bg-slate-300 px-1 font-medium text-slate-800">{t("calendar.cancelled")}</span>;
  const title = (
    <Link href={meetingHref(entry.id)} className="hover:underline">
      {entry.title}
    </Link>
  );
  const place =
    entry.onlineUrl && !cancelled ? (
      <p key="place" className="truncate">
        <a href={entry.onlineUrl} target="_blank" rel="noopener noreferrer" className="font-medium text-sky-800 underline">
          {t("calendar.join")}
        </a>
      </p>
    ) : entry.room && !compact ? (
      <p key="place" className="truncate text-slate-700">{entry.room.name}</p>
    ) : null;
  const box = `h-full overflow-hidden rounded-md border px-2 py-1 text-xs leading-snug ${cancelled ? "border-slate-300 bg-slate-100 text-slate-600" : entry.room?.kind === "online" ? "border-sky-300 bg-sky-50 text-slate-900" : "border-red-200 bg-brand-50 text-slate-900"}`;

  // The start alone where space is short; the end is still read out.
  const startOnly = (
    <time dateTime={entry.startsAt.toISOString()} className="shrink-0 font-semibold tabular-nums">
      {start}
      <span className="sr-only">–{end}</span>
    </time>
  );
  const heading = (lineCount: 1 | 2) => <h4 className={`min-w-0 font-semibold ${lineCount === 1 ? "truncate" : "line-clamp-2"} ${cancelled ? "line-through" : ""}`}>{title}</h4>;

  if (lines !== undefined && lines <= 2) {
    // Short and beside others: the start above the title. Short with the day's width: "09:00 Title…"
    // on one line, then the way in (or the cancelled mark).
    return (
      <article className={box} data-meeting-id={entry.id} data-density="short" title={summary}>
        {narrow ? (
          <>
            <p className="truncate">
              {startOnly}
              {mark}
            </p>
            {lines >= 2 && heading(1)}
          </>
        ) : (
          <>
            <div className="flex min-w-0 items-baseline gap-1">
              {startOnly}
              {heading(1)}
            </div>
            {lines >= 2 && (cancelled ? <p className="truncate">{mark}</p> : place)}
          </>
        )}
      </article>
    );
  }

  // Rows after the time and the title, by importance; the week view keeps as many as fit.
  const rows: ReactNode[] = [
    place,
    !compact && <p key="unit" className="truncate text-slate-700">{entry.unit.name}</p>,
    entry.myReply && !compact && <p key="reply" className="truncate text-slate-700">{t("calendar.myReply", { reply: t(`calendar.reply.${entry.myReply}`) })}</p>,
    !compact && (
      <p key="ics" className="truncate">
        <a href={`/api/lich/cuoc-hop/${entry.id}`} download className="text-slate-600 underline">
          {t("calendar.download")}
        </a>
      </p>
    ),
  ].filter(Boolean);
  // Two lines for the title when there is room for it and the rows below (or, beside others, before
  // them: a narrow entry's title needs the second line more than its unit), else one.
  const titleLines = lines === undefined || lines >= 3 + rows.length || lines >= 5 || (narrow && lines >= 3) ? 2 : 1;
  const shown = lines === undefined ? rows : rows.slice(0, Math.max(0, lines - 1 - titleLines));
  return (
    <article className={box} data-meeting-id={entry.id} data-density={lines === undefined ? undefined : "full"} title={summary}>
      <p className="truncate font-semibold tabular-nums">
        {narrow ? startOnly : <time dateTime={entry.startsAt.toISOString()}>{range}</time>}
        {mark}
      </p>
      {heading(titleLines)}
      {shown}
    </article>
  );
}
