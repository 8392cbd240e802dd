import Link from "next/link";
import { env } from "@/lib/env";
import { t } from "@/lib/i18n";
import { QrCode } from "@/components/qr-code";

/**
 * What lets a reader check a published PDF: its SHA-256, the short verification code and a QR
 * code of the verification page's address for that code (the same page documents use).
 */
export function Authenticity({ sha256, code }: { sha256: string; code: string }) {
  const path = `/xac-thuc?ma=${encodeURIComponent(code)}`;
  return (
    <section data-testid="authenticity" aria-labelledby="xac-thuc-tep" className="space-y-3 rounded-lg border border-emerald-300 bg-emerald-50 p-4 text-sm">
      <h2 id="xac-thuc-tep" className="text-base font-semibold text-emerald-950">{t("publication.authenticity")}</h2>
      <p className="text-emerald-950">{t("publication.authenticityIntro")}</p>
      <div className="flex flex-wrap items-start gap-4">
        <QrCode value={`${env().APP_URL.replace(/\/$/, "")}${path}`} alt={t("publication.qrAlt", { code })} className="h-24 w-24 bg-white" testId="verification-qr" />
        <dl className="min-w-0 flex-1 space-y-2">
          <div>
            <dt className="font-medium text-slate-700">{t("publication.verificationCode")}</dt>
            <dd className="font-mono text-lg tracking-wider text-slate-900" data-testid="verification-code">{code}</dd>
          </div>
          <div>
            <dt className="font-medium text-slate-700">{t("publication.sha256")}</dt>
            <dd className="break-all font-mono text-xs text-slate-900" data-testid="sha256">{sha256}</dd>
          </div>
        </dl>
      </div>
      <p>
        <Link href={path} className="font-medium text-brand-700 underline">{t("publication.verifyLink")}</Link>
      </p>
    </section>
  );
}
