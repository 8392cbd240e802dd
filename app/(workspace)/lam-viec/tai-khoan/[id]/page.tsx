import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { z } from "zod";
import { getActor } from "@/lib/auth/session";
import { holdsPermission } from "@/lib/auth/guard";
import { orNotFound } from "@/lib/auth/page-guard";
import { getUser } from "@/lib/accounts/service";
import { getDb } from "@/lib/db";
import { t, type MessageKey } from "@/lib/i18n";
import { formatDateTime } from "@/lib/i18n/format";
import { listUnitOptions } from "@/lib/org/units";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { AssignRoleForm, DisableUserButton, RemoveRoleButton, ResetPasswordForm, UpdateUserForm } from "@/components/accounts/user-forms";
import { Badge, Card } from "@/components/ui/card";

export const metadata: Metadata = { title: t("account.title") };

export default async function AccountPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!z.uuid().safeParse(id).success) notFound();
  const db = await getDb();
  const actor = await getActor();
  const { user, homeUnitName, roles } = await orNotFound(() => getUser(db, actor, id));
  const canManage = holdsPermission(actor, "account.manage");
  const units = canManage ? await orNotFound(() => listUnitOptions(db, actor, "account.manage")) : [];
  const manageable = canManage && units.some((u) => u.id === user.homeUnitId);

  return (
    <div className="space-y-6">
      <Breadcrumbs items={[{ href: "/lam-viec", label: t("nav.dashboard") }, { href: "/lam-viec/tai-khoan", label: t("account.title") }, { label: user.username }]} />
      <div>
        <h1 className="text-2xl font-bold">{user.fullName}</h1>
        <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-slate-700">
          <code>{user.username}</code> · {homeUnitName}
          {user.disabledAt ? <Badge tone="red">{t("account.disabled")}</Badge> : user.mustChangePassword ? <Badge tone="amber">{t("account.mustChange")}</Badge> : <Badge tone="green">{t("account.active")}</Badge>}
        </p>
        {user.lastSignInAt && <p className="text-sm text-slate-600">{t("account.lastSignIn")}: {formatDateTime(user.lastSignInAt)}</p>}
      </div>

      <Card title={t("account.roles")}>
        {roles.length === 0 ? (
          <p className="text-sm text-slate-600">{t("account.noRoles")}</p>
        ) : (
          <ul className="divide-y divide-slate-100 text-sm">
            {roles.map((r) => (
              <li key={r.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                <span>
                  <span className="font-medium">{t(`role.${r.role}` as MessageKey)}</span> — {r.unitName}
                </span>
                {manageable && <RemoveRoleButton assignmentId={r.id} label={`${t("account.removeRole")}: ${t(`role.${r.role}` as MessageKey)} — ${r.unitName}`} />}
              </li>
            ))}
          </ul>
        )}
        {manageable && (
          <div className="mt-4 border-t border-slate-100 pt-4">
            <AssignRoleForm userId={user.id} units={units} />
          </div>
        )}
      </Card>

      {manageable && (
        <div className="grid gap-4 lg:grid-cols-2">
          <Card title={t("common.edit")}>
            <UpdateUserForm user={{ id: user.id, fullName: user.fullName, email: user.email ?? "", homeUnitId: user.homeUnitId }} units={units} />
          </Card>
          <div className="space-y-4">
            <Card title={t("account.resetPassword")}>
              <ResetPasswordForm id={user.id} />
            </Card>
            {actor?.userId !== user.id && (
              <Card title={user.disabledAt ? t("account.enable") : t("account.disable")}>
                <DisableUserButton id={user.id} disabled={Boolean(user.disabledAt)} />
              </Card>
            )}
          </div>
        </div>
      )}
    </div>
  );
}
