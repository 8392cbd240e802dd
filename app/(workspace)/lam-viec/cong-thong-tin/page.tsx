import type { Metadata } from "next";
import Link from "next/link";
import { getActor } from "@/lib/auth/session";
import { orNotFound } from "@/lib/auth/page-guard";
import { getDb } from "@/lib/db";
import { t, type MessageKey } from "@/lib/i18n";
import { formatDate } from "@/lib/i18n/format";
import { listBanners } from "@/lib/portal/site/banners";
import { listCategoryTree } from "@/lib/portal/site/categories";
import { listPartnerLinks } from "@/lib/portal/site/links";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";

export const metadata: Metadata = { title: t("nav.portalSite") };

/** The portal site's hub for editors at the central unit; the services refuse anyone else (a 404 here). */
export default async function PortalSiteHubPage() {
  const db = await getDb();
  const actor = await getActor();
  const [categories, banners, links] = await orNotFound(() => Promise.all([listCategoryTree(db, actor), listBanners(db, actor), listPartnerLinks(db, actor)]));
  const categoryCount = categories.reduce((n, c) => n + 1 + c.children.length, 0);
  const current = banners.rows.find((b) => b.id === banners.currentId);
  const linkCount = links.reduce((n, g) => n + g.links.length, 0);
  const sections: { href: string; title: MessageKey; body: string; action: MessageKey }[] = [
    { href: "/lam-viec/cong-thong-tin/chuyen-muc", title: "site.category.title", body: t("site.hub.categoryCount", { count: categoryCount }), action: "site.hub.manageCategories" },
    {
      href: "/lam-viec/cong-thong-tin/bieu-ngu",
      title: "site.banner.title",
      body: current ? t("site.hub.currentBanner", { slogan: current.slogan, date: formatDate(banners.today) }) : t("site.hub.noCurrentBanner", { date: formatDate(banners.today) }),
      action: "site.hub.manageBanners",
    },
    { href: "/lam-viec/cong-thong-tin/lien-ket", title: "site.link.title", body: t("site.hub.linkCount", { count: linkCount }), action: "site.hub.manageLinks" },
    { href: "/lam-viec/cong-thong-tin/trang", title: "site.hub.pagesTitle", body: t("site.hub.pagesIntro"), action: "site.hub.managePages" },
  ];
  return (
    <div className="space-y-4">
      <Breadcrumbs items={[{ href: "/lam-viec", label: t("nav.dashboard") }, { label: t("nav.portalSite") }]} />
      <h1 className="text-2xl font-bold">{t("nav.portalSite")}</h1>
      <p className="max-w-3xl text-sm text-slate-700">{t("site.hub.intro")}</p>
      <div className="grid gap-4 md:grid-cols-2">
        {sections.map((s) => (
          <Card key={s.href} title={t(s.title)}>
            <p className="mb-4 text-sm text-slate-700">{s.body}</p>
            <Link href={s.href} className={buttonClass("secondary")}>{t(s.action)}</Link>
          </Card>
        ))}
      </div>
    </div>
  );
}
