import type { Metadata } from "next";
import Link from "next/link";
import { getActor } from "@/lib/auth/session";
import { holdsPermission, pathInScope, requirePermission } from "@/lib/auth/guard";
import { orNotFound } from "@/lib/auth/page-guard";
import { getDb } from "@/lib/db";
import { t } from "@/lib/i18n";
import { formatDate } from "@/lib/i18n/format";
import { listPendingTransfers } from "@/lib/members/lifecycle";
import { listUnitOptions } from "@/lib/org/units";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { DecideTransfer } from "@/components/members/lifecycle-forms";
import { Card } from "@/components/ui/card";

export const metadata: Metadata = { title: t("member.transfers") };

export default async function TransfersPage() {
  const db = await getDb();
  const actor = await getActor();
  const transfers = await orNotFound(() => listPendingTransfers(db, actor));
  const canDecide = holdsPermission(actor, "member.manage");
  const places = canDecide ? await listUnitOptions(db, actor, "member.manage") : [];
  const manageScope = canDecide ? requirePermission(actor, "member.manage") : null;
  const incoming = transfers.filter((tr) => tr.incoming);
  const outgoing = transfers.filter((tr) => tr.outgoing && !tr.incoming);
  return (
    <div className="space-y-4">
      <Breadcrumbs items={[{ href: "/lam-viec", label: t("nav.dashboard") }, { href: "/lam-viec/hoi-vien", label: t("member.title") }, { label: t("member.transfers") }]} />
      <h1 className="text-2xl font-bold">{t("member.transfers")}</h1>
      <Card title={t("member.transfersIncoming")}>
        {incoming.length === 0 ? (
          <p className="text-sm text-slate-600">{t("common.noRows")}</p>
        ) : (
          <ul className="divide-y divide-slate-100">
            {incoming.map((tr) => {
              const target = places.find((p) => p.id === tr.toUnitId);
              const subtree = target ? places.filter((p) => p.path === target.path || p.path.startsWith(`${target.path}.`)) : [];
              return (
                <li key={tr.id} className="space-y-2 py-3 text-sm">
                  <p>
                    <Link className="font-medium text-brand-700 underline" href={`/lam-viec/hoi-vien/${tr.memberId}`}>{tr.fullName}</Link> · {t("member.transferFrom")} {tr.fromName} → {tr.toName} · {formatDate(tr.requestedAt)}
                    {tr.reason && <> — {tr.reason}</>}
                  </p>
                  {manageScope && target && pathInScope(target.path, manageScope) && <DecideTransfer transferId={tr.id} places={subtree} />}
                </li>
              );
            })}
          </ul>
        )}
      </Card>
      <Card title={t("member.transfersOutgoing")}>
        {outgoing.length === 0 ? (
          <p className="text-sm text-slate-600">{t("common.noRows")}</p>
        ) : (
          <ul className="divide-y divide-slate-100 text-sm">
            {outgoing.map((tr) => (
              <li key={tr.id} className="py-2">
                {tr.fullName} · {tr.fromName} → {tr.toName} · {formatDate(tr.requestedAt)}
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
