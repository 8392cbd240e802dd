import { cachedPublic, publicSettings, publicTags } from "@/lib/cache/public";
import { env } from "@/lib/env";
import { t } from "@/lib/i18n";
import { categoryArticles } from "@/lib/portal/articles/public";
import { findPublicCategoryBySlug } from "@/lib/portal/site/public";
import { rssResponse } from "@/lib/portal/rss";

export const dynamic = "force-dynamic";

const SLUG = /^[a-z0-9-]{1,100}$/;

/** RSS 2.0 of a category's latest stories (its sub-categories' included). */
export async function GET(_request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const category = SLUG.test(slug) ? await cachedPublic(`category:${slug}`, [publicTags.articles], findPublicCategoryBySlug, slug) : null;
  if (!category) return new Response(t("error.notFound"), { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const base = env().APP_URL.replace(/\/$/, "");
  const [{ rows }, settings] = await Promise.all([cachedPublic(`category:${category.id}:page`, [publicTags.articles], categoryArticles, category.id, 1, 30), publicSettings()]);
  return rssResponse({
    title: `${category.name} — ${settings?.orgName ?? t("app.name")}`,
    url: `${base}/chuyen-muc/${category.slug}`,
    description: category.description || t("news.categoryDescription", { name: category.name }),
    items: rows.map((a) => ({ title: a.title, url: `${base}/tin-tuc/${a.slug}`, description: a.summary, publishedAt: a.publishedAt ?? new Date() })),
  });
}
