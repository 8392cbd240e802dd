import type { Metadata } from "next";
import { cachedPublic } from "@/lib/cache/public";
import { t } from "@/lib/i18n";
import { formatDate } from "@/lib/i18n/format";
import { listPublicUnits } from "@/lib/org/units";
import { compareUnitNames } from "@/lib/org/sort";

// Per request from cached data: a page without route parameters would be prerendered by `next build`,
// which has no database (lib/cache/static-pages.ts).
export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: t("portal.orgTreeTitle") };

export default async function OrganisationPage() {
  const units = (await cachedPublic("units:public", [], listPublicUnits)).sort((a, b) => compareUnitNames(a.name, b.name));
  const active = units.filter((u) => !u.activeTo);
  const former = units.filter((u) => u.activeTo);
  return (
    <div className="space-y-8">
      <h1 className="text-2xl font-bold">{t("portal.orgTreeTitle")}</h1>
      <section aria-labelledby="hien-nay">
        <h2 id="hien-nay" className="mb-3 text-lg font-semibold">{t("portal.provinceCount", { count: active.length })}</h2>
        <ul className="grid gap-2 sm:grid-cols-2 lg:grid-cols-3">
          {active.map((u) => (
            <li key={u.id} className="rounded-md border border-slate-200 bg-white px-3 py-2">{u.name}</li>
          ))}
        </ul>
      </section>
      {former.length > 0 && (
        <section aria-labelledby="truoc-sap-xep">
          <h2 id="truoc-sap-xep" className="mb-3 text-lg font-semibold">{t("portal.formerUnits")}</h2>
          <ul className="grid gap-2 text-sm sm:grid-cols-2">
            {former.map((u) => (
              <li key={u.id} className="rounded-md border border-slate-200 bg-white px-3 py-2 text-slate-700">
                {u.name}
                {u.successorName && <> — {t("portal.mergedInto", { name: u.successorName })}</>}
                {u.activeTo && <span className="block text-xs text-slate-500">{t("unit.activeTo")} {formatDate(u.activeTo)}</span>}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
