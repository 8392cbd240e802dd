/**
 * The portal pages rendered once and then served from the cache (`generateStaticParams` returns
 * no paths and the page reads through cachedPublic): the home page, and one document,
 * publication, album or article at /<section>/<id or slug>. The home page is "/", which
 * next.config.ts rewrites to /trang-chu/chinh, as a page without a route parameter would be
 * prerendered by `next build`, which has no database. Their HTML is the same for every visitor, so it cannot carry a
 * per-request CSP nonce: next.config.ts sends them the policy without one, and proxy.ts does not
 * run for them at all (its matcher leaves them out; that also saves a third of their CPU). Every
 * other page, the portal's lists and searches included, is rendered per request with a nonce.
 *
 * A new statically rendered section must be added here and to proxy.ts's matcher, or the browser
 * refuses its scripts (tests/portal/static-pages.test.ts checks that the three agree).
 */
export const STATIC_PAGE_SECTIONS = ["van-ban", "an-pham", "thu-vien", "tin-tuc", "gioi-thieu", "trang-chu"] as const;

/** The home page's route parameter: /trang-chu/<anything else> is not found. */
export const HOME_PAGE_KEY = "chinh";
export const HOME_PAGE_ROUTE = `/trang-chu/${HOME_PAGE_KEY}`;

export function isStaticPublicPage(pathname: string): boolean {
  if (pathname === "/") return true;
  const [, section, slug, rest] = pathname.split("/");
  return rest === undefined && Boolean(slug) && (STATIC_PAGE_SECTIONS as readonly string[]).includes(section ?? "");
}
