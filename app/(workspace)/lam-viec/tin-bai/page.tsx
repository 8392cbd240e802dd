import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { articleStatus } from "@/db/schema";
import { getActor } from "@/lib/auth/session";
import { orNotFound } from "@/lib/auth/page-guard";
import { getDb } from "@/lib/db";
import { t, type MessageKey } from "@/lib/i18n";
import { formatDateTime, formatNumber } from "@/lib/i18n/format";
import { listArticles } from "@/lib/portal/articles/service";
import { firstValues, type RawSearchParams } from "@/lib/search-params";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { Pager } from "@/components/pager";
import { ArticleStatusBadge } from "@/components/portal/articles/status-badge";
import { buttonClass } from "@/components/ui/button";

export const metadata: Metadata = { title: t("article.list") };

const PAGE_SIZE = 20;
const params = z.object({
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
  xem: z.enum(["all", "review", "mine"]).optional().catch(undefined),
  trangThai: z.enum(articleStatus.enumValues).optional().catch(undefined),
  q: z.string().trim().max(100).optional().catch(undefined),
});

export default async function ArticlesWorkspacePage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const query = params.parse(firstValues(await searchParams));
  const db = await getDb();
  const actor = await getActor();
  const { rows, total, reviewer } = await orNotFound(() => listArticles(db, actor, { page: query.page, pageSize: PAGE_SIZE, view: query.xem, status: query.trangThai, q: query.q }));
  const view = reviewer ? (query.xem ?? "all") : "mine";
  const href = (next: { page?: number; xem?: string }) => {
    const p = new URLSearchParams();
    const xem = next.xem ?? query.xem;
    if (xem) p.set("xem", xem);
    if (query.trangThai && !next.xem) p.set("trangThai", query.trangThai);
    if (query.q && !next.xem) p.set("q", query.q);
    if (next.page && next.page > 1) p.set("page", String(next.page));
    const s = p.toString();
    return `/lam-viec/tin-bai${s ? `?${s}` : ""}`;
  };
  const cell = "px-2 py-2";
  const tabs = reviewer ? (["all", "review", "mine"] as const) : (["mine"] as const);
  return (
    <div className="space-y-5">
      <Breadcrumbs items={[{ href: "/lam-viec", label: t("nav.dashboard") }, { label: t("article.list") }]} />
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-bold">{t("article.list")}</h1>
        <div className="flex flex-wrap gap-2">
          {reviewer && <Link href="/lam-viec/tin-bai/bao-cao" className={buttonClass("secondary")}>{t("report.title")}</Link>}
          <Link href="/lam-viec/tin-bai/moi" className={buttonClass()}>{t("article.new")}</Link>
        </div>
      </div>
      <p className="max-w-3xl text-sm text-slate-700">{t("article.listIntro")}</p>
      {tabs.length > 1 && (
        <nav aria-label={t("article.list")} className="flex flex-wrap gap-1 border-b border-slate-200">
          {tabs.map((tab) => (
            <Link
              key={tab}
              href={href({ xem: tab })}
              aria-current={view === tab ? "page" : undefined}
              className={`-mb-px border-b-2 px-3 py-2 text-sm font-medium ${view === tab ? "border-brand-700 text-brand-800" : "border-transparent text-slate-700 hover:text-slate-900"}`}
            >
              {t(`article.view.${tab}` as MessageKey)}
            </Link>
          ))}
        </nav>
      )}
      <form className="flex flex-wrap items-end gap-2" action="/lam-viec/tin-bai">
        {query.xem && <input type="hidden" name="xem" value={query.xem} />}
        <label className="flex flex-col text-sm">
          <span className="mb-1 font-medium">{t("article.search")}</span>
          <input name="q" defaultValue={query.q} className="w-72 rounded-md border border-slate-300 px-3 py-2" />
        </label>
        <label className="flex flex-col text-sm">
          <span className="mb-1 font-medium">{t("article.status")}</span>
          <select name="trangThai" defaultValue={query.trangThai ?? ""} className="rounded-md border border-slate-300 px-3 py-2">
            <option value="">{t("article.view.all")}</option>
            {articleStatus.enumValues.map((s) => <option key={s} value={s}>{t(`article.status.${s}` as MessageKey)}</option>)}
          </select>
        </label>
        <button type="submit" className={buttonClass("secondary")}>{t("common.search")}</button>
      </form>
      {total === 0 ? (
        <p className="text-sm text-slate-600">{view === "review" ? t("article.emptyReview") : t("article.empty")}</p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full text-sm">
            <caption className="sr-only">{t("article.list")}</caption>
            <thead>
              <tr className="border-b border-slate-300 text-left">
                <th scope="col" className={cell}>{t("article.title")}</th>
                <th scope="col" className={`${cell} hidden md:table-cell`}>{t("article.category")}</th>
                <th scope="col" className={`${cell} hidden md:table-cell`}>{t("article.author")}</th>
                <th scope="col" className={cell}>{t("article.status")}</th>
                <th scope="col" className={`${cell} hidden md:table-cell`}>{t("article.updatedAt")}</th>
                <th scope="col" className={`${cell} hidden text-right md:table-cell`}>{t("article.views")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((a) => (
                <tr key={a.id} className="border-b border-slate-200 align-top">
                  <td className={cell}>
                    <Link href={`/lam-viec/tin-bai/${a.id}`} className="font-medium text-brand-700 hover:underline">{a.title}</Link>
                    <span className="block text-xs text-slate-600">{a.unitName}<span className="md:hidden"> · {a.categoryName}{a.authorName && ` · ${a.authorName}`}</span></span>
                  </td>
                  <td className={`${cell} hidden md:table-cell`}>{a.categoryName}</td>
                  <td className={`${cell} hidden md:table-cell`}>{a.authorName ?? "—"}</td>
                  <td className={cell}>
                    <ArticleStatusBadge status={a.status} />
                    {a.status === "scheduled" && a.publishAt && <span className="block text-xs text-slate-600">{formatDateTime(a.publishAt)}</span>}
                  </td>
                  <td className={`${cell} hidden md:table-cell`}>{formatDateTime(a.updatedAt)}</td>
                  <td className={`${cell} hidden text-right md:table-cell`}>{formatNumber(a.viewCount)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager page={query.page} pageSize={PAGE_SIZE} total={total} hrefFor={(page) => href({ page })} />
    </div>
  );
}
