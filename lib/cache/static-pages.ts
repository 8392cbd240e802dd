/**
 * The portal pages rendered once and then served from the cache (`generateStaticParams` returns
 * no paths and the page reads through cachedPublic): one document, publication or album, at
 * /<section>/<id or slug> (an article at /tin-tuc/<slug>). Their HTML is the same for every visitor, so it cannot carry a
 * per-request CSP nonce: next.config.ts sends them the policy without one, and proxy.ts does not
 * run for them at all (its matcher leaves them out; that also saves a third of their CPU). Every
 * other page, the portal's lists and searches included, is rendered per request with a nonce.
 *
 * A new statically rendered section must be added here and to proxy.ts's matcher, or the browser
 * refuses its scripts (tests/portal/static-pages.test.ts checks that the three agree).
 */
export const STATIC_PAGE_SECTIONS = ["van-ban", "an-pham", "thu-vien", "tin-tuc", "gioi-thieu"] as const;

export function isStaticPublicPage(pathname: string): boolean {
  const [, section, slug, rest] = pathname.split("/");
  return rest === undefined && Boolean(slug) && (STATIC_PAGE_SECTIONS as readonly string[]).includes(section ?? "");
}
