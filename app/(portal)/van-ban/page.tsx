import type { Metadata } from "next";
import Link from "next/link";
import { cachedPublic, publicTags } from "@/lib/cache/public";
import { getDb } from "@/lib/db";
import { documentFilterParams } from "@/lib/documents/params";
import { publicFacets, publicIssuers, searchPublicDocuments } from "@/lib/documents/public";
import { findDocumentType } from "@/lib/documents/types";
import { t } from "@/lib/i18n";
import { formatDate, formatNumber } from "@/lib/i18n/format";
import { type RawSearchParams, firstValues } from "@/lib/search-params";
import { Highlighted } from "@/components/documents/highlight";
import { Pager } from "@/components/pager";
import { buttonClass } from "@/components/ui/button";

export const dynamic = "force-dynamic";
export const metadata: Metadata = {
  title: t("document.libraryTitle"),
  description: t("document.libraryIntro"),
  alternates: { canonical: "/van-ban", types: { "application/rss+xml": "/van-ban/rss.xml" } },
};

const PAGE_SIZE = 20;

export default async function LibraryPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const params = documentFilterParams.parse(firstValues(await searchParams));
  const query = { q: params.q || undefined, typeCode: params.type || undefined, issuer: params.issuer, year: params.year, field: params.field || undefined, page: params.page, pageSize: PAGE_SIZE };
  // Browsing is cached and expired when a document changes; free-text searches run live.
  const [facets, issuers, result] = await Promise.all([
    cachedPublic("documents:facets", [publicTags.documents], publicFacets),
    cachedPublic("documents:issuers", [publicTags.documents], publicIssuers),
    query.q ? searchPublicDocuments(await getDb(), query) : cachedPublic("documents:browse", [publicTags.documents], searchPublicDocuments, query),
  ]);
  const hrefFor = (page: number) => {
    const q = new URLSearchParams(Object.entries({ ...params, page: String(page) }).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== "").map(([k, v]) => [k, String(v)]));
    return `/van-ban?${q.toString()}`;
  };
  const select = "rounded-md border border-slate-300 bg-white px-2 py-2 text-sm";
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-2">
        <div>
          <h1 className="text-2xl font-bold">{t("document.libraryTitle")}</h1>
          <p className="max-w-3xl text-sm text-slate-700">{t("document.libraryIntro")}</p>
        </div>
        <a href="/van-ban/rss.xml" className="text-sm underline">{t("document.rss")}</a>
      </div>
      <form method="get" role="search" className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-6">
        <label className="space-y-1 sm:col-span-2 lg:col-span-6">
          <span className="block text-sm font-medium">{t("document.searchLabel")}</span>
          <input type="search" name="q" defaultValue={params.q ?? ""} placeholder={t("document.searchPlaceholder")} className="w-full rounded-md border border-slate-300 px-3 py-2" />
        </label>
        <label className="space-y-1 lg:col-span-2">
          <span className="block text-sm font-medium">{t("document.type")}</span>
          <select name="type" defaultValue={params.type ?? ""} className={`${select} w-full`}>
            <option value="">{t("common.all")}</option>
            {facets.types.map((code) => <option key={code} value={code}>{findDocumentType(code)?.name ?? code}</option>)}
          </select>
        </label>
        <label className="space-y-1 lg:col-span-2">
          <span className="block text-sm font-medium">{t("document.issuer")}</span>
          <select name="issuer" defaultValue={params.issuer ?? ""} className={`${select} w-full`}>
            <option value="">{t("common.all")}</option>
            {issuers.map((i) => <option key={i.id} value={i.id}>{i.name}</option>)}
          </select>
        </label>
        <label className="space-y-1">
          <span className="block text-sm font-medium">{t("document.year")}</span>
          <select name="year" defaultValue={params.year ?? ""} className={`${select} w-full`}>
            <option value="">{t("common.all")}</option>
            {facets.years.map((y) => <option key={y} value={y}>{y}</option>)}
          </select>
        </label>
        <label className="space-y-1">
          <span className="block text-sm font-medium">{t("document.field")}</span>
          <select name="field" defaultValue={params.field ?? ""} className={`${select} w-full`}>
            <option value="">{t("common.all")}</option>
            {facets.fields.map((f) => <option key={f} value={f}>{f}</option>)}
          </select>
        </label>
        <div className="flex gap-2 sm:col-span-2 lg:col-span-6">
          <button type="submit" className={buttonClass()}>{t("document.search")}</button>
          <Link href="/van-ban" className={buttonClass("ghost")}>{t("common.clear")}</Link>
        </div>
      </form>
      <p className="text-sm text-slate-700" aria-live="polite" data-testid="result-count">
        {result.totalCapped ? t("document.resultCountMore", { count: formatNumber(result.total) }) : t("document.resultCount", { count: formatNumber(result.total) })}
      </p>
      {result.total === 0 ? (
        <p className="rounded-md border border-slate-200 bg-white p-4 text-sm">{t("document.noResults")}</p>
      ) : (
        <ol className="space-y-3">
          {result.rows.map((d) => (
            <li key={d.id} className="rounded-lg border border-slate-200 bg-white p-4">
              <h2 className="font-semibold">
                <Link href={`/van-ban/${d.id}`} className="text-brand-700 underline">
                  {findDocumentType(d.typeCode)?.name ?? d.typeCode} {d.numberSymbol}
                </Link>
              </h2>
              <p className="text-sm text-slate-600">
                {d.issuerName} · {t("document.issuedOnShort", { date: formatDate(d.issuedOn) })}
                {d.validity !== "in_force" && <> · <span className="font-medium text-amber-800">{t(`document.validity.${d.validity}`)}</span></>}
              </p>
              <p className="mt-1"><Highlighted parts={d.abstractParts} fallback={d.abstract} /></p>
              {d.snippet && <p className="mt-1 text-sm text-slate-700"><Highlighted parts={d.snippet} /></p>}
            </li>
          ))}
        </ol>
      )}
      {result.total > PAGE_SIZE && <Pager page={params.page} pageSize={PAGE_SIZE} total={result.total} totalCapped={result.totalCapped} hrefFor={hrefFor} />}
    </div>
  );
}
