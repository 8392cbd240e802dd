"use client";

// Not `t`: a client component importing it carries the whole catalogue onto every page.
import { errorMessages as m } from "@/lib/i18n/vi-errors";
import { Button } from "@/components/ui/button";

/** Users see a Vietnamese message and a way on; the details stay in the server log. */
export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="mx-auto flex min-h-[60vh] max-w-xl flex-col items-center justify-center gap-4 p-6 text-center">
      <h1 className="text-2xl font-semibold">{m["error.pageTitle"]}</h1>
      <p className="text-slate-700">{m["error.unexpected"]}</p>
      <Button onClick={reset}>{m["error.retry"]}</Button>
    </main>
  );
}
