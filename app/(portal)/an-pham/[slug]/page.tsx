import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cachedPublic, publicSettings, publicTags } from "@/lib/cache/public";
import { env } from "@/lib/env";
import { t, type MessageKey } from "@/lib/i18n";
import { formatDate } from "@/lib/i18n/format";
import { formatFileSize } from "@/lib/publications/format";
import { getPublicPublication } from "@/lib/publications/public";
import { Authenticity } from "@/components/publications/authenticity";
import { buttonClass } from "@/components/ui/button";

// Rendered on its first visit and kept until a publication changes (lib/cache/static-pages.ts).
export const revalidate = 3600;
export async function generateStaticParams(): Promise<{ slug: string }[]> {
  return [];
}

const SLUG = /^[a-z0-9-]{1,100}$/;

const load = (slug: string) => (SLUG.test(slug) ? cachedPublic(`publication:${slug}`, [publicTags.publications], getPublicPublication, slug) : Promise.resolve(null));

function summary(p: NonNullable<Awaited<ReturnType<typeof load>>>) {
  return p.description || [t(`publication.kind.${p.kind}` as MessageKey), p.issueNumber && t("publication.issueShort", { issue: p.issueNumber }), p.year, p.unitName].filter(Boolean).join(" · ");
}

export async function generateMetadata({ params }: { params: Promise<{ slug: string }> }): Promise<Metadata> {
  const { slug } = await params;
  const p = await load(slug);
  if (!p) return { title: t("error.notFoundTitle") };
  const settings = await publicSettings();
  const url = `/an-pham/${p.slug}`;
  const description = summary(p).slice(0, 300);
  const images = p.hasCover ? [{ url: `/api/an-pham/${p.id}/bia`, alt: t("publication.coverOf", { title: p.title }) }] : undefined;
  return {
    metadataBase: new URL(env().APP_URL),
    title: p.title,
    description,
    alternates: { canonical: url },
    openGraph: {
      type: "article",
      title: p.title,
      description,
      url,
      locale: "vi_VN",
      siteName: settings?.orgName ?? t("app.name"),
      publishedTime: p.publishedAt ?? undefined,
      modifiedTime: p.updatedAt,
      images,
    },
    twitter: { card: images ? "summary_large_image" : "summary", title: p.title, description, images: images?.map((i) => i.url) },
  };
}

export default async function PublicationPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const p = await load(slug);
  if (!p) notFound();
  const fileUrl = `/api/an-pham/${p.id}/tep`;
  const size = formatFileSize(p.pdfSize);
  return (
    <article className="space-y-6">
      <p className="text-sm"><Link href="/an-pham" className="text-brand-700 underline">{t("publication.backToList")}</Link></p>
      <header className="grid gap-6 sm:grid-cols-[12rem_1fr]">
        {p.hasCover ? (
          // eslint-disable-next-line @next/next/no-img-element
          <img src={`/api/an-pham/${p.id}/bia`} alt={t("publication.coverOf", { title: p.title })} className="w-48 rounded-lg border border-slate-200 bg-white shadow-sm" />
        ) : (
          <span className="hidden sm:block" aria-hidden />
        )}
        <div className="space-y-3">
          <h1 className="text-2xl font-bold sm:text-3xl">{p.title}</h1>
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
            <dt className="font-medium text-slate-700">{t("publication.kind")}</dt>
            <dd>{t(`publication.kind.${p.kind}` as MessageKey)}</dd>
            {p.issueNumber && (
              <>
                <dt className="font-medium text-slate-700">{t("publication.issueNumber")}</dt>
                <dd>{p.issueNumber}</dd>
              </>
            )}
            <dt className="font-medium text-slate-700">{t("publication.year")}</dt>
            <dd>{p.year}</dd>
            <dt className="font-medium text-slate-700">{t("publication.publisher")}</dt>
            <dd>{p.unitName}</dd>
            <dt className="font-medium text-slate-700">{t("publication.publishedAtLabel")}</dt>
            <dd>{formatDate(p.publishedAt)}</dd>
            <dt className="font-medium text-slate-700">{t("publication.file")}</dt>
            <dd>{t("publication.fileLine", { name: p.pdfFileName, size })}</dd>
          </dl>
          {p.description && <p className="whitespace-pre-line text-slate-800">{p.description}</p>}
          <a href={fileUrl} download={p.pdfFileName} className={buttonClass()} data-testid="download-pdf">{t("publication.download")}</a>
        </div>
      </header>
      <section aria-labelledby="doc-truc-tuyen" className="space-y-2">
        <h2 id="doc-truc-tuyen" className="text-lg font-semibold">{t("publication.readOnline")}</h2>
        <iframe src={`${fileUrl}?xem=1`} title={t("publication.viewerTitle", { title: p.title })} className="h-[80vh] w-full rounded-lg border border-slate-300 bg-white" />
        <p className="text-sm text-slate-600">{t("publication.viewerFallback")}</p>
      </section>
      <Authenticity sha256={p.pdfSha256} code={p.verificationCode} />
    </article>
  );
}
