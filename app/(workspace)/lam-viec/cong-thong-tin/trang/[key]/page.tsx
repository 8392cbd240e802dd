import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getActor } from "@/lib/auth/session";
import { holdsPermissionAtRoot } from "@/lib/auth/guard";
import { getDb } from "@/lib/db";
import { t, type MessageKey } from "@/lib/i18n";
import { formatDateTime } from "@/lib/i18n/format";
import { getPortalPage, isPortalPageKey } from "@/lib/portal/pages";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { PortalPageForm } from "@/components/portal/portal-page-form";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";

export async function generateMetadata({ params }: { params: Promise<{ key: string }> }): Promise<Metadata> {
  const { key } = await params;
  return { title: isPortalPageKey(key) ? t("site.page.editOf", { name: t(`site.page.key.${key}` as MessageKey) }) : t("error.notFoundTitle") };
}

export default async function PortalPageEditPage({ params }: { params: Promise<{ key: string }> }) {
  const { key } = await params;
  const actor = await getActor();
  // The page only renders the form; saving goes through updatePortalPage, which checks again.
  if (!isPortalPageKey(key) || !holdsPermissionAtRoot(actor, "portal.manage")) notFound();
  const page = await getPortalPage(await getDb(), key);
  const name = t(`site.page.key.${key}` as MessageKey);
  return (
    <div className="space-y-4">
      <Breadcrumbs
        items={[
          { href: "/lam-viec", label: t("nav.dashboard") },
          { href: "/lam-viec/cong-thong-tin", label: t("nav.portalSite") },
          { href: "/lam-viec/cong-thong-tin/trang", label: t("site.page.listTitle") },
          { label: name },
        ]}
      />
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="space-y-1">
          <h1 className="text-2xl font-bold">{t("site.page.editOf", { name })}</h1>
          <p className="text-sm text-slate-700">
            {page ? t("site.page.lastSaved", { at: formatDateTime(page.updatedAt), name: page.updatedByName ?? "—" }) : t("site.page.notYetWritten")}
          </p>
        </div>
        <Link href={`/gioi-thieu/${key}`} className={buttonClass("secondary")}>{t("site.page.view")}</Link>
      </div>
      <Card>
        <PortalPageForm page={{ key, title: page?.title ?? name, bodyHtml: page?.bodyHtml ?? "", version: page?.version ?? 0 }} />
      </Card>
    </div>
  );
}
