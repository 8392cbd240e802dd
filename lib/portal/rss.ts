/** RSS 2.0 for the portal's feeds: documents, all news, and each category's news. */

const escapeXml = (value: string) => value.replace(/[<>&'"]/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", "'": "&apos;", '"': "&quot;" })[c]!);

export interface RssItem {
  title: string;
  /** Absolute. */
  url: string;
  description: string;
  publishedAt: Date | string;
}

export function rssResponse(channel: { title: string; url: string; description: string; items: RssItem[] }): Response {
  const items = channel.items
    .map(
      (item) =>
        `<item><title>${escapeXml(item.title)}</title><link>${escapeXml(item.url)}</link><guid isPermaLink="true">${escapeXml(item.url)}</guid><description>${escapeXml(item.description)}</description><pubDate>${new Date(item.publishedAt).toUTCString()}</pubDate></item>`,
    )
    .join("");
  const xml = `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>${escapeXml(channel.title)}</title><link>${escapeXml(channel.url)}</link><description>${escapeXml(channel.description)}</description><language>vi</language>${items}</channel></rss>`;
  return new Response(xml, { headers: { "Content-Type": "application/rss+xml; charset=utf-8", "Cache-Control": "public, max-age=300" } });
}
