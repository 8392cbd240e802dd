import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getActor } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { t, type MessageKey } from "@/lib/i18n";
import { formatDateTime, formatNumber } from "@/lib/i18n/format";
import { workspaceOverview } from "@/lib/workspace/overview";
import { Card } from "@/components/ui/card";

export const metadata: Metadata = { title: t("dashboard.title") };

function Stat({ label, value, href }: { label: string; value: number; href: string }) {
  return (
    <Link href={href} className="block rounded-lg border border-slate-200 bg-white p-4 shadow-sm hover:border-brand-600">
      <p className="text-sm text-slate-600">{label}</p>
      <p className="mt-1 text-3xl font-bold text-slate-900">{formatNumber(value)}</p>
    </Link>
  );
}

export default async function WorkspaceHome() {
  const actor = await getActor();
  if (!actor) redirect("/dang-nhap");
  const overview = await workspaceOverview(await getDb(), actor);
  const activeUnit = actor.roles[0]?.unitName ?? "";
  const stats: { label: string; value: number; href: string }[] = [];
  if (overview.unitCount !== undefined) stats.push({ label: t("dashboard.unitsInScope"), value: overview.unitCount, href: "/lam-viec/don-vi" });
  if (overview.accountCount !== undefined) stats.push({ label: t("dashboard.accountsInScope"), value: overview.accountCount, href: "/lam-viec/tai-khoan" });
  if (overview.deniedToday !== undefined) stats.push({ label: t("dashboard.deniedToday"), value: overview.deniedToday, href: "/lam-viec/nhat-ky?outcome=denied" });
  if (overview.outboxWaiting !== undefined) stats.push({ label: t("dashboard.outboxWaiting"), value: overview.outboxWaiting, href: "/lam-viec/hop-thu" });

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold">{t("dashboard.greeting", { name: actor.fullName })}</h1>
        {overview.lastSignInAt && (
          <p className="text-sm text-slate-600">{t("dashboard.lastSignIn", { at: formatDateTime(overview.lastSignInAt) })}</p>
        )}
      </div>
      <Card title={t("dashboard.yourRoles")}>
        <ul className="flex flex-wrap gap-2" data-testid="active-roles">
          {actor.roles.map((r) => (
            <li key={`${r.role}-${r.unitId}`} className="rounded-full bg-brand-50 px-3 py-1 text-sm text-brand-800">
              {t(`role.${r.role}` as MessageKey)}
            </li>
          ))}
        </ul>
        {activeUnit && <p className="mt-3 text-sm text-slate-700">{t("dashboard.scope", { unit: activeUnit })}</p>}
      </Card>
      {stats.length > 0 ? (
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          {stats.map((s) => (
            <Stat key={s.href} {...s} />
          ))}
        </div>
      ) : (
        <p className="rounded-lg border border-slate-200 bg-white p-4 text-slate-700">{t("dashboard.noPermissions")}</p>
      )}
      {overview.recent && overview.recent.length > 0 && (
        <Card title={t("dashboard.recentActivity")}>
          <ul className="divide-y divide-slate-100 text-sm">
            {overview.recent.map((e) => (
              <li key={e.id} className="flex flex-wrap justify-between gap-2 py-2">
                <span>
                  <span className="font-medium">{e.actorName}</span> · {e.action}
                  {e.unitName ? ` · ${e.unitName}` : ""}
                </span>
                <span className="text-slate-600">{formatDateTime(e.at)}</span>
              </li>
            ))}
          </ul>
        </Card>
      )}
    </div>
  );
}
