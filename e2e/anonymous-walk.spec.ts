import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { authFile } from "./helpers";

/**
 * Walks every anonymous page and feed — the portal's routes found on disk, every URL of the
 * sitemap, the files those pages link to, and searches for the secret's own words — and finds
 * nothing of the demo's state secret (05-CV/TWH) or internal report (90-BC/HCCB).
 */
const SECRETS = ["05-CV/TWH", "bảo vệ bí mật nhà nước", "bao ve bi mat nha nuoc", "90-BC/HCCB", "tình hình cán bộ chủ chốt"];

function portalRoutes(): string[] {
  const root = path.resolve(import.meta.dirname, "../app/(portal)");
  const found: string[] = [];
  const walk = (dir: string, url: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        if (!entry.name.startsWith("[")) walk(path.join(dir, entry.name), `${url}/${entry.name}`);
      } else if (entry.name === "page.tsx" || entry.name === "route.ts") {
        found.push(url || "/");
      }
    }
  };
  walk(root, "");
  // The home page lives under a route parameter and is reached as "/" (next.config.ts rewrites it).
  if (fs.existsSync(path.join(root, "trang-chu", "[ban]", "page.tsx"))) found.push("/");
  return found;
}

test("no anonymous page, feed, search or file shows a confidential or internal document", async ({ request }) => {
  const routes = portalRoutes();
  expect(routes).toEqual(expect.arrayContaining(["/", "/van-ban", "/van-ban/rss.xml", "/xac-thuc", "/an-pham", "/thu-vien"]));
  const sitemap = await (await request.get("/sitemap.xml")).text();
  const sitemapPaths = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]!).pathname);
  expect(sitemapPaths.some((p) => p.startsWith("/van-ban/"))).toBe(true);
  const searches = SECRETS.map((s) => `/van-ban?q=${encodeURIComponent(s)}`);
  const pages = [...new Set([...routes, ...sitemapPaths, ...searches, "/sitemap.xml", "/robots.txt", "/xac-thuc?ma=AAAAA-AAAAA"])];

  const files = new Set<string>();
  for (const url of pages) {
    const response = await request.get(url);
    expect(response.status(), url).toBeLessThan(400);
    const body = await response.text();
    for (const secret of SECRETS) {
      // A search page repeats what was typed in its box; the results must still be empty.
      if (url.startsWith("/van-ban?q=")) expect(body, url).toContain("0 văn bản");
      else expect(body, `${url} shows “${secret}”`).not.toContain(secret);
    }
    for (const m of body.matchAll(/\/api\/(?:van-ban\/tep|an-pham)\/[0-9a-f-]{36}[^"'\s<]*/g)) files.add(m[0].replace(/&amp;/g, "&"));
  }
  expect(files.size).toBeGreaterThan(0);
  for (const file of files) {
    const response = await request.get(file);
    expect(response.status(), file).toBe(200);
    expect(response.headers()["content-disposition"] ?? "", file).not.toContain("90-BC");
  }
});

test("an internal document's file is not found anonymously, even by its address", async ({ browser, request }) => {
  const clerk = await browser.newContext({ storageState: authFile("hanoi.canbo") });
  const page = await clerk.newPage();
  await page.goto("/lam-viec/van-ban?q=90-BC");
  await page.getByRole("link", { name: "90-BC/HCCB" }).click();
  const href = await page.locator('a[href^="/api/van-ban/tep/"]').first().getAttribute("href");
  expect((await clerk.request.get(href!)).status()).toBe(200);
  await clerk.close();
  const anonymous = await request.get(href!);
  expect(anonymous.status()).toBe(404);
  expect(await anonymous.text()).toBe("Không tìm thấy tệp.");
});
