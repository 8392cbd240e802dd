import { cachedPublic, publicSettings, publicTags } from "@/lib/cache/public";
import { env } from "@/lib/env";
import { t } from "@/lib/i18n";
import { latestArticles } from "@/lib/portal/articles/public";
import { rssResponse } from "@/lib/portal/rss";

export const dynamic = "force-dynamic";

/** RSS 2.0 of the latest stories of every category. */
export async function GET() {
  const base = env().APP_URL.replace(/\/$/, "");
  const [rows, settings] = await Promise.all([cachedPublic("articles:latest:30", [publicTags.articles], latestArticles, 30), publicSettings()]);
  return rssResponse({
    title: `${t("news.title")} — ${settings?.orgName ?? t("app.name")}`,
    url: `${base}/tin-tuc`,
    description: t("news.rssDescription"),
    items: rows.map((a) => ({ title: a.title, url: `${base}/tin-tuc/${a.slug}`, description: a.summary, publishedAt: a.publishedAt ?? new Date() })),
  });
}
