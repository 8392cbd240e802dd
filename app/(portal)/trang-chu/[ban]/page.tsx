import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cachedPublic, publicSettings, publicTags } from "@/lib/cache/public";
import { HOME_PAGE_KEY } from "@/lib/cache/static-pages";
import { recentPublicDocuments } from "@/lib/documents/public";
import { findDocumentType } from "@/lib/documents/types";
import { t } from "@/lib/i18n";
import { formatDate } from "@/lib/i18n/format";
import { featuredArticles, latestArticles, latestPerCategory } from "@/lib/portal/articles/public";
import { listPublicPublications } from "@/lib/publications/public";
import { ArticleCard } from "@/components/portal/news/article-card";
import { Alert } from "@/components/ui/alert";

// The home page, "/" (next.config.ts rewrites it here). A route parameter keeps `next build`,
// which has no database, from prerendering it: it is rendered on its first visit and kept until
// an article, document or publication is published or changed (lib/cache/static-pages.ts).
export const revalidate = 3600;
export async function generateStaticParams(): Promise<{ ban: string }[]> {
  return [];
}

export const metadata: Metadata = { alternates: { canonical: "/", types: { "application/rss+xml": "/tin-tuc/rss.xml" } } };

const FEATURED = 3;

export default async function HomePage({ params }: { params: Promise<{ ban: string }> }) {
  // One home page only: any other value would be one more page kept in the cache.
  if ((await params).ban !== HOME_PAGE_KEY) notFound();
  const settings = await publicSettings();
  if (!settings) return <Alert>{t("portal.notSetUp")}</Alert>;
  const [featured, latest, perCategory, documents, publications] = await Promise.all([
    cachedPublic("articles:featured", [publicTags.articles], featuredArticles, FEATURED),
    cachedPublic("articles:latest:8", [publicTags.articles], latestArticles, 8),
    cachedPublic("articles:per-category", [publicTags.articles], latestPerCategory, 4),
    cachedPublic("documents:recent:5", [publicTags.documents], recentPublicDocuments, 5),
    cachedPublic("publications:recent:4", [publicTags.publications], listPublicPublications, { page: 1, pageSize: 4 }),
  ]);
  const [lead, ...others] = featured;
  const featuredIds = new Set(featured.map((a) => a.id));
  return (
    <div className="space-y-10">
      <h1 className="sr-only">{settings.orgName}</h1>
      {lead ? (
        <section aria-labelledby="noi-bat" className="grid gap-6 lg:grid-cols-[2fr_1fr]">
          <h2 id="noi-bat" className="sr-only">{t("news.featured")}</h2>
          <ArticleCard article={lead} size="large" />
          <div className="space-y-5">
            {others.map((a) => <ArticleCard key={a.id} article={a} />)}
            {latest.filter((a) => !featuredIds.has(a.id)).slice(0, 4 - others.length).map((a) => <ArticleCard key={a.id} article={a} size="compact" />)}
          </div>
        </section>
      ) : (
        <p className="text-slate-600">{t("news.empty")}</p>
      )}

      <div className="grid gap-10 lg:grid-cols-[1fr_20rem]">
        <div className="space-y-10">
          {perCategory.map((category) => (
            <section key={category.id} aria-labelledby={`cm-${category.slug}`} className="space-y-4">
              <div className="flex items-baseline justify-between gap-2 border-b-2 border-brand-700 pb-1">
                <h2 id={`cm-${category.slug}`} className="text-xl font-semibold text-brand-800">
                  <Link href={`/chuyen-muc/${category.slug}`} className="hover:underline">{category.name}</Link>
                </h2>
                <Link href={`/chuyen-muc/${category.slug}`} className="text-sm text-brand-700 underline">{t("news.moreIn", { name: category.name })}</Link>
              </div>
              <ul className="grid gap-5 sm:grid-cols-2">
                {category.articles.map((a) => <li key={a.id}><ArticleCard article={a} showCategory={false} /></li>)}
              </ul>
            </section>
          ))}
        </div>
        <aside className="space-y-8">
          <section aria-labelledby="van-ban-moi" className="space-y-3">
            <h2 id="van-ban-moi" className="border-b-2 border-brand-700 pb-1 text-lg font-semibold text-brand-800">{t("news.latestDocuments")}</h2>
            <ul className="space-y-3 text-sm">
              {documents.map((d) => (
                <li key={d.id}>
                  <Link href={`/van-ban/${d.id}`} className="font-medium text-slate-900 hover:text-brand-700 hover:underline">
                    {findDocumentType(d.typeCode)?.name ?? d.typeCode} {d.numberSymbol}
                  </Link>
                  <p className="line-clamp-2 text-slate-700">{d.abstract}</p>
                  <p className="text-xs text-slate-600">{formatDate(d.issuedOn)}</p>
                </li>
              ))}
            </ul>
            <Link href="/van-ban" className="text-sm text-brand-700 underline">{t("news.allDocuments")}</Link>
          </section>
          <section aria-labelledby="an-pham-moi" className="space-y-3">
            <h2 id="an-pham-moi" className="border-b-2 border-brand-700 pb-1 text-lg font-semibold text-brand-800">{t("news.latestPublications")}</h2>
            <ul className="grid grid-cols-2 gap-3 text-sm">
              {publications.rows.map((p) => (
                <li key={p.id}>
                  <Link href={`/an-pham/${p.slug}`} className="block hover:underline">
                    {p.hasCover ? (
                      // eslint-disable-next-line @next/next/no-img-element
                      <img src={`/api/an-pham/${p.id}/bia`} alt="" width={120} height={168} loading="lazy" decoding="async" className="mb-1 aspect-[5/7] w-full rounded border border-slate-200 object-cover" />
                    ) : (
                      <span className="mb-1 block aspect-[5/7] w-full rounded bg-slate-100" aria-hidden />
                    )}
                    <span className="font-medium text-slate-900">{p.title}</span>
                  </Link>
                </li>
              ))}
            </ul>
            <Link href="/an-pham" className="text-sm text-brand-700 underline">{t("news.allPublications")}</Link>
          </section>
        </aside>
      </div>
    </div>
  );
}
