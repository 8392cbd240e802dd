import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PORTAL_PAGE_KEYS, type PortalPageKey } from "@/db/schema/portal";
import { cachedPublic, publicSettings } from "@/lib/cache/public";
import { env } from "@/lib/env";
import { t, type MessageKey } from "@/lib/i18n";
import { getPortalPage, isPortalPageKey } from "@/lib/portal/pages";
import { plainTextOf } from "@/lib/portal/sanitize";

// Rendered on its first visit and kept until a page is saved (lib/cache/static-pages.ts). No paths
// at build time: the build has no seeded database, and a page rendered then would show "not yet
// written" until the hour is up.
export const revalidate = 3600;
export async function generateStaticParams(): Promise<{ trang: string }[]> {
  return [];
}

const load = (key: PortalPageKey) => cachedPublic(`portal-page:${key}`, [], getPortalPage, key);
const nameOf = (key: PortalPageKey) => t(`site.page.key.${key}` as MessageKey);

export async function generateMetadata({ params }: { params: Promise<{ trang: string }> }): Promise<Metadata> {
  const { trang } = await params;
  if (!isPortalPageKey(trang)) return { title: t("error.notFoundTitle") };
  const page = await load(trang);
  const settings = await publicSettings();
  const title = page?.title ?? nameOf(trang);
  const description = page ? plainTextOf(page.bodyHtml).slice(0, 300) : t("site.page.notYetWritten");
  const url = `/gioi-thieu/${trang}`;
  return {
    metadataBase: new URL(env().APP_URL),
    title,
    description,
    alternates: { canonical: url },
    // An empty page is not worth a search engine's visit until it is written.
    robots: page ? undefined : { index: false },
    openGraph: { type: "website", title, description, url, locale: "vi_VN", siteName: settings?.orgName ?? t("app.name") },
    twitter: { card: "summary", title, description },
  };
}

export default async function OrganisationPage({ params }: { params: Promise<{ trang: string }> }) {
  const { trang } = await params;
  if (!isPortalPageKey(trang)) notFound();
  const page = await load(trang);
  return (
    <div className="grid gap-8 lg:grid-cols-[1fr_16rem]">
      <article className="min-w-0 space-y-4">
        <h1 className="text-2xl font-bold sm:text-3xl">{page?.title ?? nameOf(trang)}</h1>
        {page ? (
          // Sanitised with the allow-list when saved and again when read (lib/portal/sanitize.ts).
          <div className="rich-text max-w-3xl" dangerouslySetInnerHTML={{ __html: page.bodyHtml }} />
        ) : (
          <p className="text-slate-700">{t("site.page.notYetWritten")}</p>
        )}
      </article>
      <nav aria-labelledby="ve-to-chuc" className="self-start rounded-lg border border-slate-200 bg-white p-4 text-sm">
        <h2 id="ve-to-chuc" className="mb-2 font-semibold">{t("site.page.sectionNav")}</h2>
        <ul className="space-y-1">
          {PORTAL_PAGE_KEYS.map((key) => (
            <li key={key}>
              <Link href={`/gioi-thieu/${key}`} aria-current={key === trang ? "page" : undefined} className="text-brand-700 underline aria-[current=page]:font-semibold aria-[current=page]:no-underline">
                {nameOf(key)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
    </div>
  );
}
