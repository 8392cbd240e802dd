"use client";

import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import type { ActionResult } from "@/lib/actions/result";
import { t } from "@/lib/i18n";
import { createFeedTokenAction, revokeFeedTokenAction } from "@/lib/meetings/calendar-actions";
import { FormStatus } from "@/components/forms/form-status";
import { Button } from "@/components/ui/button";

export interface FeedTokenView {
  id: string;
  createdAt: string;
  revokedAt: string | null;
}

/**
 * "Đồng bộ lịch": make a personal feed address (shown here once, never again), copy it, revoke old
 * ones, with the steps for Google Calendar and Outlook.
 */
export function CalendarSync({ tokens }: { tokens: FeedTokenView[] }) {
  const router = useRouter();
  const urlId = useId();
  const [pending, startTransition] = useTransition();
  const [status, setStatus] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const [fresh, setFresh] = useState<string | null>(null);

  const run = <T,>(call: () => Promise<ActionResult<T>>, after: (data: T) => void) =>
    startTransition(async () => {
      let result: ActionResult<T>;
      try {
        result = await call();
      } catch {
        setStatus({ tone: "error", text: t("error.network") });
        return;
      }
      setStatus(result.ok ? { tone: "success", text: result.message ?? "" } : { tone: "error", text: result.message });
      if (result.ok) {
        after(result.data);
        router.refresh();
      }
    });

  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-700">{t("calendar.sync.intro")}</p>
      <Button type="button" disabled={pending} onClick={() => run(() => createFeedTokenAction({}), (data) => setFresh(data.url))}>
        {t("calendar.sync.create")}
      </Button>
      <FormStatus status={status} />
      {fresh && (
        <div className="space-y-1">
          <label htmlFor={urlId} className="block text-sm font-medium">{t("calendar.sync.urlLabel")}</label>
          <div className="flex flex-wrap gap-2">
            <input id={urlId} readOnly value={fresh} className="min-w-0 flex-1 rounded-md border border-slate-300 px-3 py-2 font-mono text-xs" onFocus={(e) => e.currentTarget.select()} />
            <Button type="button" variant="secondary" onClick={() => navigator.clipboard?.writeText(fresh).then(() => setStatus({ tone: "success", text: t("calendar.sync.copied") }))}>
              {t("calendar.sync.copy")}
            </Button>
          </div>
        </div>
      )}
      <div className="grid gap-3 md:grid-cols-2">
        <div className="rounded-md border border-slate-200 p-3 text-sm">
          <h3 className="font-semibold">{t("calendar.sync.google")}</h3>
          <p className="text-slate-700">{t("calendar.sync.googleSteps")}</p>
        </div>
        <div className="rounded-md border border-slate-200 p-3 text-sm">
          <h3 className="font-semibold">{t("calendar.sync.outlook")}</h3>
          <p className="text-slate-700">{t("calendar.sync.outlookSteps")}</p>
        </div>
      </div>
      <h3 className="text-base font-semibold">{t("calendar.sync.list")}</h3>
      {tokens.length === 0 ? (
        <p className="text-sm text-slate-700">{t("calendar.sync.none")}</p>
      ) : (
        <table className="w-full text-left text-sm">
          <thead>
            <tr className="border-b border-slate-200">
              <th scope="col" className="py-1 pr-3 font-medium">{t("calendar.sync.createdAt")}</th>
              <th scope="col" className="py-1 pr-3 font-medium">{t("calendar.sync.state")}</th>
              <th scope="col" className="py-1"><span className="sr-only">{t("calendar.sync.revoke")}</span></th>
            </tr>
          </thead>
          <tbody>
            {tokens.map((token) => (
              <tr key={token.id} className="border-b border-slate-100">
                <td className="py-1 pr-3 tabular-nums">{token.createdAt}</td>
                <td className="py-1 pr-3">{token.revokedAt ? t("calendar.sync.revokedAt", { date: token.revokedAt }) : t("calendar.sync.active")}</td>
                <td className="py-1 text-right">
                  {!token.revokedAt && (
                    <Button
                      type="button"
                      variant="secondary"
                      disabled={pending}
                      onClick={() => {
                        if (window.confirm(t("calendar.sync.revokeConfirm"))) run(() => revokeFeedTokenAction({ id: token.id }), () => setFresh(null));
                      }}
                    >
                      {t("calendar.sync.revoke")}
                    </Button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
