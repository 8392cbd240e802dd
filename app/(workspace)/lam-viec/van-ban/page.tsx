import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { getActor } from "@/lib/auth/session";
import { holdsPermission } from "@/lib/auth/guard";
import { orNotFound } from "@/lib/auth/page-guard";
import { getDb } from "@/lib/db";
import { documentFilterParams, toDocumentQuery } from "@/lib/documents/params";
import { documentIssuers, listDocuments } from "@/lib/documents/service";
import { DOCUMENT_TYPES, findDocumentType } from "@/lib/documents/types";
import { t } from "@/lib/i18n";
import { type RawSearchParams, parseList } from "@/lib/search-params";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { SearchBox } from "@/components/search-box";
import { DocumentTable } from "@/components/documents/document-table";
import { buttonClass } from "@/components/ui/button";

export const metadata: Metadata = { title: t("document.title") };

const filters = documentFilterParams.omit({ q: true, page: true }).extend({ sort: z.enum(["issuedOn", "numberSymbol", "createdAt"]).optional().catch(undefined) });

export default async function DocumentsPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const params = parseList(await searchParams, filters);
  const db = await getDb();
  const actor = await getActor();
  const result = await orNotFound(() =>
    listDocuments(db, actor, { ...toDocumentQuery({ ...params, page: params.page }), page: params.page, pageSize: params.size, sort: params.sort, dir: params.dir }),
  );
  const canManage = holdsPermission(actor, "document.manage");
  const issuers = await documentIssuers(db);
  const select = "rounded-md border border-slate-300 bg-white px-2 py-2 text-sm";
  const thisYear = new Date().getFullYear();
  return (
    <div className="space-y-4">
      <Breadcrumbs items={[{ href: "/lam-viec", label: t("nav.dashboard") }, { label: t("document.title") }]} />
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-bold">{t("document.title")}</h1>
        {canManage && <Link href="/lam-viec/van-ban/moi" className={buttonClass()}>{t("document.create")}</Link>}
      </div>
      <SearchBox placeholder={t("document.searchPlaceholder")} defaultValue={params.q ?? ""} />
      <form method="get" className="flex flex-wrap items-end gap-3 text-sm">
        {params.q && <input type="hidden" name="q" value={params.q} />}
        <label className="space-y-1">
          <span className="block font-medium">{t("document.type")}</span>
          <select name="type" defaultValue={params.type ?? ""} className={select}>
            <option value="">{t("common.all")}</option>
            {DOCUMENT_TYPES.map((ty) => <option key={ty.code} value={ty.code}>{ty.name}</option>)}
          </select>
        </label>
        <label className="space-y-1">
          <span className="block font-medium">{t("document.issuer")}</span>
          <select name="issuer" defaultValue={params.issuer ?? ""} className={`${select} max-w-60`}>
            <option value="">{t("common.all")}</option>
            {issuers.map((i) => <option key={i.id} value={i.id}>{i.name}</option>)}
          </select>
        </label>
        <label className="space-y-1">
          <span className="block font-medium">{t("document.year")}</span>
          <select name="year" defaultValue={params.year ?? ""} className={select}>
            <option value="">{t("common.all")}</option>
            {Array.from({ length: 30 }, (_, i) => thisYear - i).map((y) => <option key={y} value={y}>{y}</option>)}
          </select>
        </label>
        <label className="space-y-1">
          <span className="block font-medium">{t("document.validityLabel")}</span>
          <select name="validity" defaultValue={params.validity ?? ""} className={select}>
            <option value="">{t("common.all")}</option>
            {(["in_force", "replaced", "expired"] as const).map((v) => <option key={v} value={v}>{t(`document.validity.${v}`)}</option>)}
          </select>
        </label>
        <label className="space-y-1">
          <span className="block font-medium">{t("document.visibilityLabel")}</span>
          <select name="visibility" defaultValue={params.visibility ?? ""} className={select}>
            <option value="">{t("common.all")}</option>
            {(["public", "internal"] as const).map((v) => <option key={v} value={v}>{t(`document.visibility.${v}`)}</option>)}
          </select>
        </label>
        <label className="space-y-1">
          <span className="block font-medium">{t("document.field")}</span>
          <input name="field" defaultValue={params.field ?? ""} className={select} />
        </label>
        <button type="submit" className={buttonClass("secondary")}>{t("common.filter")}</button>
        <Link href="/lam-viec/van-ban" className={buttonClass("ghost")}>{t("common.clear")}</Link>
      </form>
      <DocumentTable
        caption={t("document.title")}
        rows={result.rows.map((r) => ({
          id: r.id,
          numberSymbol: r.numberSymbol,
          symbolFlagged: r.symbolFlagged,
          typeName: findDocumentType(r.typeCode)?.name ?? r.typeCode,
          issuedOn: r.issuedOn,
          abstract: r.abstract,
          issuerName: r.issuerName,
          unitName: r.unitName,
          validity: r.validity,
          confidentiality: r.confidentiality,
          visibility: r.visibility,
          published: r.publishedAt !== null,
          fileCount: r.fileCount,
        }))}
        total={result.total}
        totalCapped={result.totalCapped}
        page={params.page}
        pageSize={params.size}
        sort={params.sort}
        dir={params.dir}
      />
    </div>
  );
}
