import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getActor } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { t, type MessageKey } from "@/lib/i18n";
import { formatDate, formatDateTime } from "@/lib/i18n/format";
import { getOwnRecord } from "@/lib/members/corrections";
import { maskNationalId } from "@/lib/members/national-id";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { CorrectionRequestForm } from "@/components/members/correction-forms";
import { Badge, Card } from "@/components/ui/card";

export const metadata: Metadata = { title: t("member.own") };

const SHOWN = ["fullName", "birthDate", "gender", "ethnicity", "religion", "nationalId", "hometown", "currentAddress", "phone", "email", "education", "qualification", "occupation", "joinedOn", "partyJoinedOn"] as const;

export default async function OwnMemberRecordPage() {
  const actor = await getActor();
  if (!actor) redirect("/dang-nhap");
  const own = await getOwnRecord(await getDb(), actor);
  return (
    <div className="space-y-4">
      <Breadcrumbs items={[{ href: "/lam-viec", label: t("nav.dashboard") }, { label: t("member.own") }]} />
      <h1 className="text-2xl font-bold">{t("member.own")}</h1>
      {!own ? (
        <p className="rounded-lg border border-slate-200 bg-white p-4 text-sm">{t("member.ownNone")}</p>
      ) : (
        <>
          <Card title={`${own.member.fullName} · ${own.unitName}`}>
            <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
              {SHOWN.map((k) => {
                const raw = own.member[k];
                const value = k === "nationalId" ? maskNationalId(raw) : k === "gender" && raw ? t(`member.gender.${raw}` as MessageKey) : /Date|On$/.test(k) ? formatDate(raw) : raw;
                return (
                  <div key={k} className="flex gap-2">
                    <dt className="w-40 shrink-0 text-slate-600">{t(`member.${k}` as MessageKey)}</dt>
                    <dd>{value}</dd>
                  </div>
                );
              })}
            </dl>
          </Card>
          {own.requests.length > 0 && (
            <Card title={t("member.corrections")}>
              <ul className="space-y-2 text-sm">
                {own.requests.map((r) => (
                  <li key={r.id} className="flex flex-wrap items-center gap-2">
                    <span>{formatDateTime(r.requestedAt)}</span>
                    <span>{Object.entries(r.changes).map(([k, v]) => `${t(`member.${k}` as MessageKey)}: ${v}`).join("; ")}</span>
                    <Badge tone={r.status === "approved" ? "green" : r.status === "declined" ? "red" : "amber"}>{t(`member.request.${r.status}` as MessageKey)}</Badge>
                  </li>
                ))}
              </ul>
            </Card>
          )}
          <Card title={t("member.correction")}>
            <p className="mb-3 text-sm text-slate-700">{t("member.correctionIntro")}</p>
            <CorrectionRequestForm />
          </Card>
        </>
      )}
    </div>
  );
}
