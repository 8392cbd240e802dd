import Link from "next/link";
import { t } from "@/lib/i18n";
import { formatNumber } from "@/lib/i18n/format";

/** Previous/next links that keep the other URL parameters. */
export function Pager({ page, pageSize, total, hrefFor }: { page: number; pageSize: number; total: number; hrefFor: (page: number) => string }) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const link = "rounded border border-slate-300 bg-white px-3 py-1.5 hover:bg-slate-100";
  return (
    <nav className="flex flex-wrap items-center justify-between gap-2 text-sm" aria-label={t("common.pageOf", { page, pages, total: formatNumber(total) })}>
      <span>{t("common.pageOf", { page, pages, total: formatNumber(total) })}</span>
      <span className="flex gap-2">
        {page > 1 && <Link className={link} href={hrefFor(page - 1)}>{t("common.previous")}</Link>}
        {page < pages && <Link className={link} href={hrefFor(page + 1)}>{t("common.next")}</Link>}
      </span>
    </nav>
  );
}
