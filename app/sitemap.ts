import type { MetadataRoute } from "next";
import { PORTAL_PAGE_KEYS } from "@/db/schema";
import { cachedPublic, publicTags } from "@/lib/cache/public";
import { recentPublicDocuments } from "@/lib/documents/public";
import { env } from "@/lib/env";
import { getDb } from "@/lib/db";
import { articleSitemapEntries, categorySitemapEntries } from "@/lib/portal/articles/public";
import { publicationSitemapEntries } from "@/lib/publications/public";

export const dynamic = "force-dynamic";

/**
 * Every public page: the portal's sections, the organisation's pages, each category, each
 * published article, document, publication and album. Nothing internal or secret.
 */
export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  const base = env().APP_URL.replace(/\/$/, "");
  const db = await getDb();
  const [docs, publications, articles, categories] = await Promise.all([
    cachedPublic("documents:sitemap", [publicTags.documents], recentPublicDocuments, 50_000),
    publicationSitemapEntries(db),
    cachedPublic("articles:sitemap", [publicTags.articles], articleSitemapEntries),
    cachedPublic("categories:sitemap", [publicTags.articles], categorySitemapEntries),
  ]);
  return [
    ...["/", "/tin-tuc", "/to-chuc", "/van-ban", "/an-pham", "/thu-vien", "/xac-thuc"].map((path) => ({ url: `${base}${path}`, changeFrequency: "daily" as const })),
    ...PORTAL_PAGE_KEYS.map((key) => ({ url: `${base}/gioi-thieu/${key}`, changeFrequency: "monthly" as const })),
    ...categories.map((c) => ({ url: `${base}/chuyen-muc/${c.slug}`, changeFrequency: "daily" as const })),
    ...articles.map((a) => ({ url: `${base}/tin-tuc/${a.slug}`, lastModified: new Date(a.updatedAt) })),
    ...docs.map((d) => ({ url: `${base}/van-ban/${d.id}`, lastModified: new Date(d.updatedAt) })),
    ...publications.map((p) => ({ url: `${base}${p.url}`, lastModified: p.lastModified })),
  ];
}
