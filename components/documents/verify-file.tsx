"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useHydrated } from "@/components/use-hydrated";

/** Its words, from the catalogue: the public page passes them so that it does not load the whole catalogue. */
export interface VerifyFileText {
  label: string;
  hint: string;
  hashFailed: string;
}

/**
 * Checks a file without sending it anywhere: the browser computes its SHA-256 and asks the
 * server only whether that fingerprint belongs to a published file.
 */
export function VerifyFile({ text }: { text: VerifyFileText }) {
  const router = useRouter();
  const ready = useHydrated();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="space-y-1">
      <label htmlFor="verify-file" className="block text-sm font-medium">{text.label}</label>
      <input
        id="verify-file"
        type="file"
        disabled={!ready || busy}
        aria-describedby="verify-file-hint verify-file-error"
        className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
        onChange={async (e) => {
          const file = e.target.files?.[0];
          if (!file) return;
          setBusy(true);
          setError(null);
          try {
            const digest = await crypto.subtle.digest("SHA-256", await file.arrayBuffer());
            const hex = Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
            router.push(`/xac-thuc?sha=${hex}`);
          } catch {
            setError(text.hashFailed);
          } finally {
            setBusy(false);
          }
        }}
      />
      <p id="verify-file-hint" className="text-xs text-slate-600">{text.hint}</p>
      <p id="verify-file-error" className="text-sm text-red-700" aria-live="polite">{error}</p>
    </div>
  );
}
