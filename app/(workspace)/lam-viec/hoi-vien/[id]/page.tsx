import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { z } from "zod";
import { getActor } from "@/lib/auth/session";
import { orNotFound } from "@/lib/auth/page-guard";
import { getDb } from "@/lib/db";
import { t, type MessageKey } from "@/lib/i18n";
import { formatBirthDate, formatDate } from "@/lib/i18n/format";
import { listPendingCorrections } from "@/lib/members/corrections";
import { getMember } from "@/lib/members/service";
import { listAllActiveUnits } from "@/lib/members/units";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { DecideCorrection } from "@/components/members/correction-forms";
import { ExitForm, ParticipationEditor, TransferForm } from "@/components/members/lifecycle-forms";
import { EditMemberForm, type MemberFormValues } from "@/components/members/member-form";
import { Alert } from "@/components/ui/alert";
import { Badge, Card } from "@/components/ui/card";

export const metadata: Metadata = { title: t("member.title") };

export default async function MemberPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!z.uuid().safeParse(id).success) notFound();
  const db = await getDb();
  const actor = await getActor();
  const record = await orNotFound(() => getMember(db, actor, id));
  const { member } = record;
  const editable = record.canManage && member.status === "active";
  const transferTargets = editable ? await listAllActiveUnits(db) : [];
  const corrections = record.canManage ? await listPendingCorrections(db, actor, member.id) : [];
  const values = Object.fromEntries(
    (["fullName", "birthDate", "gender", "ethnicity", "religion", "nationalId", "hometown", "currentAddress", "phone", "email", "education", "qualification", "occupation", "joinedOn", "partyJoinedOn", "lawfulBasis"] as const).map(
      (k) => [k, member[k] ?? ""],
    ),
  ) as unknown as MemberFormValues;

  return (
    <div className="space-y-6">
      <Breadcrumbs items={[{ href: "/lam-viec", label: t("nav.dashboard") }, { href: "/lam-viec/hoi-vien", label: t("member.title") }, { label: member.fullName }]} />
      <div>
        <h1 className="text-2xl font-bold">{member.fullName}</h1>
        <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-slate-700">
          {record.unitName} · {formatBirthDate(member.birthDate, member.birthYearOnly)}
          <Badge tone={member.status === "active" ? "green" : member.status === "in_transit" ? "amber" : "slate"}>{t(`member.status.${member.status}` as MessageKey)}</Badge>
        </p>
        {record.participations.length > 0 && (
          <p className="text-sm text-slate-700">{t("member.secondaryUnits")}: {record.participations.map((p) => p.unitName).join(", ")}</p>
        )}
      </div>
      {record.pendingTransfer && <Alert>{t("member.pendingTransfer", { unit: record.pendingTransfer.toUnitName })}</Alert>}

      {corrections.length > 0 && (
        <Card title={t("member.corrections")}>
          <ul className="space-y-3 text-sm">
            {corrections.map((c) => (
              <li key={c.id} className="space-y-1">
                <p>{Object.entries(c.changes).map(([k, v]) => `${t(`member.${k}` as MessageKey)}: ${v}`).join("; ")}{c.note && ` — ${c.note}`}</p>
                <DecideCorrection correctionId={c.id} />
              </li>
            ))}
          </ul>
        </Card>
      )}

      <Card title={editable ? t("member.edit") : t("member.title")}>
        {record.idMasked && <p className="mb-3 text-sm text-slate-600">{t("member.idMaskedNote")}</p>}
        {editable ? (
          <EditMemberForm id={member.id} version={member.version} values={values} />
        ) : (
          <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
            {(Object.keys(values) as (keyof MemberFormValues)[]).map((k) => (
              <div key={k} className="flex gap-2">
                <dt className="w-40 shrink-0 text-slate-600">{t(`member.${k}` as MessageKey)}</dt>
                <dd>
                  {(k === "gender" || k === "lawfulBasis") && values[k]
                    ? t(`member.${k}.${values[k]}` as MessageKey)
                    : /Date|On$/.test(k)
                      ? formatDate(values[k])
                      : values[k]}
                </dd>
              </div>
            ))}
          </dl>
        )}
      </Card>

      {editable && (
        <div className="grid gap-4 lg:grid-cols-2">
          <Card title={t("member.transfer")}>
            <TransferForm memberId={member.id} units={transferTargets} />
          </Card>
          <Card title={t("member.exit")}>
            <ExitForm memberId={member.id} />
          </Card>
          <Card title={t("member.participation")}>
            <ParticipationEditor memberId={member.id} current={record.participations} units={transferTargets} />
          </Card>
        </div>
      )}

      <Card title={t("member.timeline")}>
        <ol className="space-y-2 text-sm">
          {record.events.map((e) => (
            <li key={e.id} className="flex flex-wrap gap-2">
              <span className="w-24 shrink-0 text-slate-600">{formatDate(e.occurredOn)}</span>
              <span className="font-medium">{t(`member.event.${e.kind}` as MessageKey)}</span>
              {e.unitName && <span>· {e.unitName}</span>}
              {e.kind === "evaluated" && typeof e.details.level === "string" && (
                <span>· {String(e.details.year)}: {t(`member.evaluation.${e.details.level}` as MessageKey)}</span>
              )}
              {typeof e.details.fileName === "string" && <span>· {t("member.event.fromImport", { file: e.details.fileName })}</span>}
              {e.reason && <span className="text-slate-700">— {e.reason}</span>}
            </li>
          ))}
        </ol>
      </Card>
    </div>
  );
}
