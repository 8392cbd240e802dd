import type { Metadata } from "next";
import { orNotFound } from "@/lib/auth/page-guard";
import { getActor } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { t } from "@/lib/i18n";
import { addDays, formatDateTime, todayInVietnam } from "@/lib/i18n/format";
import {
  byDay,
  calendarFor,
  calendarUnitChoices,
  dayRange,
  formatDayParam,
  monthGrid,
  parseDayParam,
  shiftMonth,
  weekDays,
} from "@/lib/meetings/calendar";
import { listFeedTokens } from "@/lib/meetings/feed-tokens";
import { firstValues, type RawSearchParams } from "@/lib/search-params";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { CalendarMonth } from "@/components/meetings/calendar-month";
import { CalendarSync } from "@/components/meetings/calendar-sync";
import { CalendarToolbar, type CalendarView } from "@/components/meetings/calendar-toolbar";
import { CalendarWeek } from "@/components/meetings/calendar-week";

export const metadata: Metadata = { title: t("calendar.title") };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The meetings calendar: /lam-viec/lich?xem=tuan|thang&ngay=dd/MM/yyyy&don-vi=<unit>. Without a
 * unit it is the person's own calendar (invited, or held by their unit); with one, that unit's
 * and everything below it, within their scope (a unit outside it is 404). Vietnam's time throughout.
 */
export default async function CalendarPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const raw = firstValues(await searchParams);
  const view: CalendarView = raw.xem === "thang" ? "thang" : "tuan";
  const today = todayInVietnam();
  const typedDay = raw.ngay?.trim() ?? "";
  const parsedDay = typedDay ? parseDayParam(typedDay) : today;
  const day = parsedDay ?? today;
  const unitId = raw["don-vi"] && UUID.test(raw["don-vi"]) ? raw["don-vi"] : null;

  const db = await getDb();
  const actor = await getActor();
  const grid = view === "thang" ? monthGrid(day) : null;
  const days = grid ? grid.weeks.flat().map((d) => d.day) : weekDays(day);
  const range = dayRange(days[0]!, days.at(-1)!);
  const [entries, choices, tokens] = await orNotFound(() =>
    Promise.all([
      calendarFor(db, actor, { ...range, unitIds: raw["don-vi"] ? [raw["don-vi"]] : undefined, includeCancelled: true }),
      actor ? calendarUnitChoices(db, actor) : [],
      listFeedTokens(db, actor),
    ]),
  );
  const grouped = byDay(entries, days);

  const href = (next: { xem?: CalendarView; ngay?: string | null }) => {
    const q = new URLSearchParams();
    q.set("xem", next.xem ?? view);
    const d = next.ngay === undefined ? day : next.ngay;
    if (d && d !== today) q.set("ngay", formatDayParam(d));
    if (unitId) q.set("don-vi", unitId);
    return `/lam-viec/lich?${q.toString()}`;
  };
  const links = {
    previous: href({ ngay: view === "thang" ? shiftMonth(day, -1) : addDays(day, -7) }),
    next: href({ ngay: view === "thang" ? shiftMonth(day, 1) : addDays(day, 7) }),
    today: href({ ngay: null }),
    week: href({ xem: "tuan" }),
    month: href({ xem: "thang" }),
  };
  const heading =
    view === "thang"
      ? t("calendar.monthHeading", { month: Number(day.slice(5, 7)), year: day.slice(0, 4) })
      : t("calendar.weekHeading", { from: formatDayParam(days[0]!), to: formatDayParam(days[6]!) });
  const unitName = unitId ? choices.find((c) => c.id === unitId)?.name ?? entries[0]?.unit.name : null;

  return (
    <div className="space-y-6">
      <Breadcrumbs items={[{ href: "/lam-viec", label: t("nav.dashboard") }, { label: t("calendar.title") }]} />
      <div className="space-y-1">
        <p className="text-sm font-medium uppercase tracking-wide text-brand-700">{t("calendar.eyebrow")}</p>
        <h1 className="text-2xl font-bold">{t("calendar.title")}</h1>
        <p className="text-sm text-slate-700">{t("calendar.timeZoneNote")}</p>
      </div>
      <CalendarToolbar
        view={view}
        links={links}
        dayValue={parsedDay ? formatDayParam(day) : typedDay}
        unitId={unitId}
        choices={choices}
        dayError={parsedDay ? null : t("calendar.badDay")}
      />
      <section aria-labelledby="lich-tieu-de" className="space-y-3">
        <h2 id="lich-tieu-de" className="text-lg font-semibold">
          {heading}
          {unitName ? ` — ${unitName}` : ""}
        </h2>
        {entries.length === 0 && <p className="text-sm text-slate-700">{t("calendar.noMeetingsRange")}</p>}
        {grid ? <CalendarMonth grid={grid} byDay={grouped} today={today} caption={heading} /> : <CalendarWeek days={days} byDay={grouped} today={today} />}
      </section>
      <section aria-labelledby="dong-bo-lich" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="dong-bo-lich" className="text-lg font-semibold">{t("calendar.sync.title")}</h2>
        <CalendarSync tokens={tokens.map((tk) => ({ id: tk.id, createdAt: formatDateTime(tk.createdAt), revokedAt: tk.revokedAt ? formatDateTime(tk.revokedAt) : null }))} />
      </section>
    </div>
  );
}
