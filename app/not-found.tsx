import Link from "next/link";
import { t } from "@/lib/i18n";
import { buttonClass } from "@/components/ui/button";

export default function NotFound() {
  return (
    <main className="mx-auto flex min-h-[60vh] max-w-xl flex-col items-center justify-center gap-4 p-6 text-center">
      <p className="text-5xl font-bold text-brand-700">404</p>
      <h1 className="text-2xl font-semibold">{t("error.notFoundTitle")}</h1>
      <p className="text-slate-700">{t("error.notFoundBody")}</p>
      <Link href="/" className={buttonClass()}>
        {t("error.backHome")}
      </Link>
    </main>
  );
}
