import type { Metadata } from "next";
import { getActor } from "@/lib/auth/session";
import { orNotFound } from "@/lib/auth/page-guard";
import { getDb } from "@/lib/db";
import { t, type MessageKey } from "@/lib/i18n";
import { formatDateTime } from "@/lib/i18n/format";
import { listOutbox } from "@/lib/mail/service";
import { parseList, type RawSearchParams } from "@/lib/search-params";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { Badge } from "@/components/ui/card";
import { Pager } from "@/components/pager";

export const metadata: Metadata = { title: t("outbox.title") };

export default async function OutboxPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const params = parseList(await searchParams);
  const actor = await getActor();
  const result = await orNotFound(async () => listOutbox(await getDb(), actor, { page: params.page, pageSize: params.size }));
  return (
    <div className="space-y-4">
      <Breadcrumbs items={[{ href: "/lam-viec", label: t("nav.dashboard") }, { label: t("outbox.title") }]} />
      <h1 className="text-2xl font-bold">{t("outbox.title")}</h1>
      <p className="text-sm text-slate-700">{t("outbox.intro")}</p>
      {result.rows.length === 0 ? (
        <p className="rounded-lg border border-slate-200 bg-white p-4 text-sm text-slate-600">{t("common.noRows")}</p>
      ) : (
        <ul className="space-y-3">
          {result.rows.map((m) => (
            <li key={m.id} className="rounded-lg border border-slate-200 bg-white">
              <details>
                <summary className="flex cursor-pointer flex-wrap items-center justify-between gap-2 p-3 text-sm">
                  <span className="font-medium">{m.subject}</span>
                  <span className="flex flex-wrap items-center gap-2 text-slate-600">
                    {m.toAddress} · {formatDateTime(m.createdAt)}
                    <Badge tone={m.status === "sent" ? "green" : m.status === "failed" ? "red" : "amber"}>{t(`outbox.status.${m.status}` as MessageKey)}</Badge>
                  </span>
                </summary>
                <pre className="whitespace-pre-wrap border-t border-slate-100 p-3 font-sans text-sm">{m.body}</pre>
                {m.error && <p className="px-3 pb-3 text-sm text-red-700">{m.error}</p>}
              </details>
            </li>
          ))}
        </ul>
      )}
      <Pager page={params.page} pageSize={params.size} total={result.total} hrefFor={(p) => `/lam-viec/hop-thu?page=${p}`} />
    </div>
  );
}
