import { cachedPublic, publicSettings, publicTags } from "@/lib/cache/public";
import { recentPublicDocuments } from "@/lib/documents/public";
import { findDocumentType } from "@/lib/documents/types";
import { env } from "@/lib/env";
import { t } from "@/lib/i18n";
import { rssResponse } from "@/lib/portal/rss";

export const dynamic = "force-dynamic";

/** RSS 2.0 of newly published documents: only what the public library shows. */
export async function GET() {
  const base = env().APP_URL.replace(/\/$/, "");
  const [docs, settings] = await Promise.all([cachedPublic("documents:rss", [publicTags.documents], recentPublicDocuments, 50), publicSettings()]);
  return rssResponse({
    title: `${t("document.libraryTitle")} — ${settings?.orgName ?? t("app.name")}`,
    url: `${base}/van-ban`,
    description: t("document.rssDescription"),
    items: docs.map((d) => ({
      title: `${findDocumentType(d.typeCode)?.name ?? d.typeCode} ${d.numberSymbol}`,
      url: `${base}/van-ban/${d.id}`,
      description: `${d.issuerName}: ${d.abstract}`,
      publishedAt: d.publishedAt ?? d.issuedOn,
    })),
  });
}
