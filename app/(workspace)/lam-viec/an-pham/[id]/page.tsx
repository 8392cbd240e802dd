import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getActor } from "@/lib/auth/session";
import { orNotFound } from "@/lib/auth/page-guard";
import { getDb } from "@/lib/db";
import { t, type MessageKey } from "@/lib/i18n";
import { formatDateTime } from "@/lib/i18n/format";
import { listUnitOptions } from "@/lib/org/units";
import { formatFileSize } from "@/lib/publications/format";
import { getPublication } from "@/lib/publications/service";
import { maxFileBytes } from "@/lib/publications/uploads";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { Authenticity } from "@/components/publications/authenticity";
import { PublicationForm } from "@/components/publications/publication-form";
import { PublishControls } from "@/components/publications/publish-controls";
import { PublishedBadge } from "@/components/publications/status-badge";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";

export const metadata: Metadata = { title: t("publication.editTitle") };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function PublicationWorkspacePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!UUID.test(id)) notFound();
  const db = await getDb();
  const actor = await getActor();
  const { publication: p, unitName } = await orNotFound(() => getPublication(db, actor, id));
  const units = await listUnitOptions(db, actor, "publication.manage");
  return (
    <div className="space-y-4">
      <Breadcrumbs items={[{ href: "/lam-viec", label: t("nav.dashboard") }, { href: "/lam-viec/an-pham", label: t("nav.publicationsAndMedia") }, { label: p.title }]} />
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="space-y-1">
          <h1 className="text-2xl font-bold">{p.title}</h1>
          <p className="text-sm text-slate-700">
            {t(`publication.kind.${p.kind}` as MessageKey)} · {unitName} · <PublishedBadge publishedAt={p.publishedAt} />
          </p>
        </div>
        <PublishControls subject="publication" id={p.id} published={Boolean(p.publishedAt)} />
      </div>
      <div className="flex flex-wrap gap-2">
        <a href={`/api/an-pham/${p.id}/tep?xem=1`} target="_blank" rel="noopener" className={buttonClass("secondary")}>{t("publication.viewPdf")}</a>
        {p.publishedAt && <Link href={`/an-pham/${p.slug}`} className={buttonClass("secondary")}>{t("publication.publicPage")}</Link>}
      </div>
      <div className="grid gap-4 lg:grid-cols-[1fr_20rem]">
        <Card title={t("publication.editTitle")}>
          <PublicationForm
            units={units}
            maxBytes={maxFileBytes()}
            defaultYear={p.year}
            publication={{
              id: p.id,
              unitId: p.unitId,
              kind: p.kind,
              title: p.title,
              issueNumber: p.issueNumber,
              year: p.year,
              description: p.description,
              pdfFileName: p.pdfFileName,
              hasCover: Boolean(p.coverSha256),
            }}
          />
        </Card>
        <div className="space-y-4">
          {p.coverSha256 && (
            // eslint-disable-next-line @next/next/no-img-element
            <img src={`/api/an-pham/${p.id}/bia`} alt={t("publication.coverOf", { title: p.title })} className="w-full rounded-lg border border-slate-200 bg-white object-contain" />
          )}
          <Card>
            <dl className="space-y-2 text-sm">
              <div><dt className="font-medium text-slate-700">{t("publication.pdf")}</dt><dd>{p.pdfFileName} ({formatFileSize(p.pdfSize)})</dd></div>
              <div><dt className="font-medium text-slate-700">{t("publication.address")}</dt><dd className="break-all">/an-pham/{p.slug}</dd></div>
              <div><dt className="font-medium text-slate-700">{t("publication.updatedAt")}</dt><dd>{formatDateTime(p.updatedAt)}</dd></div>
            </dl>
          </Card>
          <Authenticity sha256={p.pdfSha256} code={p.verificationCode} />
        </div>
      </div>
    </div>
  );
}
