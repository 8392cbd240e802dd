import type { Metadata } from "next";
import Link from "next/link";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { MeetingForm } from "@/components/meetings/meeting-form";
import { orNotFound } from "@/lib/auth/page-guard";
import { getActor } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { t } from "@/lib/i18n";
import { formatDate } from "@/lib/i18n/format";
import { meetingForEdit } from "@/lib/meetings/meeting-edit";

export const metadata: Metadata = { title: t("meetingEdit.title") };

/** Sửa cuộc họp: the meeting's form prefilled; outside the actor's meetings it is "not found". */
export default async function EditMeetingPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await getActor();
  const meeting = await orNotFound(async () => meetingForEdit(await getDb(), actor, id));
  const back = `/lam-viec/hop/${meeting.id}`;
  return (
    <div className="space-y-4">
      <Breadcrumbs
        items={[
          { href: "/lam-viec", label: t("nav.dashboard") },
          { href: "/lam-viec/hop", label: t("meeting.title") },
          { href: back, label: meeting.title },
          { label: t("meetingEdit.title") },
        ]}
      />
      <h1 className="text-2xl font-bold">{t("meetingEdit.title")}</h1>
      {!meeting.editable ? (
        <p className="text-sm">
          {t("meetingEdit.cancelled")} <Link href={back} className="text-brand-700 hover:underline">{t("meetingEdit.back")}</Link>
        </p>
      ) : (
        <>
          {meeting.seriesId && meeting.occurrenceDate && (
            // An occurrence is changed on its own (updateMeeting records a moved time as the series' exception for that date).
            <p className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm" data-testid="occurrence-note">
              {t("meetingEdit.occurrenceNote", { date: formatDate(meeting.occurrenceDate) })}{" "}
              <Link href={`/lam-viec/hop/lich/${meeting.seriesId}`} className="font-medium text-brand-700 hover:underline">{t("meetingEdit.seriesLink")}</Link>
            </p>
          )}
          <MeetingForm options={meeting.options} initial={meeting.values} mode={{ kind: "edit", id: meeting.id, version: meeting.version, unitName: meeting.unitName }} />
        </>
      )}
    </div>
  );
}
