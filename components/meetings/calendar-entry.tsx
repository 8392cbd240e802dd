import Link from "next/link";
import { t } from "@/lib/i18n";
import { meetingHref, type CalendarEntry } from "@/lib/meetings/calendar";
import { zonedParts } from "@/lib/meetings/recurrence";

export const timeOf = (instant: Date) => zonedParts(instant).time;

/** One meeting in a calendar cell: time, title (to its page), unit, room or online link, my reply. */
export function CalendarEntryItem({ entry, compact = false }: { entry: CalendarEntry; compact?: boolean }) {
  const cancelled = entry.status === "cancelled";
  const time = t("calendar.timeRange", { start: timeOf(entry.startsAt), end: timeOf(entry.endsAt) });
  return (
    <article
      className={`h-full overflow-hidden rounded-md border px-2 py-1 text-xs leading-snug ${cancelled ? "border-slate-300 bg-slate-100 text-slate-600" : entry.room?.kind === "online" ? "border-sky-300 bg-sky-50 text-slate-900" : "border-brand-200 bg-brand-50 text-slate-900"}`}
      data-meeting-id={entry.id}
    >
      <p className="font-semibold tabular-nums">
        <time dateTime={entry.startsAt.toISOString()}>{time}</time>
        {cancelled && <span className="ml-1 whitespace-nowrap rounded bg-slate-300 px-1 font-medium text-slate-800">{t("calendar.cancelled")}</span>}
      </p>
      <h4 className={`font-semibold ${cancelled ? "line-through" : ""}`}>
        <Link href={meetingHref(entry.id)} className="hover:underline">
          {entry.title}
        </Link>
      </h4>
      {!compact && <p className="text-slate-700">{entry.unit.name}</p>}
      {entry.onlineUrl && !cancelled ? (
        <p>
          <a href={entry.onlineUrl} target="_blank" rel="noopener noreferrer" className="font-medium text-sky-800 underline">
            {t("calendar.join")}
          </a>
        </p>
      ) : entry.room && !compact ? (
        <p className="text-slate-700">{entry.room.name}</p>
      ) : null}
      {entry.myReply && !compact && <p className="text-slate-700">{t("calendar.myReply", { reply: t(`calendar.reply.${entry.myReply}`) })}</p>}
      {!compact && (
        <p>
          <a href={`/api/lich/cuoc-hop/${entry.id}`} download className="text-slate-600 underline">
            {t("calendar.download")}
          </a>
        </p>
      )}
    </article>
  );
}
