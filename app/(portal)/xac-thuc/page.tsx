import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/lib/db";
import { verifyPublished } from "@/lib/documents/public";
import { normaliseVerificationCode } from "@/lib/documents/verification";
import { t } from "@/lib/i18n";
import { type RawSearchParams, firstValues } from "@/lib/search-params";
import { VerifyFile } from "@/components/documents/verify-file";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: t("verify.title"), description: t("verify.intro"), alternates: { canonical: "/xac-thuc" } };

export default async function VerifyPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const values = firstValues(await searchParams);
  const code = values.ma?.trim() ?? "";
  const sha = values.sha?.trim().toLowerCase() ?? "";
  const asked = Boolean(code || sha);
  const badCode = code !== "" && !normaliseVerificationCode(code);
  const badSha = sha !== "" && !/^[0-9a-f]{64}$/.test(sha);
  const matches = asked && !badCode && !badSha ? await verifyPublished(await getDb(), { code: code || undefined, sha256: sha || undefined }) : [];
  return (
    <div className="max-w-3xl space-y-6">
      <h1 className="text-2xl font-bold">{t("verify.title")}</h1>
      <p className="text-slate-700">{t("verify.intro")}</p>
      <div className="grid gap-6 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2">
        <form method="get" className="space-y-1">
          <label htmlFor="verify-code" className="block text-sm font-medium">{t("verify.codeLabel")}</label>
          <div className="flex gap-2">
            <input id="verify-code" name="ma" defaultValue={code} placeholder="ABCDE-12345" aria-describedby="verify-code-error" aria-invalid={badCode} className="w-full rounded-md border border-slate-300 px-3 py-2 font-mono uppercase" />
            <button type="submit" className={buttonClass()}>{t("verify.check")}</button>
          </div>
          <p id="verify-code-error" className="text-sm text-red-700" aria-live="polite">{badCode ? t("verify.badCode") : ""}</p>
        </form>
        <VerifyFile text={{ label: t("verify.fileLabel"), hint: t("verify.fileHint"), hashFailed: t("verify.hashFailed") }} />
      </div>
      {asked && !badCode && (
        <section aria-live="polite" className="space-y-3">
          {badSha ? (
            <Alert tone="error">{t("verify.badSha")}</Alert>
          ) : matches.length === 0 ? (
            <Alert tone="error">{t("verify.noMatch")}</Alert>
          ) : (
            <>
              <Alert tone="success">{t("verify.match")}</Alert>
              <ul className="space-y-2">
                {matches.map((m) => (
                  <li key={`${m.kind}-${m.id}-${m.sha256}`} className="rounded-md border border-slate-200 bg-white p-3">
                    <Link className="font-semibold underline" href={m.kind === "document" ? `/van-ban/${m.id}` : `/an-pham/${m.id}`}>{m.title}</Link>
                    <p className="text-sm">{m.subtitle}</p>
                    <p className="text-xs text-slate-600">{m.fileName} · <span className="font-mono">{m.code}</span></p>
                    <p className="break-all font-mono text-xs text-slate-500">{m.sha256}</p>
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      )}
    </div>
  );
}
