import type { Metadata } from "next";
import { getActor } from "@/lib/auth/session";
import { orNotFound } from "@/lib/auth/page-guard";
import { getDb } from "@/lib/db";
import { t } from "@/lib/i18n";
import { listUnitOptions } from "@/lib/org/units";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { CreateMemberForm } from "@/components/members/member-form";
import { Card } from "@/components/ui/card";

export const metadata: Metadata = { title: t("member.create") };

export default async function NewMemberPage() {
  const actor = await getActor();
  const units = await orNotFound(async () => listUnitOptions(await getDb(), actor, "member.manage"));
  return (
    <div className="space-y-4">
      <Breadcrumbs items={[{ href: "/lam-viec", label: t("nav.dashboard") }, { href: "/lam-viec/hoi-vien", label: t("member.title") }, { label: t("member.create") }]} />
      <h1 className="text-2xl font-bold">{t("member.create")}</h1>
      <Card>
        <CreateMemberForm units={units} />
      </Card>
    </div>
  );
}
