import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { getActor } from "@/lib/auth/session";
import { holdsPermission } from "@/lib/auth/guard";
import { orNotFound } from "@/lib/auth/page-guard";
import { listUsers } from "@/lib/accounts/service";
import { ROLES } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db";
import { t } from "@/lib/i18n";
import { parseList, type RawSearchParams } from "@/lib/search-params";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { SearchBox } from "@/components/search-box";
import { UserTable } from "@/components/accounts/user-table";
import { UserFilters } from "@/components/accounts/user-filters";
import { buttonClass } from "@/components/ui/button";

export const metadata: Metadata = { title: t("account.title") };

const filters = z.object({
  unit: z.uuid().optional().catch(undefined),
  role: z.enum(ROLES).optional().catch(undefined),
  disabled: z.enum(["1"]).optional().catch(undefined),
  sort: z.enum(["fullName", "username", "lastSignInAt"]).optional().catch(undefined),
});

export default async function AccountsPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const params = parseList(await searchParams, filters);
  const actor = await getActor();
  const result = await orNotFound(async () =>
    listUsers(await getDb(), actor, {
      page: params.page,
      pageSize: params.size,
      q: params.q,
      unitId: params.unit,
      role: params.role,
      includeDisabled: params.disabled === "1",
      sort: params.sort,
      dir: params.dir,
    }),
  );
  return (
    <div className="space-y-4">
      <Breadcrumbs items={[{ href: "/lam-viec", label: t("nav.dashboard") }, { label: t("account.title") }]} />
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-bold">{t("account.title")}</h1>
        {holdsPermission(actor, "account.manage") && (
          <Link href="/lam-viec/tai-khoan/moi" className={buttonClass()}>{t("account.create")}</Link>
        )}
      </div>
      <SearchBox placeholder={t("account.searchPlaceholder")} defaultValue={params.q} />
      <UserFilters role={params.role} includeDisabled={params.disabled === "1"} />
      <UserTable rows={result.rows} total={result.total} page={params.page} pageSize={params.size} sort={params.sort} dir={params.dir} caption={t("account.title")} />
    </div>
  );
}
