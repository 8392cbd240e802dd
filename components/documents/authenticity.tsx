import { env } from "@/lib/env";
import { t } from "@/lib/i18n";
import { QrCode } from "@/components/qr-code";

/** The SHA-256, the short code and a QR code leading to /xac-thuc for one published file. */
export function Authenticity({ sha256, code, fileName }: { sha256: string; code: string; fileName: string }) {
  const url = `${env().APP_URL.replace(/\/$/, "")}/xac-thuc?ma=${encodeURIComponent(code)}`;
  return (
    <div className="flex flex-wrap items-start gap-4 rounded-md border border-slate-200 bg-slate-50 p-3 text-sm" data-testid="authenticity">
      <QrCode value={url} alt={t("document.qrAlt", { code })} className="h-24 w-24" />
      <dl className="min-w-0 flex-1 space-y-1">
        <dt className="font-medium">{t("document.verificationCode")}</dt>
        <dd className="font-mono text-base tracking-wider">{code}</dd>
        <dt className="font-medium">{t("document.sha256", { name: fileName })}</dt>
        <dd className="break-all font-mono text-xs">{sha256}</dd>
      </dl>
    </div>
  );
}
