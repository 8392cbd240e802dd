import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { cachedPublic, publicTags } from "@/lib/cache/public";
import { t } from "@/lib/i18n";
import { categoryArticles } from "@/lib/portal/articles/public";
import { findPublicCategoryBySlug } from "@/lib/portal/site/public";
import { firstValues, type RawSearchParams } from "@/lib/search-params";
import { Pager } from "@/components/pager";
import { ArticleCard } from "@/components/portal/news/article-card";

// Rendered per request from cached data (the page number is a query parameter).
export const dynamic = "force-dynamic";

const PAGE_SIZE = 12;
const SLUG = /^[a-z0-9-]{1,100}$/;
const pageParam = z.coerce.number().int().min(1).max(10_000).catch(1);

const loadCategory = (slug: string) => (SLUG.test(slug) ? cachedPublic(`category:${slug}`, [publicTags.articles], findPublicCategoryBySlug, slug) : Promise.resolve(null));

export async function generateMetadata({ params }: { params: Promise<{ slug: string }> }): Promise<Metadata> {
  const category = await loadCategory((await params).slug);
  if (!category) return { title: t("error.notFoundTitle") };
  return {
    title: category.name,
    description: category.description || t("news.categoryDescription", { name: category.name }),
    alternates: { canonical: `/chuyen-muc/${category.slug}`, types: { "application/rss+xml": `/chuyen-muc/${category.slug}/rss.xml` } },
  };
}

export default async function CategoryPage({ params, searchParams }: { params: Promise<{ slug: string }>; searchParams: Promise<RawSearchParams> }) {
  const category = await loadCategory((await params).slug);
  if (!category) notFound();
  const page = pageParam.parse(firstValues(await searchParams).trang ?? 1);
  const { rows, total } = await cachedPublic(`category:${category.id}:page`, [publicTags.articles], categoryArticles, category.id, page, PAGE_SIZE);
  return (
    <div className="space-y-6">
      <header className="space-y-2">
        {category.parent && (
          <p className="text-sm"><Link href={`/chuyen-muc/${category.parent.slug}`} className="text-brand-700 underline">{category.parent.name}</Link></p>
        )}
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h1 className="text-2xl font-bold">{category.name}</h1>
          <a href={`/chuyen-muc/${category.slug}/rss.xml`} className="text-sm text-brand-700 underline">{t("news.rss")}</a>
        </div>
        {category.description && <p className="text-slate-700">{category.description}</p>}
        {category.children.length > 0 && (
          <ul className="flex flex-wrap gap-2 text-sm">
            {category.children.map((c) => (
              <li key={c.slug}><Link href={`/chuyen-muc/${c.slug}`} className="block rounded-full border border-slate-300 bg-white px-3 py-1 hover:bg-slate-100">{c.name}</Link></li>
            ))}
          </ul>
        )}
      </header>
      {rows.length === 0 ? (
        <p className="text-slate-600">{t("news.emptyCategory")}</p>
      ) : (
        // The cards' titles are h3: the list needs its h2 for the headings to follow in order.
        <section aria-labelledby="danh-sach">
          <h2 id="danh-sach" className="sr-only">{t("news.list")}</h2>
          <ul className="grid gap-6 sm:grid-cols-2">
            {rows.map((a) => <li key={a.id}><ArticleCard article={a} showCategory={category.children.length > 0} /></li>)}
          </ul>
        </section>
      )}
      <Pager page={page} pageSize={PAGE_SIZE} total={total} hrefFor={(p) => `/chuyen-muc/${category.slug}${p > 1 ? `?trang=${p}` : ""}`} />
    </div>
  );
}
