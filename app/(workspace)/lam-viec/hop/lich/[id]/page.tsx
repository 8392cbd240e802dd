import type { Metadata } from "next";
import Link from "next/link";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { ChangeFromForm, OccurrenceActions } from "@/components/meetings/series-occurrence-actions";
import { Badge, Card } from "@/components/ui/card";
import { orNotFound } from "@/lib/auth/page-guard";
import { getActor } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { t } from "@/lib/i18n";
import { formatDate, formatDateTime, todayInVietnam } from "@/lib/i18n/format";
import { zonedParts } from "@/lib/meetings/recurrence";
import { dayForForm } from "@/lib/meetings/schemas";
import { getSeries } from "@/lib/meetings/series";

export const metadata: Metadata = { title: t("seriesPage.title") };

export default async function SeriesPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const series = await orNotFound(async () => getSeries(await getDb(), await getActor(), id));
  const today = todayInVietnam();
  const upcoming = series.occurrences.filter((o) => o.occurrenceDate! >= today);
  // A change starts after the first day (the day before it ends the series), so offer the next open date after both.
  const nextOpen = upcoming.find((o) => o.occurrenceDate! > today && o.occurrenceDate! > series.startsOn && o.status === "scheduled");
  return (
    <div className="space-y-4">
      <Breadcrumbs items={[{ href: "/lam-viec", label: t("nav.dashboard") }, { href: "/lam-viec/hop", label: t("meeting.title") }, { label: series.title }]} />
      <h1 className="text-2xl font-bold">{series.title}</h1>
      <Card title={t("seriesPage.rule")}>
        <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
          <dt className="font-medium">{t("meetingForm.unit")}</dt>
          <dd>{series.unitName}</dd>
          <dt className="font-medium">{t("seriesForm.rrule")}</dt>
          <dd className="font-mono">{series.rrule}</dd>
          <dt className="font-medium">{t("seriesPage.time")}</dt>
          <dd>{t("seriesPage.timeValue", { time: series.startTime, minutes: series.durationMinutes, zone: series.timeZone })}</dd>
          <dt className="font-medium">{t("seriesPage.period")}</dt>
          <dd>{formatDate(series.startsOn)} – {series.endsOn ? formatDate(series.endsOn) : t("seriesPage.noEnd")}</dd>
          <dt className="font-medium">{t("meetingForm.room")}</dt>
          <dd>{series.onlineUrl ? <a href={series.onlineUrl} target="_blank" rel="noreferrer" className="text-brand-700 hover:underline">{series.room?.name}</a> : (series.room?.name ?? "—")}</dd>
        </dl>
        {series.continuesId && <p className="mt-2 text-sm"><Link href={`/lam-viec/hop/lich/${series.continuesId}`} className="text-brand-700 hover:underline">{t("seriesPage.continues")}</Link></p>}
        {series.continuedBy && <p className="mt-2 text-sm"><Link href={`/lam-viec/hop/lich/${series.continuedBy.id}`} className="text-brand-700 hover:underline">{t("seriesPage.continuedBy", { date: formatDate(series.continuedBy.startsOn) })}</Link></p>}
      </Card>
      <Card title={t("seriesPage.occurrences")}>
        {upcoming.length === 0 ? <p className="text-sm text-slate-600">{t("meetingList.empty")}</p> : (
          <ul className="divide-y divide-slate-100">
            {upcoming.map((o) => (
              <li key={o.id} className="flex flex-wrap items-start justify-between gap-3 py-3">
                <div className="text-sm">
                  <Link href={`/lam-viec/hop/${o.id}`} className="font-medium text-brand-700 hover:underline">{formatDateTime(o.startsAt)}–{zonedParts(o.endsAt).time}</Link>
                  {o.occurrenceDate !== zonedParts(o.startsAt).day && <span className="ml-2 text-slate-600">{t("seriesPage.movedFrom", { date: formatDate(o.occurrenceDate) })}</span>}
                  {o.status === "cancelled" && <span className="ml-2"><Badge tone="red">{t("seriesPage.skipped")}</Badge> <span className="text-slate-600">{o.cancelReason}</span></span>}
                </div>
                {series.canManage && o.status === "scheduled" && o.occurrenceDate! > today && (
                  <OccurrenceActions
                    seriesId={series.id}
                    occurrenceDate={o.occurrenceDate!}
                    dayText={dayForForm(zonedParts(o.startsAt).day)}
                    time={{ startTime: zonedParts(o.startsAt).time, endTime: zonedParts(o.endsAt).time }}
                  />
                )}
              </li>
            ))}
          </ul>
        )}
      </Card>
      {series.canManage && !series.continuedBy && nextOpen && (
        <Card title={t("seriesPage.changeFrom")}>
          <ChangeFromForm
            initial={{
              seriesId: series.id,
              fromDate: dayForForm(nextOpen.occurrenceDate!),
              title: series.title,
              rrule: series.rrule,
              startTime: series.startTime,
              durationMinutes: series.durationMinutes,
              chairId: series.chairId ?? "",
              roomId: series.roomId ?? "",
              participantUserIds: series.template.userIds,
              participantUnitIds: series.template.unitIds,
              agenda: series.template.agenda,
            }}
          />
        </Card>
      )}
    </div>
  );
}
