import type { NextConfig } from "next";
import { HOME_PAGE_ROUTE, STATIC_PAGE_SECTIONS } from "./lib/cache/static-pages";
import { contentSecurityPolicy } from "./lib/security/csp";

// Headers that do not change per request. The Content-Security-Policy with its nonce is set in
// proxy.ts; the statically rendered public pages get it here, without a nonce (lib/security/csp.ts).
const securityHeaders = [
  { key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
];

// Nothing may be framed by another site; our own published files (PDFs shown inline on their
// pages) may be framed by our own pages only, which their route handlers say themselves.
const INLINE_FILE_ROUTES = "api/van-ban/tep|api/an-pham";

const config: NextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // Native and WebAssembly packages load their own files at run time: keep them out of the bundle.
  serverExternalPackages: ["@electric-sql/pglite", "@node-rs/argon2", "pg-boss", "postgres", "nodemailer", "exceljs", "unpdf", "mammoth", "pdf-lib", "@pdf-lib/fontkit"],
  experimental: {
    serverActions: { bodySizeLimit: `${Number(process.env.MAX_BODY_KB ?? 1024)}kb` as `${number}kb` },
  },
  async rewrites() {
    // The home page is kept in the cache like an article (lib/cache/static-pages.ts says why it
    // lives under a route parameter).
    return [{ source: "/", destination: HOME_PAGE_ROUTE }];
  },
  async headers() {
    const staticPagePolicy = [{ key: "Content-Security-Policy", value: contentSecurityPolicy({ nonce: null, dev: process.env.NODE_ENV !== "production" }) }];
    return [
      { source: "/:path*", headers: securityHeaders },
      { source: `/:section(${STATIC_PAGE_SECTIONS.join("|")})/:slug`, headers: staticPagePolicy },
      { source: "/", headers: staticPagePolicy },
      { source: `/((?!${INLINE_FILE_ROUTES}).*)`, headers: [{ key: "X-Frame-Options", value: "DENY" }] },
    ];
  },
};

export default config;
