import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getActor } from "@/lib/auth/session";
import { t } from "@/lib/i18n";
import { SignInForm } from "@/components/auth/sign-in-form";

export const metadata: Metadata = { title: t("auth.signInTitle") };

/** Only same-site paths may follow a sign-in, never another origin. */
function safeCallback(value: string | string[] | undefined) {
  const path = Array.isArray(value) ? value[0] : value;
  return path && path.startsWith("/") && !path.startsWith("//") ? path : "/lam-viec";
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = safeCallback(params.callbackUrl);
  if (await getActor()) redirect(callbackUrl);
  return (
    <>
      <h1 className="text-xl font-semibold">{t("auth.signInTitle")}</h1>
      <p className="mb-4 mt-1 text-sm text-slate-600">{t("auth.signInIntro")}</p>
      <SignInForm callbackUrl={callbackUrl} />
    </>
  );
}
