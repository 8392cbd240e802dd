import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getActor } from "@/lib/auth/session";
import { orNotFound } from "@/lib/auth/page-guard";
import { getDb } from "@/lib/db";
import { t } from "@/lib/i18n";
import { listUnits } from "@/lib/org/units";
import { parseList, type RawSearchParams } from "@/lib/search-params";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { UnitTable } from "@/components/org/unit-table";
import { SearchBox } from "@/components/search-box";

export const metadata: Metadata = { title: t("unit.title") };

/** Without a search, the list starts at the unit the user is working at. */
export default async function UnitsPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const params = parseList(await searchParams, z.object({ dissolved: z.enum(["1"]).optional().catch(undefined) }));
  const actor = await getActor();
  if (!params.q) {
    const start = actor?.roles[0]?.unitId;
    if (start) redirect(`/lam-viec/don-vi/${start}`);
  }
  const result = await orNotFound(async () =>
    listUnits(await getDb(), actor, { q: params.q, includeDissolved: params.dissolved === "1", page: params.page, pageSize: params.size }),
  );
  return (
    <div className="space-y-4">
      <Breadcrumbs items={[{ href: "/lam-viec", label: t("nav.dashboard") }, { label: t("unit.title") }]} />
      <h1 className="text-2xl font-bold">{t("unit.title")}</h1>
      <SearchBox placeholder={t("unit.searchPlaceholder")} defaultValue={params.q} />
      <UnitTable rows={result.rows} total={result.total} page={params.page} pageSize={params.size} caption={t("unit.title")} />
    </div>
  );
}
