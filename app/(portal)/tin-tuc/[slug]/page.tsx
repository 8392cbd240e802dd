import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cachedPublic, publicSettings, publicTags } from "@/lib/cache/public";
import { env } from "@/lib/env";
import { t } from "@/lib/i18n";
import { formatDateTime, formatNumber } from "@/lib/i18n/format";
import { publicArticle, relatedArticles } from "@/lib/portal/articles/public";
import { sanitizeRichText } from "@/lib/portal/sanitize";
import { ArticleCard } from "@/components/portal/news/article-card";
import { ViewBeacon } from "@/components/portal/view-beacon";

// Rendered on its first visit and kept until an article is published, changed or taken down
// (lib/cache/static-pages.ts); views are counted by the beacon, so the page writes nothing.
export const revalidate = 3600;
export async function generateStaticParams(): Promise<{ slug: string }[]> {
  return [];
}

const SLUG = /^[a-z0-9-]{1,100}$/;

const load = (slug: string) => (SLUG.test(slug) ? cachedPublic(`article:${slug}`, [publicTags.articles], publicArticle, slug) : Promise.resolve(null));

export async function generateMetadata({ params }: { params: Promise<{ slug: string }> }): Promise<Metadata> {
  const { slug } = await params;
  const a = await load(slug);
  if (!a) return { title: t("error.notFoundTitle") };
  const settings = await publicSettings();
  const url = `/tin-tuc/${a.slug}`;
  const description = (a.summary || a.title).slice(0, 300);
  // Zalo and Facebook show the cover when the story is shared; without one, the emblem.
  const images = [{ url: a.coverSha256 ? `/api/tin-bai/${a.id}/bia` : "/emblem.svg", alt: a.title }];
  return {
    metadataBase: new URL(env().APP_URL),
    title: a.title,
    description,
    keywords: a.tags,
    alternates: { canonical: url, types: { "application/rss+xml": `/chuyen-muc/${a.categorySlug}/rss.xml` } },
    openGraph: {
      type: "article",
      title: a.title,
      description,
      url,
      locale: "vi_VN",
      siteName: settings?.orgName ?? t("app.name"),
      publishedTime: a.publishedAt ?? undefined,
      modifiedTime: a.updatedAt,
      section: a.categoryName,
      tags: a.tags,
      authors: a.authorName ? [a.authorName] : undefined,
      images,
    },
    twitter: { card: a.coverSha256 ? "summary_large_image" : "summary", title: a.title, description, images: images.map((i) => i.url) },
  };
}

export default async function ArticlePage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const a = await load(slug);
  if (!a) notFound();
  const related = await cachedPublic(`article:${a.id}:related`, [publicTags.articles], relatedArticles, { id: a.id, categoryId: a.categoryId, tags: a.tags });
  return (
    <div className="grid gap-8 lg:grid-cols-[1fr_18rem]">
      <article className="min-w-0 space-y-4">
        <nav aria-label={t("nav.breadcrumb")} className="text-sm">
          <Link href="/tin-tuc" className="text-brand-700 underline">{t("news.title")}</Link>
          {" › "}
          <Link href={`/chuyen-muc/${a.categorySlug}`} className="text-brand-700 underline">{a.categoryName}</Link>
        </nav>
        <header className="space-y-2">
          <h1 className="text-2xl font-bold leading-tight sm:text-3xl">{a.title}</h1>
          <p className="text-sm text-slate-600">
            {a.publishedAt && <time dateTime={a.publishedAt}>{formatDateTime(a.publishedAt)}</time>}
            {" · "}{a.unitName}
            {a.authorName && <> · {a.authorName}</>}
            {/* As of when the page was last rendered: at most an hour old. */}
            {a.viewCount > 0 && <> · {t("news.views", { count: formatNumber(a.viewCount) })}</>}
          </p>
          {a.summary && <p className="text-lg font-medium text-slate-800">{a.summary}</p>}
        </header>
        {a.coverSha256 && (
          // eslint-disable-next-line @next/next/no-img-element
          <img src={`/api/tin-bai/${a.id}/bia`} alt="" width={960} height={540} className="aspect-video w-full rounded-lg bg-slate-100 object-cover" />
        )}
        {/* Sanitised when saved and again here: the page never trusts what is stored. */}
        <div className="rich-text" dangerouslySetInnerHTML={{ __html: sanitizeRichText(a.bodyHtml) }} />
        {a.tags.length > 0 && (
          <p className="flex flex-wrap gap-2 text-sm">
            <span className="font-medium">{t("news.tags")}:</span>
            {a.tags.map((tag) => <span key={tag} className="rounded bg-slate-100 px-2 py-0.5">{tag}</span>)}
          </p>
        )}
      </article>
      <aside aria-labelledby="lien-quan" className="space-y-3">
        <h2 id="lien-quan" className="text-lg font-semibold">{t("news.related")}</h2>
        {related.length === 0 ? <p className="text-sm text-slate-600">{t("news.noRelated")}</p> : related.map((r) => <ArticleCard key={r.id} article={r} size="compact" />)}
      </aside>
      <ViewBeacon path={`/api/tin-tuc/${a.id}/luot-xem`} />
    </div>
  );
}
