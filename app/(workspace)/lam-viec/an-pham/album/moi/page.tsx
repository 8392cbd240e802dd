import type { Metadata } from "next";
import { getActor } from "@/lib/auth/session";
import { orNotFound } from "@/lib/auth/page-guard";
import { getDb } from "@/lib/db";
import { t } from "@/lib/i18n";
import { listUnitOptions } from "@/lib/org/units";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { AlbumForm } from "@/components/publications/album-form";
import { Card } from "@/components/ui/card";

export const metadata: Metadata = { title: t("media.createAlbum") };

export default async function NewAlbumPage() {
  const actor = await getActor();
  const units = await orNotFound(async () => listUnitOptions(await getDb(), actor, "publication.manage"));
  return (
    <div className="space-y-4">
      <Breadcrumbs items={[{ href: "/lam-viec", label: t("nav.dashboard") }, { href: "/lam-viec/an-pham", label: t("nav.publicationsAndMedia") }, { label: t("media.createAlbum") }]} />
      <h1 className="text-2xl font-bold">{t("media.createAlbum")}</h1>
      <p className="max-w-3xl text-sm text-slate-700">{t("media.createAlbumIntro")}</p>
      <Card>
        <AlbumForm units={units} />
      </Card>
    </div>
  );
}
