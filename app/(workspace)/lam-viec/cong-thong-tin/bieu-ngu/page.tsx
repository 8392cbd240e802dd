import type { Metadata } from "next";
import Link from "next/link";
import type { PortalBanner } from "@/db/schema";
import { getActor } from "@/lib/auth/session";
import { orNotFound } from "@/lib/auth/page-guard";
import { getDb } from "@/lib/db";
import { t } from "@/lib/i18n";
import { formatDate } from "@/lib/i18n/format";
import { bannerImageUrl, listBanners } from "@/lib/portal/site/banners";
import { maxFileBytes } from "@/lib/publications/uploads";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { BannerDeleteButton } from "@/components/portal/site/banner-delete-button";
import { BannerForm } from "@/components/portal/site/banner-form";
import { Badge, Card } from "@/components/ui/card";

export const metadata: Metadata = { title: t("site.banner.title") };

/** dd/MM/yyyy – dd/MM/yyyy, or "from dd/MM/yyyy" for a banner with no last day. */
function dateRange(banner: PortalBanner) {
  return banner.endsOn ? `${formatDate(banner.startsOn)} – ${formatDate(banner.endsOn)}` : t("site.banner.from", { date: formatDate(banner.startsOn) });
}

function StatusBadge({ banner, currentId, today }: { banner: PortalBanner; currentId: string | null; today: string }) {
  if (banner.id === currentId) return <Badge tone="green">{t("site.banner.showing")}</Badge>;
  if (banner.startsOn > today) return <Badge tone="amber">{t("site.banner.upcoming")}</Badge>;
  if (banner.endsOn && banner.endsOn < today) return <Badge>{t("site.banner.ended")}</Badge>;
  return <Badge>{t("site.banner.outranked")}</Badge>;
}

export default async function BannersPage() {
  const db = await getDb();
  const { rows, currentId, today } = await orNotFound(async () => listBanners(db, await getActor()));
  const cell = "px-2 py-2";
  return (
    <div className="space-y-4">
      <Breadcrumbs items={[{ href: "/lam-viec", label: t("nav.dashboard") }, { href: "/lam-viec/cong-thong-tin", label: t("nav.portalSite") }, { label: t("site.banner.title") }]} />
      <h1 className="text-2xl font-bold">{t("site.banner.title")}</h1>
      <p className="max-w-3xl text-sm text-slate-700">{t("site.banner.intro")}</p>
      <Card title={t("site.banner.listTitle")}>
        {rows.length === 0 ? (
          <p className="text-sm text-slate-600">{t("site.banner.none")}</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="min-w-full text-sm">
              <caption className="sr-only">{t("site.banner.listTitle")}</caption>
              <thead>
                <tr className="border-b border-slate-300 text-left">
                  <th scope="col" className={cell}><span className="sr-only">{t("site.banner.image")}</span></th>
                  <th scope="col" className={cell}>{t("site.banner.slogan")}</th>
                  <th scope="col" className={cell}>{t("site.banner.dates")}</th>
                  <th scope="col" className={cell}>{t("site.banner.position")}</th>
                  <th scope="col" className={cell}>{t("common.status")}</th>
                  <th scope="col" className={cell}><span className="sr-only">{t("common.actions")}</span></th>
                </tr>
              </thead>
              <tbody>
                {rows.map((b) => {
                  const image = bannerImageUrl(b);
                  return (
                    <tr key={b.id} className="border-b border-slate-200 align-top">
                      <td className={cell}>
                        {image ? (
                          // eslint-disable-next-line @next/next/no-img-element
                          <img src={image} alt="" width={96} height={32} className="h-8 w-24 rounded object-cover" />
                        ) : (
                          <span className="block h-8 w-24 rounded bg-slate-100" aria-hidden />
                        )}
                      </td>
                      <td className={cell}>
                        <Link href={`/lam-viec/cong-thong-tin/bieu-ngu/${b.id}`} className="font-medium text-brand-700 hover:underline">{b.slogan}</Link>
                        {b.linkUrl && <p className="text-xs text-slate-600">{b.linkUrl}</p>}
                      </td>
                      <td className={cell}>{dateRange(b)}</td>
                      <td className={cell}>{b.position}</td>
                      <td className={cell}><StatusBadge banner={b} currentId={currentId} today={today} /></td>
                      <td className={cell}><BannerDeleteButton id={b.id} slogan={b.slogan} /></td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </Card>
      <Card title={t("site.banner.create")}>
        <BannerForm maxBytes={maxFileBytes()} today={today} />
      </Card>
    </div>
  );
}
