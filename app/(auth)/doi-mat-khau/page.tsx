import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getActor } from "@/lib/auth/session";
import { t } from "@/lib/i18n";
import { ChangePasswordForm } from "@/components/auth/change-password-form";

export const metadata: Metadata = { title: t("auth.mustChangeTitle") };

export default async function ForcedPasswordChangePage() {
  const actor = await getActor();
  if (!actor) redirect("/dang-nhap");
  if (!actor.mustChangePassword) redirect("/lam-viec");
  return (
    <>
      <h1 className="text-xl font-semibold">{t("auth.mustChangeTitle")}</h1>
      <p className="mb-4 mt-1 text-sm text-slate-600">{t("auth.mustChangeIntro")}</p>
      <ChangePasswordForm next="/lam-viec" />
    </>
  );
}
