import type { Metadata } from "next";
import Link from "next/link";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { CancelMeeting } from "@/components/meetings/cancel-meeting";
import { buttonClass } from "@/components/ui/button";
import { Badge, Card } from "@/components/ui/card";
import { orNotFound } from "@/lib/auth/page-guard";
import { getActor } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { t, type MessageKey } from "@/lib/i18n";
import { formatDate, formatDateTime } from "@/lib/i18n/format";
import { zonedParts } from "@/lib/meetings/recurrence";
import { getMeeting } from "@/lib/meetings/service";
import { attendanceWindow, attendanceWindowState } from "@/lib/meetings/attendance";
import { getMinutes } from "@/lib/meetings/minutes";
import { getMyInvitation, listInvitations } from "@/lib/meetings/replies";
import { DomainError } from "@/lib/auth/errors";
import { AttendancePanel } from "@/components/meetings/attendance-panel";
import { MinutesPanel } from "@/components/meetings/minutes-panel";
import { ReplyPanel } from "@/components/meetings/reply-panel";

export const metadata: Metadata = { title: t("meeting.title") };

export default async function MeetingPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const db = await getDb();
  const actor = await getActor();
  const meeting = await orNotFound(async () => getMeeting(db, actor, id));
  // Each panel's service checks who may see it: the invitee their reply, the chair and the unit's
  // readers the invitations and attendance, the invited and the organisers the minutes.
  const [mine, invitations, minutes] = await Promise.all([getMyInvitation(db, actor, id), ifAllowed(listInvitations(db, actor, id)), ifAllowed(getMinutes(db, actor, id))]);
  const over = isOver(meeting);
  const endTime = zonedParts(meeting.endsAt).time;
  return (
    <div className="space-y-4">
      <Breadcrumbs items={[{ href: "/lam-viec", label: t("nav.dashboard") }, { href: "/lam-viec/hop", label: t("meeting.title") }, { label: meeting.title }]} />
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <h1 className="text-2xl font-bold">{meeting.title}</h1>
          <p className="text-slate-700">
            {formatDateTime(meeting.startsAt)}–{endTime} · {meeting.unitName}
          </p>
        </div>
        {meeting.status === "cancelled" ? (
          <Badge tone="red">{t("meetingList.cancelled")}</Badge>
        ) : (
          <div className="flex flex-wrap items-start gap-2">
            {/* The service decides: canEdit is what updateMeeting would accept from this viewer. */}
            {meeting.canEdit && <Link href={`/lam-viec/hop/${meeting.id}/sua`} className={buttonClass("secondary")}>{t("meetingPage.edit")}</Link>}
            {meeting.canManage && <CancelMeeting id={meeting.id} />}
          </div>
        )}
      </div>
      {meeting.status === "cancelled" && meeting.cancelReason && <p className="text-sm text-red-800">{t("meetingPage.cancelReason", { reason: meeting.cancelReason })}</p>}
      <Card title={t("meetingPage.details")}>
        <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
          <dt className="font-medium">{t("meetingList.when")}</dt>
          <dd>{formatDateTime(meeting.startsAt)} – {formatDateTime(meeting.endsAt)}</dd>
          <dt className="font-medium">{t("meetingForm.chair")}</dt>
          <dd>{meeting.chairName ?? "—"}</dd>
          <dt className="font-medium">{t("meetingForm.room")}</dt>
          <dd>
            {meeting.onlineUrl ? (
              <a href={meeting.onlineUrl} target="_blank" rel="noreferrer" className="font-medium text-brand-700 hover:underline">{t("meetingPage.join", { room: meeting.room?.name ?? "" })}</a>
            ) : meeting.room ? (
              <>{meeting.room.name}{meeting.room.location ? `, ${meeting.room.location}` : ""}</>
            ) : (
              "—"
            )}
            {meeting.bookingStatus && <span className="ml-2"><Badge tone={meeting.bookingStatus === "approved" ? "green" : "amber"}>{t(`meetingPage.booking.${meeting.bookingStatus}` as MessageKey)}</Badge></span>}
          </dd>
          {meeting.onlineUrl && (
            <>
              <dt className="font-medium">{t("meetingPage.link")}</dt>
              <dd className="break-all font-mono text-xs">{meeting.onlineUrl}</dd>
            </>
          )}
          {meeting.seriesId && (
            <>
              <dt className="font-medium">{t("meetingPage.series")}</dt>
              <dd><Link href={`/lam-viec/hop/lich/${meeting.seriesId}`} className="text-brand-700 hover:underline">{t("meetingPage.seriesLink", { date: formatDate(meeting.occurrenceDate) })}</Link></dd>
            </>
          )}
        </dl>
      </Card>
      <Card title={t("meetingForm.agenda")}>
        {meeting.agenda.length === 0 ? <p className="text-sm text-slate-600">{t("common.none")}</p> : (
          <ol className="list-decimal space-y-1 pl-5 text-sm">
            {meeting.agenda.map((a) => (
              <li key={a.id}>{a.title}{a.presenter && <span className="text-slate-600"> — {a.presenter}</span>}{a.durationMinutes && <span className="text-slate-600"> ({t("meetingPage.minutes", { n: a.durationMinutes })})</span>}</li>
            ))}
          </ol>
        )}
      </Card>
      <Card title={t("meetingForm.documents")}>
        {meeting.documents.length === 0 ? <p className="text-sm text-slate-600">{t("common.none")}</p> : (
          <ul className="space-y-1 text-sm">
            {meeting.documents.map((d) => (
              <li key={d.id}><Link href={`/lam-viec/van-ban/${d.id}`} className="font-medium text-brand-700 hover:underline">{d.numberSymbol}</Link> — {d.abstract}</li>
            ))}
          </ul>
        )}
      </Card>
      <Card title={t("meetingPage.participants", { n: meeting.invitedCount })}>
        <div className="grid gap-4 text-sm sm:grid-cols-2">
          <div>
            <h3 className="font-medium">{t("meetingForm.participantUsers")}</h3>
            <ul className="list-disc pl-5">{meeting.participantUsers.map((u) => <li key={u.id}>{u.fullName} <span className="text-slate-600">— {u.unitName}</span></li>)}</ul>
          </div>
          <div>
            <h3 className="font-medium">{t("meetingForm.participantUnits")}</h3>
            <ul className="list-disc pl-5">{meeting.participantUnits.map((u) => <li key={u.id}>{u.name}</li>)}</ul>
          </div>
        </div>
      </Card>
      {mine && (
        <Card>
          <ReplyPanel meetingId={meeting.id} invitation={mine} open={!over} />
        </Card>
      )}
      {invitations && (
        <Card>
          <AttendancePanel
            meetingId={meeting.id}
            invitees={invitations.invitations}
            counts={invitations.counts}
            window={attendanceWindow(meeting)}
            windowState={meeting.status === "cancelled" ? "closed" : attendanceWindowState(meeting)}
            canTake={meeting.status !== "cancelled" && (meeting.canManage || invitations.isChair)}
          />
        </Card>
      )}
      {minutes && (
        <Card>
          <MinutesPanel meetingId={meeting.id} {...minutes} />
        </Card>
      )}
    </div>
  );
}

/** A panel the viewer may not see is left out; any other failure is a real error. */
async function ifAllowed<T>(load: Promise<T>): Promise<T | null> {
  try {
    return await load;
  } catch (error) {
    if (error instanceof DomainError && (error.code === "not_found" || error.code === "forbidden")) return null;
    throw error;
  }
}

/** Cancelled or ended: replies are closed (the service refuses them too). Rendered per request. */
function isOver(meeting: { status: string; endsAt: Date }): boolean {
  return meeting.status === "cancelled" || meeting.endsAt.getTime() < Date.now();
}
