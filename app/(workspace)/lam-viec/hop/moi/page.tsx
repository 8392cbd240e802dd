import type { Metadata } from "next";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { MeetingForm } from "@/components/meetings/meeting-form";
import { orNotFound } from "@/lib/auth/page-guard";
import { getActor } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { t } from "@/lib/i18n";
import { todayInVietnam } from "@/lib/i18n/format";
import { dayForForm } from "@/lib/meetings/schemas";
import { meetingFormOptions } from "@/lib/meetings/service";

export const metadata: Metadata = { title: t("meeting.create") };

export default async function NewMeetingPage() {
  const actor = await getActor();
  const options = await orNotFound(async () => meetingFormOptions(await getDb(), actor));
  return (
    <div className="space-y-4">
      <Breadcrumbs items={[{ href: "/lam-viec", label: t("nav.dashboard") }, { href: "/lam-viec/hop", label: t("meeting.title") }, { label: t("meeting.create") }]} />
      <h1 className="text-2xl font-bold">{t("meeting.create")}</h1>
      <MeetingForm
        options={options}
        initial={{
          unitId: actor?.activeUnitId && options.units.some((u) => u.id === actor.activeUnitId) ? actor.activeUnitId : (options.units[0]?.id ?? ""),
          title: "",
          date: dayForForm(todayInVietnam()),
          startTime: "14:00",
          endTime: "16:00",
          chairId: "",
          roomId: "",
          participantUserIds: [],
          participantUnitIds: [],
          agendaText: "",
          documentIds: [],
        }}
      />
    </div>
  );
}
