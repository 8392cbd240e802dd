"use client";

// Not `t`: a client component importing it carries the whole catalogue onto every page.
import { errorMessages as m } from "@/lib/i18n/vi-errors";
import "./globals.css";

export default function GlobalError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="vi">
      <body>
        <main className="mx-auto flex min-h-[60vh] max-w-xl flex-col items-center justify-center gap-4 p-6 text-center">
          <h1 className="text-2xl font-semibold">{m["error.pageTitle"]}</h1>
          <p>{m["error.unexpected"]}</p>
          <button type="button" className="rounded-md bg-brand-700 px-4 py-2 text-white" onClick={reset}>
            {m["error.retry"]}
          </button>
        </main>
      </body>
    </html>
  );
}
