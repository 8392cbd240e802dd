import Link from "next/link";
import { formatDate } from "@/lib/i18n/format";

export interface ArticleCardData {
  id: string;
  slug: string;
  title: string;
  summary: string;
  coverSha256: string | null;
  publishedAt: string | Date | null;
  categoryName: string;
}

/** A story in a list: its cover (when it has one), title, date and summary. */
export function ArticleCard({ article, size = "normal", showCategory = true }: { article: ArticleCardData; size?: "large" | "normal" | "compact"; showCategory?: boolean }) {
  const large = size === "large";
  return (
    <article className={`flex gap-3 ${large ? "flex-col" : "flex-row"}`}>
      {article.coverSha256 && size !== "compact" && (
        // eslint-disable-next-line @next/next/no-img-element
        <img
          src={`/api/tin-bai/${article.id}/bia`}
          alt=""
          width={large ? 640 : 128}
          height={large ? 360 : 80}
          loading={large ? "eager" : "lazy"}
          decoding="async"
          className={`${large ? "aspect-video w-full" : "h-20 w-32 shrink-0"} rounded-md bg-slate-100 object-cover`}
        />
      )}
      <div className="min-w-0">
        <h3 className={`${large ? "text-xl" : "text-base"} font-semibold leading-snug`}>
          <Link href={`/tin-tuc/${article.slug}`} className="text-slate-900 hover:text-brand-700 hover:underline">{article.title}</Link>
        </h3>
        <p className="mt-1 text-xs text-slate-600">
          {article.publishedAt && <time dateTime={new Date(article.publishedAt).toISOString()}>{formatDate(article.publishedAt)}</time>}
          {showCategory && <> · {article.categoryName}</>}
        </p>
        {article.summary && size !== "compact" && <p className={`mt-1 text-sm text-slate-700 ${large ? "" : "line-clamp-2"}`}>{article.summary}</p>}
      </div>
    </article>
  );
}
