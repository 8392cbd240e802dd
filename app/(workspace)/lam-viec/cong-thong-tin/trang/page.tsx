import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getActor } from "@/lib/auth/session";
import { holdsPermissionAtRoot } from "@/lib/auth/guard";
import { getDb } from "@/lib/db";
import { t, type MessageKey } from "@/lib/i18n";
import { formatDateTime } from "@/lib/i18n/format";
import { listPortalPages } from "@/lib/portal/pages";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";

export const metadata: Metadata = { title: t("site.page.listTitle") };

/** The organisation's four pages, for editors and administrators of the central unit. */
export default async function PortalPagesWorkspacePage() {
  const actor = await getActor();
  // The list only links to the editor; saving goes through updatePortalPage, which checks again.
  if (!holdsPermissionAtRoot(actor, "portal.manage")) notFound();
  const pages = await listPortalPages(await getDb());
  const cell = "px-2 py-2";
  return (
    <div className="space-y-4">
      <Breadcrumbs items={[{ href: "/lam-viec", label: t("nav.dashboard") }, { href: "/lam-viec/cong-thong-tin", label: t("nav.portalSite") }, { label: t("site.page.listTitle") }]} />
      <h1 className="text-2xl font-bold">{t("site.page.listTitle")}</h1>
      <p className="max-w-3xl text-sm text-slate-700">{t("site.page.listIntro")}</p>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="min-w-full text-sm">
          <caption className="sr-only">{t("site.page.listTitle")}</caption>
          <thead>
            <tr className="border-b border-slate-300 text-left">
              <th scope="col" className={cell}>{t("site.page.columnPage")}</th>
              <th scope="col" className={cell}>{t("site.page.columnTitle")}</th>
              <th scope="col" className={cell}>{t("site.page.columnUpdated")}</th>
              <th scope="col" className={cell}><span className="sr-only">{t("common.actions")}</span></th>
            </tr>
          </thead>
          <tbody>
            {pages.map(({ key, page }) => {
              const name = t(`site.page.key.${key}` as MessageKey);
              return (
                <tr key={key} className="border-b border-slate-100 last:border-0">
                  <th scope="row" className={`${cell} text-left font-medium`}>{name}</th>
                  <td className={cell}>{page ? page.title : <span className="text-slate-500">{t("site.page.notWritten")}</span>}</td>
                  <td className={cell}>{page ? `${formatDateTime(page.updatedAt)}${page.updatedByName ? ` · ${page.updatedByName}` : ""}` : "—"}</td>
                  <td className={`${cell} whitespace-nowrap text-right`}>
                    <Link href={`/lam-viec/cong-thong-tin/trang/${key}`} className="text-brand-700 underline" aria-label={t("site.page.editOf", { name })}>
                      {t("site.page.edit")}
                    </Link>
                    {" · "}
                    <Link href={`/gioi-thieu/${key}`} className="text-brand-700 underline">{t("site.page.view")}</Link>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
