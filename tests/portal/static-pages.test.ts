import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import nextConfig from "@/next.config";
import { config as proxyConfig } from "@/proxy";
import { HOME_PAGE_ROUTE, isStaticPublicPage, STATIC_PAGE_SECTIONS } from "@/lib/cache/static-pages";

// What Next.js compiles proxy matchers and header sources with (it ships no types for it).
const { pathToRegexp } = createRequire(import.meta.url)("next/dist/compiled/path-to-regexp") as { pathToRegexp: (source: string) => RegExp };

const UUID = "2f1c7a4e-5b7d-4c8e-9a0b-1c2d3e4f5a6b";
const staticPages = [`/van-ban/${UUID}`, "/an-pham/ban-tin-so-1-2026", "/thu-vien/dai-hoi-2026", "/van-ban/khong-co", "/tin-tuc/ra-quan-don-ve-sinh-phuong-ba-dinh", "/gioi-thieu/lich-su-truyen-thong", "/", "/trang-chu/chinh"];
const otherPages = ["/to-chuc", "/van-ban", "/an-pham", "/thu-vien", "/tin-tuc", "/chuyen-muc/tin-hoat-dong", "/gioi-thieu", "/xac-thuc", "/dang-nhap", "/lam-viec", "/lam-viec/van-ban/moi", `/lam-viec/van-ban/${UUID}`];

const proxyRuns = (path: string) => proxyConfig.matcher.some((m) => pathToRegexp(m.source).test(path));

async function cspOf(path: string) {
  const rules = (await nextConfig.headers!()).filter((r) => pathToRegexp(r.source).test(path));
  return rules.flatMap((r) => r.headers).find((h) => h.key === "Content-Security-Policy")?.value ?? null;
}

describe("statically rendered public pages and the CSP", () => {
  it("knows which pages are static", () => {
    for (const path of staticPages) expect(isStaticPublicPage(path), path).toBe(true);
    for (const path of otherPages) expect(isStaticPublicPage(path), path).toBe(false);
  });

  it("runs the proxy (per-request nonce) for every other page and never for a static one", () => {
    for (const path of staticPages) expect(proxyRuns(path), path).toBe(false);
    for (const path of otherPages) expect(proxyRuns(path), path).toBe(true);
    // The matcher leaves out exactly the static sections.
    for (const section of STATIC_PAGE_SECTIONS) expect(proxyRuns(`/${section}/x`)).toBe(false);
  });

  it("gives the static pages, and only them, a policy without a nonce that keeps everything else strict", async () => {
    for (const path of otherPages) expect(await cspOf(path), path).toBeNull();
    for (const path of staticPages) {
      const csp = (await cspOf(path))!;
      expect(csp).toContain("script-src 'self' 'unsafe-inline'");
      expect(csp).not.toContain("nonce");
      for (const directive of ["default-src 'self'", "object-src 'none'", "base-uri 'self'", "form-action 'self'", "frame-ancestors 'none'", "frame-src 'self' https://www.youtube-nocookie.com"]) {
        expect(csp).toContain(directive);
      }
    }
  });
});

describe("the home page", () => {
  it("is served from the cached route it is rewritten to", async () => {
    const rewrites = await nextConfig.rewrites!();
    expect(Array.isArray(rewrites) ? rewrites : rewrites.afterFiles).toContainEqual({ source: "/", destination: HOME_PAGE_ROUTE });
    expect(isStaticPublicPage(HOME_PAGE_ROUTE)).toBe(true);
  });
});
