import Link from "next/link";
import { cachedPublic, publicSettings } from "@/lib/cache/public";
import { t } from "@/lib/i18n";
import { todayInVietnam } from "@/lib/i18n/format";
import { currentBanner, publicPartnerLinks } from "@/lib/portal/site/public";
import { SkipLink } from "@/components/layout/skip-link";

/**
 * The same for every visitor, so that the portal's pages can be cached whole: nothing here may
 * read the session, cookies or headers (a "signed in as" would belong in a client component).
 */
export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  // The day is part of the banner's cache key, so a slogan's date range takes effect when the day
  // turns (a statically kept page picks it up when it is next rendered, within the hour).
  const [settings, banner, partnerLinks] = await Promise.all([
    publicSettings(),
    cachedPublic("banner:current", [], currentBanner, todayInVietnam()),
    cachedPublic("partner-links", [], publicPartnerLinks),
  ]);
  return (
    <div className="flex min-h-screen flex-col">
      <SkipLink />
      <header className="bg-brand-700 text-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-3 px-4 py-4">
          <Link href="/" className="flex min-w-0 items-center gap-3">
            {/* eslint-disable-next-line @next/next/no-img-element */}
            <img src="/emblem.svg" alt="" width={48} height={48} className="h-12 w-12 shrink-0" />
            <span className="min-w-0">
              <span className="block text-lg font-bold leading-tight sm:text-xl">{settings?.orgName ?? t("app.name")}</span>
              <span className="block text-sm text-brand-100">{t("app.tagline")}</span>
            </span>
          </Link>
        </div>
        <nav aria-label={t("nav.menu")} className="bg-brand-800">
          {/* One row that scrolls sideways on a phone rather than four rows over the page. */}
          <ul className="mx-auto flex max-w-6xl gap-1 overflow-x-auto whitespace-nowrap px-2 text-sm font-medium sm:flex-wrap sm:whitespace-normal">
            <li><Link className="block px-3 py-2 hover:bg-brand-700" href="/">{t("nav.home")}</Link></li>
            <li><Link className="block px-3 py-2 hover:bg-brand-700" href="/tin-tuc">{t("news.title")}</Link></li>
            <li><Link className="block px-3 py-2 hover:bg-brand-700" href="/gioi-thieu/gioi-thieu">{t("news.about")}</Link></li>
            <li><Link className="block px-3 py-2 hover:bg-brand-700" href="/to-chuc">{t("nav.organisation")}</Link></li>
            <li><Link className="block px-3 py-2 hover:bg-brand-700" href="/van-ban">{t("nav.documents")}</Link></li>
            <li><Link className="block px-3 py-2 hover:bg-brand-700" href="/an-pham">{t("nav.publications")}</Link></li>
            <li><Link className="block px-3 py-2 hover:bg-brand-700" href="/thu-vien">{t("nav.media")}</Link></li>
            <li><Link className="block px-3 py-2 hover:bg-brand-700" href="/xac-thuc">{t("nav.verify")}</Link></li>
            <li className="ml-auto"><Link className="block px-3 py-2 hover:bg-brand-700" href="/lam-viec">{t("portal.staffEntry")}</Link></li>
          </ul>
        </nav>
        {banner && <SloganBanner banner={banner} />}
      </header>
      <main id="noi-dung" className="mx-auto w-full max-w-6xl flex-1 px-4 py-8">
        {children}
      </main>
      <footer className="border-t border-slate-200 bg-white">
        {partnerLinks.length > 0 && (
          <nav aria-labelledby="lien-ket" className="border-b border-slate-200">
            <div className="mx-auto max-w-6xl px-4 py-5">
              <h2 id="lien-ket" className="mb-3 text-base font-semibold">{t("news.partnerLinks")}</h2>
              <div className="grid gap-4 text-sm sm:grid-cols-2 lg:grid-cols-4">
                {partnerLinks.map((group) => (
                  <div key={group.group}>
                    <p className="font-medium text-slate-900">{group.label}</p>
                    <ul className="mt-1 space-y-1">
                      {group.links.map((link) => (
                        <li key={link.id}><a href={link.url} rel="noopener noreferrer" target="_blank" className="text-brand-700 underline">{link.name}</a></li>
                      ))}
                    </ul>
                  </div>
                ))}
              </div>
            </div>
          </nav>
        )}
        <div className="mx-auto grid max-w-6xl gap-4 px-4 py-6 text-sm text-slate-700 sm:grid-cols-2">
          <div>
            <p className="font-semibold text-slate-900">{settings?.orgName ?? t("app.name")}</p>
            {settings?.address && <p>{t("portal.address")}: {settings.address}</p>}
            {settings?.phone && <p>{t("portal.phone")}: {settings.phone}</p>}
            {settings?.email && (
              <p>
                {t("portal.email")}: <a className="underline" href={`mailto:${settings.email}`}>{settings.email}</a>
              </p>
            )}
          </div>
          <nav aria-label={t("portal.contact")} className="sm:text-right">
            <ul className="space-y-1">
              <li><Link className="underline" href="/to-chuc">{t("nav.organisation")}</Link></li>
              <li><Link className="underline" href="/dang-nhap">{t("nav.signIn")}</Link></li>
            </ul>
          </nav>
        </div>
      </footer>
    </div>
  );
}

/** The slogan of the day, over the whole portal; with an image when the editors gave one. */
function SloganBanner({ banner }: { banner: { slogan: string; linkUrl: string; imageUrl: string | null } }) {
  const content = (
    <div className="mx-auto flex max-w-6xl items-center gap-4 px-4 py-3">
      {banner.imageUrl && (
        // eslint-disable-next-line @next/next/no-img-element
        <img src={banner.imageUrl} alt="" width={160} height={48} className="h-12 w-auto shrink-0 rounded object-cover" />
      )}
      <p className="text-base font-semibold uppercase tracking-wide text-amber-50 sm:text-lg">{banner.slogan}</p>
    </div>
  );
  return (
    <div className="bg-red-800">
      {banner.linkUrl ? <a href={banner.linkUrl} className="block hover:bg-red-900">{content}</a> : content}
    </div>
  );
}
