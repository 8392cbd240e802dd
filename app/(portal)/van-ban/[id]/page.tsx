import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cachedPublic, publicSettings, publicTags } from "@/lib/cache/public";
import { getPublicDocument } from "@/lib/documents/public";
import { findDocumentType, urgencyLabel } from "@/lib/documents/types";
import { env } from "@/lib/env";
import { t } from "@/lib/i18n";
import { formatDate, formatNumber } from "@/lib/i18n/format";
import { Authenticity } from "@/components/documents/authenticity";
import { ViewBeacon } from "@/components/portal/view-beacon";

// Rendered on its first visit and kept (no paths at build time, no database there), then served
// from the cache until the document changes (its tags expire) or for PUBLIC_MAX_AGE_SECONDS.
// The page writes nothing: views are counted by the beacon. lib/cache/static-pages.ts lists it.
export const revalidate = 3600;
export async function generateStaticParams(): Promise<{ id: string }[]> {
  return [];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function load(id: string) {
  if (!UUID.test(id)) return Promise.resolve(null);
  return cachedPublic(`document:${id}`, [publicTags.documents, publicTags.document(id)], getPublicDocument, id);
}

function titleOf(doc: NonNullable<Awaited<ReturnType<typeof load>>>) {
  return `${findDocumentType(doc.document.typeCode)?.name ?? doc.document.typeCode} ${doc.document.numberSymbol}`;
}

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const doc = await load((await params).id);
  if (!doc) return { title: t("error.notFound") };
  const settings = await publicSettings();
  const title = titleOf(doc);
  const url = `/van-ban/${doc.document.id}`;
  return {
    metadataBase: new URL(env().APP_URL),
    title,
    description: doc.document.abstract,
    alternates: { canonical: url },
    openGraph: {
      type: "article",
      title,
      description: doc.document.abstract,
      url,
      locale: "vi_VN",
      siteName: settings?.orgName ?? t("app.name"),
      publishedTime: doc.document.publishedAt ? new Date(doc.document.publishedAt).toISOString() : undefined,
    },
  };
}

const kb = (size: number) => `${formatNumber(Math.max(1, Math.round(size / 1024)))} KB`;

export default async function DocumentPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const doc = await load(id);
  if (!doc) notFound();
  const d = doc.document;
  const pdf = doc.files.find((f) => f.kind === "pdf");
  const rows: [string, React.ReactNode][] = [
    [t("document.numberSymbol"), d.numberSymbol],
    [t("document.type"), findDocumentType(d.typeCode)?.name ?? d.typeCode],
    [t("document.issuer"), doc.issuerName],
    [t("document.issuedOn"), formatDate(d.issuedOn)],
    [t("document.signer"), d.signer || "—"],
    [t("document.field"), d.field || "—"],
    [
      t("document.validityLabel"),
      <>
        {t(`document.validity.${d.validity}`)}
        {doc.replacedBy && <> — <Link className="underline" href={`/van-ban/${doc.replacedBy.id}`}>{t("document.replacedByLink", { symbol: doc.replacedBy.numberSymbol })}</Link></>}
      </>,
    ],
  ];
  if (d.urgency !== "normal") rows.push([t("document.urgency"), urgencyLabel(d.urgency)]);
  return (
    <article className="space-y-6">
      <ViewBeacon path={`/api/van-ban/${d.id}/luot-xem`} />
      <nav aria-label={t("nav.breadcrumb")} className="text-sm"><Link href="/van-ban" className="underline">{t("document.libraryTitle")}</Link></nav>
      <header className="space-y-2">
        <h1 className="text-2xl font-bold">{titleOf(doc)}</h1>
        <p className="text-lg">{d.abstract}</p>
      </header>
      <dl className="grid gap-x-6 gap-y-2 rounded-lg border border-slate-200 bg-white p-4 text-sm sm:grid-cols-[12rem_1fr]">
        {rows.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="font-medium text-slate-600">{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {doc.files.length > 0 && (
        <section className="space-y-4" aria-labelledby="tep">
          <h2 id="tep" className="text-lg font-semibold">{t("document.files")}</h2>
          {pdf && (
            <iframe src={`/api/van-ban/tep/${pdf.id}?xem=1`} title={t("document.pdfViewer", { name: pdf.fileName })} className="h-[70vh] w-full rounded-md border border-slate-300 bg-white" />
          )}
          <ul className="space-y-4">
            {doc.files.map((f) => (
              <li key={f.id} className="space-y-2 rounded-lg border border-slate-200 bg-white p-4">
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <span className="font-medium">{f.fileName}</span>
                  <span className="text-sm text-slate-600">{kb(f.size)}{f.pages ? ` · ${t("document.pages", { count: f.pages })}` : ""}</span>
                  <a href={`/api/van-ban/tep/${f.id}`} className="rounded-md bg-brand-700 px-3 py-2 text-sm font-medium text-white" download>{t("document.download")}</a>
                </div>
                {f.kind === "pdf" && !f.searchable && <p className="text-sm text-amber-800">{t("document.notSearchable")}</p>}
                <Authenticity sha256={f.sha256} code={f.verificationCode} fileName={f.fileName} />
              </li>
            ))}
          </ul>
        </section>
      )}
      {doc.related.length > 0 && (
        <section aria-labelledby="lien-quan" className="space-y-2">
          <h2 id="lien-quan" className="text-lg font-semibold">{t("document.related")}</h2>
          <ul className="space-y-1">
            {doc.related.map((r) => (
              <li key={r.id}><Link href={`/van-ban/${r.id}`} className="underline">{r.numberSymbol}</Link> — {r.abstract} ({formatDate(r.issuedOn)})</li>
            ))}
          </ul>
        </section>
      )}
    </article>
  );
}
