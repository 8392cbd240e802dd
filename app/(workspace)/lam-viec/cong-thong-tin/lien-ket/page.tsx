import type { Metadata } from "next";
import { getActor } from "@/lib/auth/session";
import { orNotFound } from "@/lib/auth/page-guard";
import { getDb } from "@/lib/db";
import { t } from "@/lib/i18n";
import { listPartnerLinks } from "@/lib/portal/site/links";
import { linkGroupLabel } from "@/lib/portal/site/public";
import { PARTNER_LINK_GROUPS } from "@/lib/portal/site/schemas";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { LinkControls } from "@/components/portal/site/link-controls";
import { LinkForm } from "@/components/portal/site/link-form";
import { Badge, Card } from "@/components/ui/card";

export const metadata: Metadata = { title: t("site.link.title") };

export default async function PartnerLinksPage() {
  const db = await getDb();
  const groups = await orNotFound(async () => listPartnerLinks(db, await getActor()));
  return (
    <div className="space-y-4">
      <Breadcrumbs items={[{ href: "/lam-viec", label: t("nav.dashboard") }, { href: "/lam-viec/cong-thong-tin", label: t("nav.portalSite") }, { label: t("site.link.title") }]} />
      <h1 className="text-2xl font-bold">{t("site.link.title")}</h1>
      <p className="max-w-3xl text-sm text-slate-700">{t("site.link.intro")}</p>
      <Card title={t("site.link.create")}>
        <LinkForm />
      </Card>
      {PARTNER_LINK_GROUPS.map((group) => {
        const links = groups.find((g) => g.group === group)?.links ?? [];
        return (
          <Card key={group} title={linkGroupLabel(group)}>
            {links.length === 0 ? (
              <p className="text-sm text-slate-600">{t("site.link.noneInGroup")}</p>
            ) : (
              <ol>
                {links.map((link, i) => (
                  <li key={link.id} className="space-y-2 border-b border-slate-200 py-3">
                    <div className="flex flex-wrap items-start justify-between gap-2">
                      <div className="space-y-1">
                        <p className="font-medium">
                          {link.name} {!link.active && <Badge tone="amber">{t("site.hub.hidden")}</Badge>}
                        </p>
                        <a href={link.url} target="_blank" rel="noopener noreferrer" className="break-all text-xs text-brand-700 hover:underline">{link.url}</a>
                      </div>
                      <LinkControls id={link.id} name={link.name} active={link.active} first={i === 0} last={i === links.length - 1} />
                    </div>
                    <details>
                      <summary className="cursor-pointer text-sm text-brand-700">{t("site.link.editOf", { name: link.name })}</summary>
                      <div className="pt-3">
                        <LinkForm link={{ id: link.id, group: link.group, name: link.name, url: link.url }} />
                      </div>
                    </details>
                  </li>
                ))}
              </ol>
            )}
          </Card>
        );
      })}
    </div>
  );
}
