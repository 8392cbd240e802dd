import type { Metadata } from "next";
import { getActor } from "@/lib/auth/session";
import { orNotFound } from "@/lib/auth/page-guard";
import { getDb } from "@/lib/db";
import { t } from "@/lib/i18n";
import { listUnitOptions } from "@/lib/org/units";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { CreateUserForm } from "@/components/accounts/user-forms";
import { Card } from "@/components/ui/card";

export const metadata: Metadata = { title: t("account.create") };

export default async function NewAccountPage() {
  const actor = await getActor();
  const units = await orNotFound(async () => listUnitOptions(await getDb(), actor, "account.manage"));
  return (
    <div className="space-y-4">
      <Breadcrumbs items={[{ href: "/lam-viec", label: t("nav.dashboard") }, { href: "/lam-viec/tai-khoan", label: t("account.title") }, { label: t("account.create") }]} />
      <h1 className="text-2xl font-bold">{t("account.create")}</h1>
      <Card>
        <CreateUserForm units={units} />
      </Card>
    </div>
  );
}
