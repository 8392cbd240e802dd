import type { Metadata } from "next";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { SeriesForm } from "@/components/meetings/series-form";
import { orNotFound } from "@/lib/auth/page-guard";
import { getActor } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { t } from "@/lib/i18n";
import { addDays, todayInVietnam } from "@/lib/i18n/format";
import { WEEKLY_BRIEFING } from "@/lib/meetings/recurrence";
import { dayForForm } from "@/lib/meetings/schemas";
import { meetingFormOptions } from "@/lib/meetings/service";

export const metadata: Metadata = { title: t("seriesForm.heading") };

/** The next Monday (today when it is Monday). */
function nextMonday(today: string): string {
  const weekday = new Date(`${today}T00:00:00Z`).getUTCDay();
  return addDays(today, (8 - weekday) % 7);
}

export default async function NewSeriesPage() {
  const actor = await getActor();
  const options = await orNotFound(async () => meetingFormOptions(await getDb(), actor));
  return (
    <div className="space-y-4">
      <Breadcrumbs items={[{ href: "/lam-viec", label: t("nav.dashboard") }, { href: "/lam-viec/hop", label: t("meeting.title") }, { label: t("seriesForm.heading") }]} />
      <h1 className="text-2xl font-bold">{t("seriesForm.heading")}</h1>
      <p className="text-sm text-slate-600">{t("seriesForm.intro")}</p>
      <SeriesForm
        options={options}
        initial={{
          unitId: actor?.activeUnitId && options.units.some((u) => u.id === actor.activeUnitId) ? actor.activeUnitId : (options.units[0]?.id ?? ""),
          title: t("seriesForm.defaultTitle"),
          startsOn: dayForForm(nextMonday(todayInVietnam())),
          startTime: WEEKLY_BRIEFING.startTime,
          durationMinutes: WEEKLY_BRIEFING.durationMinutes,
          kind: "weekly",
          weekdays: ["MO"],
          interval: 2,
          monthDay: 1,
          rrule: WEEKLY_BRIEFING.rrule,
          chairId: "",
          roomId: "",
          participantUserIds: [],
          participantUnitIds: [],
          agendaText: "",
        }}
      />
    </div>
  );
}
