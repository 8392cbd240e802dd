"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/actions/result";
import { t } from "@/lib/i18n";

export type SiteStatus = { tone: "error" | "success"; text: string } | null;

/**
 * For the buttons beside a category, banner or link (up, down, hide, delete): runs the action,
 * says what happened, and reloads the list so it shows the new order or state.
 */
export function useSiteAction() {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [status, setStatus] = useState<SiteStatus>(null);

  const run = (call: () => Promise<ActionResult<unknown>>, after?: () => void) =>
    startTransition(async () => {
      let result: ActionResult<unknown>;
      try {
        result = await call();
      } catch {
        setStatus({ tone: "error", text: t("error.network") });
        return;
      }
      if (!result.ok) {
        setStatus({ tone: "error", text: [result.message, ...Object.values(result.fieldErrors)].join(" ") });
        return;
      }
      setStatus(result.message ? { tone: "success", text: result.message } : null);
      if (after) after();
      else router.refresh();
    });

  return { pending, status, run };
}
