"use client";

import { t } from "@/lib/i18n";
import { Button } from "@/components/ui/button";

/** Users see a Vietnamese message and a way on; the details stay in the server log. */
export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="mx-auto flex min-h-[60vh] max-w-xl flex-col items-center justify-center gap-4 p-6 text-center">
      <h1 className="text-2xl font-semibold">{t("error.pageTitle")}</h1>
      <p className="text-slate-700">{t("error.unexpected")}</p>
      <Button onClick={reset}>{t("error.retry")}</Button>
    </main>
  );
}
