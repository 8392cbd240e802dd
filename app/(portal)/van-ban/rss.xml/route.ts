import { cachedPublic, publicSettings, publicTags } from "@/lib/cache/public";
import { recentPublicDocuments } from "@/lib/documents/public";
import { findDocumentType } from "@/lib/documents/types";
import { env } from "@/lib/env";
import { t } from "@/lib/i18n";

export const dynamic = "force-dynamic";

const escapeXml = (value: string) => value.replace(/[<>&'"]/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", "'": "&apos;", '"': "&quot;" })[c]!);

/** RSS 2.0 of newly published documents: only what the public library shows. */
export async function GET() {
  const base = env().APP_URL.replace(/\/$/, "");
  const [docs, settings] = await Promise.all([cachedPublic("documents:rss", [publicTags.documents], recentPublicDocuments, 50), publicSettings()]);
  const items = docs
    .map((d) => {
      const url = `${base}/van-ban/${d.id}`;
      const title = `${findDocumentType(d.typeCode)?.name ?? d.typeCode} ${d.numberSymbol}`;
      return `<item><title>${escapeXml(title)}</title><link>${url}</link><guid isPermaLink="true">${url}</guid><description>${escapeXml(`${d.issuerName}: ${d.abstract}`)}</description><pubDate>${new Date(d.publishedAt ?? d.issuedOn).toUTCString()}</pubDate></item>`;
    })
    .join("");
  const xml = `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>${escapeXml(`${t("document.libraryTitle")} — ${settings?.orgName ?? t("app.name")}`)}</title><link>${base}/van-ban</link><description>${escapeXml(t("document.rssDescription"))}</description><language>vi</language>${items}</channel></rss>`;
  return new Response(xml, { headers: { "Content-Type": "application/rss+xml; charset=utf-8", "Cache-Control": "public, max-age=300" } });
}
