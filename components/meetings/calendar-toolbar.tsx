import Link from "next/link";
import { t } from "@/lib/i18n";
import { buttonClass } from "@/components/ui/button";

export type CalendarView = "tuan" | "thang";

export interface CalendarLinks {
  previous: string;
  next: string;
  today: string;
  week: string;
  month: string;
}

/** Previous / today / next, the week-or-month switch, and the unit filter with a day to jump to (a plain GET form). */
export function CalendarToolbar({
  view,
  links,
  dayValue,
  unitId,
  choices,
  dayError,
}: {
  view: CalendarView;
  links: CalendarLinks;
  dayValue: string;
  unitId: string | null;
  choices: { id: string; name: string; depth: number }[];
  dayError: string | null;
}) {
  const tab = (active: boolean) => buttonClass(active ? "primary" : "secondary");
  return (
    <div className="space-y-3 rounded-lg border border-slate-200 bg-white p-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <nav aria-label={t("calendar.navigation")} className="flex flex-wrap gap-2">
          <Link href={links.previous} className={buttonClass("secondary")}>
            <span aria-hidden>‹</span> {t(view === "tuan" ? "calendar.previousWeek" : "calendar.previousMonth")}
          </Link>
          <Link href={links.today} className={buttonClass("secondary")}>{t("calendar.today")}</Link>
          <Link href={links.next} className={buttonClass("secondary")}>
            {t(view === "tuan" ? "calendar.nextWeek" : "calendar.nextMonth")} <span aria-hidden>›</span>
          </Link>
        </nav>
        <nav aria-label={t("calendar.view.label")} className="flex gap-2">
          <Link href={links.week} aria-current={view === "tuan" ? "page" : undefined} className={tab(view === "tuan")}>{t("calendar.view.week")}</Link>
          <Link href={links.month} aria-current={view === "thang" ? "page" : undefined} className={tab(view === "thang")}>{t("calendar.view.month")}</Link>
        </nav>
      </div>
      <form method="get" action="/lam-viec/lich" className="flex flex-wrap items-end gap-3">
        <input type="hidden" name="xem" value={view} />
        {choices.length > 0 && (
          <div className="space-y-1">
            <label htmlFor="lich-don-vi" className="block text-sm font-medium">{t("calendar.filter.label")}</label>
            <select id="lich-don-vi" name="don-vi" defaultValue={unitId ?? ""} className="min-h-10 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm">
              <option value="">{t("calendar.filter.mine")}</option>
              {choices.map((c) => (
                <option key={c.id} value={c.id}>{`${c.depth > 0 ? "— " : ""}${c.name}`}</option>
              ))}
            </select>
          </div>
        )}
        <div className="space-y-1">
          <label htmlFor="lich-ngay" className="block text-sm font-medium">{t("calendar.filter.day")}</label>
          <input
            id="lich-ngay"
            name="ngay"
            defaultValue={dayValue}
            inputMode="numeric"
            aria-invalid={dayError ? true : undefined}
            aria-describedby={dayError ? "lich-ngay-loi" : undefined}
            className="min-h-10 w-36 rounded-md border border-slate-300 px-3 py-2 text-sm tabular-nums"
          />
        </div>
        <button type="submit" className={buttonClass("primary")}>{t("calendar.filter.submit")}</button>
        {dayError && <p id="lich-ngay-loi" role="alert" className="w-full text-sm text-red-700">{dayError}</p>}
      </form>
    </div>
  );
}
