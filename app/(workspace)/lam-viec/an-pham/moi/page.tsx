import type { Metadata } from "next";
import { getActor } from "@/lib/auth/session";
import { orNotFound } from "@/lib/auth/page-guard";
import { getDb } from "@/lib/db";
import { t } from "@/lib/i18n";
import { todayInVietnam } from "@/lib/i18n/format";
import { listUnitOptions } from "@/lib/org/units";
import { maxFileBytes } from "@/lib/publications/uploads";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { PublicationForm } from "@/components/publications/publication-form";
import { Card } from "@/components/ui/card";

export const metadata: Metadata = { title: t("publication.create") };

export default async function NewPublicationPage() {
  const actor = await getActor();
  const units = await orNotFound(async () => listUnitOptions(await getDb(), actor, "publication.manage"));
  return (
    <div className="space-y-4">
      <Breadcrumbs items={[{ href: "/lam-viec", label: t("nav.dashboard") }, { href: "/lam-viec/an-pham", label: t("nav.publicationsAndMedia") }, { label: t("publication.create") }]} />
      <h1 className="text-2xl font-bold">{t("publication.create")}</h1>
      <Card>
        <PublicationForm units={units} maxBytes={maxFileBytes()} defaultYear={Number(todayInVietnam().slice(0, 4))} />
      </Card>
    </div>
  );
}
