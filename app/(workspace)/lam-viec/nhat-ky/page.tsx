import type { Metadata } from "next";
import { z } from "zod";
import { getActor } from "@/lib/auth/session";
import { orNotFound } from "@/lib/auth/page-guard";
import { listAuditEntries } from "@/lib/audit/service";
import { getDb } from "@/lib/db";
import { t } from "@/lib/i18n";
import { parseList, type RawSearchParams } from "@/lib/search-params";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { AuditFilters } from "@/components/audit/audit-filters";
import { AuditTable } from "@/components/audit/audit-table";

export const metadata: Metadata = { title: t("audit.title") };

const date = z.iso.date().optional().catch(undefined);
const filters = z.object({
  action: z.string().trim().max(60).optional().catch(undefined),
  actor: z.string().trim().max(60).optional().catch(undefined),
  outcome: z.enum(["ok", "denied"]).optional().catch(undefined),
  from: date,
  to: date,
});

export default async function AuditPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const params = parseList(await searchParams, filters);
  const actor = await getActor();
  const result = await orNotFound(async () =>
    listAuditEntries(await getDb(), actor, {
      page: params.page,
      pageSize: params.size,
      action: params.action,
      actor: params.actor,
      outcome: params.outcome,
      from: params.from,
      to: params.to,
    }),
  );
  return (
    <div className="space-y-4">
      <Breadcrumbs items={[{ href: "/lam-viec", label: t("nav.dashboard") }, { label: t("audit.title") }]} />
      <h1 className="text-2xl font-bold">{t("audit.title")}</h1>
      <AuditFilters values={{ action: params.action, actor: params.actor, outcome: params.outcome, from: params.from, to: params.to }} />
      <AuditTable rows={result.rows} total={result.total} page={params.page} pageSize={params.size} caption={t("audit.title")} />
    </div>
  );
}
