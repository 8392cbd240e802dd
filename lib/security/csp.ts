/**
 * The Content-Security-Policy, in its two forms (proxy.ts and next.config.ts send them):
 * - with a per-request nonce for pages rendered per request (the workspace, sign-in, the portal's
 *   lists and searches): only scripts carrying the nonce run, and what they load ('strict-dynamic');
 * - without a nonce for the statically rendered public pages (lib/cache/static-pages.ts), whose
 *   HTML is shared by every visitor. Next.js puts each page's data in inline scripts, so those
 *   pages need 'unsafe-inline' for scripts, as the Next.js guide's policy "without nonces" has.
 *   Next's experimental SRI (experimental.sri) would only add integrity hashes to the script
 *   files; the inline scripts differ per page and per render, so it cannot take 'unsafe-inline'
 *   away. These pages show published records only, with no form and no user content rendered as
 *   HTML; everything else of the policy is the same for both.
 */
export function contentSecurityPolicy(options: { nonce: string | null; dev: boolean }): string {
  const { nonce, dev } = options;
  const scripts = nonce ? `'self' 'nonce-${nonce}' 'strict-dynamic'` : `'self' 'unsafe-inline'`;
  return [
    "default-src 'self'",
    `script-src ${scripts}${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "media-src 'self'",
    // Our own files (PDFs) and the video hosts editors may embed.
    "frame-src 'self' https://www.youtube-nocookie.com https://www.youtube.com https://player.vimeo.com https://www.facebook.com",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(dev ? [] : ["upgrade-insecure-requests"]),
  ].join("; ");
}
