import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getActor } from "@/lib/auth/session";
import { holdsPermissionAtRoot } from "@/lib/auth/guard";
import { getDb } from "@/lib/db";
import { t } from "@/lib/i18n";
import { getSettings } from "@/lib/org/settings";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { SettingsForm } from "@/components/settings/settings-form";
import { Card } from "@/components/ui/card";

export const metadata: Metadata = { title: t("settings.title") };

export default async function SettingsPage() {
  const actor = await getActor();
  // The page only renders the form; saving goes through updateSettings, which checks again.
  if (!holdsPermissionAtRoot(actor, "org.settings.manage")) notFound();
  const settings = await getSettings(await getDb());
  if (!settings) notFound();
  return (
    <div className="space-y-4">
      <Breadcrumbs items={[{ href: "/lam-viec", label: t("nav.dashboard") }, { label: t("settings.title") }]} />
      <h1 className="text-2xl font-bold">{t("settings.title")}</h1>
      <Card>
        <SettingsForm
          values={{
            orgName: settings.orgName,
            shortName: settings.shortName,
            memberTerm: settings.memberTerm,
            levelNames: settings.levelNames.join("\n"),
            numberingStyle: settings.numberingStyle,
            address: settings.address,
            phone: settings.phone,
            email: settings.email,
            admissionMinAge: settings.admissionMinAge?.toString() ?? "",
            admissionMaxAge: settings.admissionMaxAge?.toString() ?? "",
          }}
        />
      </Card>
    </div>
  );
}
