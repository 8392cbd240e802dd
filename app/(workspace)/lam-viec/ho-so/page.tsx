import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { eq } from "drizzle-orm";
import { users } from "@/db/schema";
import { getActor } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { t, type MessageKey } from "@/lib/i18n";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { ChangePasswordForm } from "@/components/auth/change-password-form";
import { ProfileForm } from "@/components/accounts/profile-form";
import { Card } from "@/components/ui/card";

export const metadata: Metadata = { title: t("nav.profile") };

export default async function ProfilePage() {
  const actor = await getActor();
  if (!actor) redirect("/dang-nhap");
  // One's own row: the session identifies it, no scope is involved.
  const [me] = await (await getDb()).select({ fullName: users.fullName, email: users.email }).from(users).where(eq(users.id, actor.userId));
  return (
    <div className="space-y-4">
      <Breadcrumbs items={[{ href: "/lam-viec", label: t("nav.dashboard") }, { label: t("nav.profile") }]} />
      <h1 className="text-2xl font-bold">{t("nav.profile")}</h1>
      <Card title={t("account.roles")}>
        <ul className="list-disc pl-5 text-sm">
          {actor.assignments.map((a) => (
            <li key={`${a.role}-${a.unitId}`}>{t(`role.${a.role}` as MessageKey)} — {a.unitName}</li>
          ))}
        </ul>
      </Card>
      <div className="grid gap-4 lg:grid-cols-2">
        <Card title={t("common.edit")}>
          <ProfileForm values={{ fullName: me?.fullName ?? "", email: me?.email ?? "" }} />
        </Card>
        <Card title={t("password.submit")}>
          <ChangePasswordForm next="/lam-viec/ho-so" />
        </Card>
      </div>
    </div>
  );
}
