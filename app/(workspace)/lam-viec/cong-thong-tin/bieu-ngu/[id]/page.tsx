import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getActor } from "@/lib/auth/session";
import { orNotFound } from "@/lib/auth/page-guard";
import { getDb } from "@/lib/db";
import { t } from "@/lib/i18n";
import { todayInVietnam } from "@/lib/i18n/format";
import { bannerImageUrl, getBanner } from "@/lib/portal/site/banners";
import { maxFileBytes } from "@/lib/publications/uploads";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { BannerDeleteButton } from "@/components/portal/site/banner-delete-button";
import { BannerForm } from "@/components/portal/site/banner-form";
import { Card } from "@/components/ui/card";

export const metadata: Metadata = { title: t("site.banner.editTitle") };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function BannerEditPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!UUID.test(id)) notFound();
  const db = await getDb();
  const banner = await orNotFound(async () => getBanner(db, await getActor(), id));
  return (
    <div className="space-y-4">
      <Breadcrumbs
        items={[
          { href: "/lam-viec", label: t("nav.dashboard") },
          { href: "/lam-viec/cong-thong-tin", label: t("nav.portalSite") },
          { href: "/lam-viec/cong-thong-tin/bieu-ngu", label: t("site.banner.title") },
          { label: t("site.banner.editTitle") },
        ]}
      />
      <div className="flex flex-wrap items-start justify-between gap-3">
        <h1 className="text-2xl font-bold">{t("site.banner.editTitle")}</h1>
        <BannerDeleteButton id={banner.id} slogan={banner.slogan} backToList />
      </div>
      <Card>
        <BannerForm
          maxBytes={maxFileBytes()}
          today={todayInVietnam()}
          banner={{
            id: banner.id,
            slogan: banner.slogan,
            linkUrl: banner.linkUrl,
            startsOn: banner.startsOn,
            endsOn: banner.endsOn ?? "",
            position: banner.position,
            imageUrl: bannerImageUrl(banner),
          }}
        />
      </Card>
    </div>
  );
}
