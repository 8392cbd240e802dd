import Link from "next/link";
import { t } from "@/lib/i18n";
import { formatNumber } from "@/lib/i18n/format";

/**
 * Previous/next links that keep the other URL parameters. `totalCapped`: more than `total` rows
 * (a search counts only so far), so the number of pages is not known and "next" stays.
 */
export function Pager({ page, pageSize, total, totalCapped = false, hrefFor }: { page: number; pageSize: number; total: number; totalCapped?: boolean; hrefFor: (page: number) => string }) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const link = "rounded border border-slate-300 bg-white px-3 py-1.5 hover:bg-slate-100";
  const label = totalCapped ? t("common.pageOfMore", { page, total: formatNumber(total) }) : t("common.pageOf", { page, pages, total: formatNumber(total) });
  return (
    <nav className="flex flex-wrap items-center justify-between gap-2 text-sm" aria-label={label}>
      <span>{label}</span>
      <span className="flex gap-2">
        {page > 1 && <Link className={link} href={hrefFor(page - 1)}>{t("common.previous")}</Link>}
        {(totalCapped || page < pages) && <Link className={link} href={hrefFor(page + 1)}>{t("common.next")}</Link>}
      </span>
    </nav>
  );
}
