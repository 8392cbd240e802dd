import Link from "next/link";
import { cachedPublic, publicSettings } from "@/lib/cache/public";
import { t } from "@/lib/i18n";
import { formatNumber } from "@/lib/i18n/format";
import { listPublicUnits } from "@/lib/org/units";
import { compareUnitNames } from "@/lib/org/sort";
import { Alert } from "@/components/ui/alert";

// Rendered per request from cached data: a page without route parameters would be prerendered
// by `next build`, which has no database (see lib/cache/static-pages.ts for the cached pages).
export const dynamic = "force-dynamic";

export default async function HomePage() {
  const settings = await publicSettings();
  if (!settings) return <Alert>{t("portal.notSetUp")}</Alert>;
  const provinces = (await cachedPublic("units:public", [], listPublicUnits)).filter((u) => !u.activeTo).sort((a, b) => compareUnitNames(a.name, b.name));
  return (
    <div className="space-y-8">
      <section className="rounded-lg bg-white p-6 shadow-sm">
        <p className="text-sm uppercase tracking-wide text-brand-700">{t("portal.welcome")}</p>
        <h1 className="mt-1 text-2xl font-bold sm:text-3xl">{settings.orgName}</h1>
        <p className="mt-3 text-slate-700">
          {t("portal.orgTreeIntro")}{" "}
          <Link href="/to-chuc" className="font-medium text-brand-700 underline">
            {t("portal.provinceCount", { count: formatNumber(provinces.length) })}
          </Link>
        </p>
      </section>
      <section aria-labelledby="don-vi">
        <h2 id="don-vi" className="mb-3 text-xl font-semibold">{t("portal.orgTreeTitle")}</h2>
        <ul className="grid gap-2 sm:grid-cols-2 lg:grid-cols-3">
          {provinces.map((p) => (
            <li key={p.id} className="rounded-md border border-slate-200 bg-white px-3 py-2">{p.name}</li>
          ))}
        </ul>
      </section>
    </div>
  );
}
