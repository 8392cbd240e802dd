import type { MetadataRoute } from "next";
import { cachedPublic, publicTags } from "@/lib/cache/public";
import { recentPublicDocuments } from "@/lib/documents/public";
import { env } from "@/lib/env";
import { getDb } from "@/lib/db";
import { publicationSitemapEntries } from "@/lib/publications/public";

export const dynamic = "force-dynamic";

/** Every public page: the portal's sections, each published document, publication and album. Nothing internal or secret. */
export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  const base = env().APP_URL.replace(/\/$/, "");
  const [docs, publications] = await Promise.all([
    cachedPublic("documents:sitemap", [publicTags.documents], recentPublicDocuments, 50_000),
    publicationSitemapEntries(await getDb()),
  ]);
  return [
    ...["/", "/to-chuc", "/van-ban", "/an-pham", "/thu-vien", "/xac-thuc"].map((path) => ({ url: `${base}${path}`, changeFrequency: "daily" as const })),
    ...docs.map((d) => ({ url: `${base}/van-ban/${d.id}`, lastModified: new Date(d.updatedAt) })),
    ...publications.map((p) => ({ url: `${base}${p.url}`, lastModified: p.lastModified })),
  ];
}
