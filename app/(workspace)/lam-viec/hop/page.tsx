import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { Badge } from "@/components/ui/card";
import { buttonClass } from "@/components/ui/button";
import { holdsPermission } from "@/lib/auth/guard";
import { orNotFound } from "@/lib/auth/page-guard";
import { getActor } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { t, type MessageKey } from "@/lib/i18n";
import { formatDate, formatDateTime } from "@/lib/i18n/format";
import { listSeries } from "@/lib/meetings/series";
import { listMeetings } from "@/lib/meetings/service";
import { listUnitOptions } from "@/lib/org/units";

export const metadata: Metadata = { title: t("meeting.title") };

const params = z.object({ "don-vi": z.uuid().optional().catch(undefined) });

/** Upcoming meetings (the next 90 days) the actor may see, optionally of one unit and below. */
export default async function MeetingsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { "don-vi": unitId } = params.parse(await searchParams);
  const db = await getDb();
  const actor = await getActor();
  const from = new Date();
  const to = new Date(from.getTime() + 90 * 86_400_000);
  const rows = await orNotFound(() => listMeetings(db, actor, { from, to, unitId: unitId ?? null }));
  const canRead = holdsPermission(actor, "meeting.read");
  const canManage = holdsPermission(actor, "meeting.manage");
  const [unitOptions, series] = canRead ? await Promise.all([listUnitOptions(db, actor, "meeting.read"), listSeries(db, actor)]) : [[], []];
  return (
    <div className="space-y-4">
      <Breadcrumbs items={[{ href: "/lam-viec", label: t("nav.dashboard") }, { label: t("meeting.title") }]} />
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-bold">{t("meetingList.heading")}</h1>
        {canManage && (
          <div className="flex flex-wrap gap-2">
            <Link href="/lam-viec/hop/moi" className={buttonClass()}>{t("meeting.create")}</Link>
            <Link href="/lam-viec/hop/giao-ban/moi" className={buttonClass("secondary")}>{t("seriesForm.heading")}</Link>
          </div>
        )}
      </div>
      {canRead && (
        <form method="get" className="flex flex-wrap items-end gap-3 text-sm">
          <label className="space-y-1">
            <span className="block font-medium">{t("meetingForm.unit")}</span>
            <select name="don-vi" defaultValue={unitId ?? ""} className="max-w-80 rounded-md border border-slate-300 bg-white px-2 py-2">
              <option value="">{t("common.all")}</option>
              {unitOptions.map((u) => <option key={u.id} value={u.id}>{"\u00a0".repeat(Math.max(0, u.level - 1) * 2)}{u.name}</option>)}
            </select>
          </label>
          <button type="submit" className={buttonClass("secondary")}>{t("meetingList.filter")}</button>
        </form>
      )}
      {rows.length === 0 ? (
        <p className="text-slate-600">{t("meetingList.empty")}</p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full text-sm">
            <thead className="bg-slate-50 text-left">
              <tr>
                <th scope="col" className="px-3 py-2">{t("meetingList.when")}</th>
                <th scope="col" className="px-3 py-2">{t("meetingForm.title")}</th>
                <th scope="col" className="px-3 py-2">{t("meetingForm.unit")}</th>
                <th scope="col" className="px-3 py-2">{t("meetingForm.room")}</th>
                <th scope="col" className="px-3 py-2">{t("meetingList.status")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((m) => (
                <tr key={m.id} className="border-t border-slate-100">
                  <td className="whitespace-nowrap px-3 py-2">{formatDateTime(m.startsAt)}</td>
                  <td className="px-3 py-2">
                    <Link href={`/lam-viec/hop/${m.id}`} className="font-medium text-brand-700 hover:underline">{m.title}</Link>
                    {m.seriesId && <span className="ml-2 text-xs text-slate-500">({t("meetingList.fromSeries")})</span>}
                  </td>
                  <td className="px-3 py-2">{m.unitName}</td>
                  <td className="px-3 py-2">
                    {m.onlineUrl ? <a href={m.onlineUrl} target="_blank" rel="noreferrer" className="text-brand-700 hover:underline">{m.roomName}</a> : (m.roomName ?? "—")}
                  </td>
                  <td className="px-3 py-2">
                    {m.status === "cancelled" ? <Badge tone="red">{t("meetingList.cancelled")}</Badge> : m.myReply ? <Badge tone={m.myReply === "pending" ? "amber" : "green"}>{t(`meetingList.reply.${m.myReply}` as MessageKey)}</Badge> : <Badge>{t("meetingList.scheduled")}</Badge>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {series.length > 0 && (
        <section className="space-y-2">
          <h2 className="text-lg font-semibold">{t("meetingList.series")}</h2>
          <ul className="space-y-1 text-sm">
            {series.map((s) => (
              <li key={s.id}>
                <Link href={`/lam-viec/hop/lich/${s.id}`} className="font-medium text-brand-700 hover:underline">{s.title}</Link>{" "}
                <span className="text-slate-600">— {s.unitName}, {s.startTime}, {t("seriesPage.since", { date: formatDate(s.startsOn) })}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
