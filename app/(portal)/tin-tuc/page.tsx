import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { cachedPublic, publicTags } from "@/lib/cache/public";
import { t } from "@/lib/i18n";
import { allArticles } from "@/lib/portal/articles/public";
import { publicCategoryTree } from "@/lib/portal/site/public";
import { firstValues, type RawSearchParams } from "@/lib/search-params";
import { Pager } from "@/components/pager";
import { ArticleCard } from "@/components/portal/news/article-card";

export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: t("news.title"),
  alternates: { canonical: "/tin-tuc", types: { "application/rss+xml": "/tin-tuc/rss.xml" } },
};

const PAGE_SIZE = 12;
const pageParam = z.coerce.number().int().min(1).max(10_000).catch(1);

/** Every story, newest first, with the categories to go to. */
export default async function NewsPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const page = pageParam.parse(firstValues(await searchParams).trang ?? 1);
  const [{ rows, total }, categories] = await Promise.all([
    cachedPublic("articles:all:page", [publicTags.articles], allArticles, page, PAGE_SIZE),
    cachedPublic("categories:tree", [publicTags.articles], publicCategoryTree),
  ]);
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-bold">{t("news.title")}</h1>
        <a href="/tin-tuc/rss.xml" className="text-sm text-brand-700 underline">{t("news.rss")}</a>
      </div>
      {categories.length > 0 && (
        <nav aria-label={t("news.categories")}>
          <ul className="flex flex-wrap gap-2 text-sm">
            {categories.map((c) => (
              <li key={c.id}><Link href={`/chuyen-muc/${c.slug}`} className="block rounded-full border border-slate-300 bg-white px-3 py-1 hover:bg-slate-100">{c.name}</Link></li>
            ))}
          </ul>
        </nav>
      )}
      {rows.length === 0 ? (
        <p className="text-slate-600">{t("news.empty")}</p>
      ) : (
        // The cards' titles are h3: the list needs its h2 for the headings to follow in order.
        <section aria-labelledby="danh-sach">
          <h2 id="danh-sach" className="sr-only">{t("news.list")}</h2>
          <ul className="grid gap-6 sm:grid-cols-2">
            {rows.map((a) => <li key={a.id}><ArticleCard article={a} /></li>)}
          </ul>
        </section>
      )}
      <Pager page={page} pageSize={PAGE_SIZE} total={total} hrefFor={(p) => `/tin-tuc${p > 1 ? `?trang=${p}` : ""}`} />
    </div>
  );
}
