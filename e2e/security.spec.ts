import { expect, test } from "@playwright/test";

test("security headers on pages", async ({ request }) => {
  // A page rendered per request carries a nonce; the cached public pages (the home page among
  // them) have the policy without one, checked in documents.spec.ts and below.
  const response = await request.get("/dang-nhap");
  const headers = response.headers();
  const csp = headers["content-security-policy"] ?? "";
  const scriptSrc = csp.split(";").find((d) => d.trim().startsWith("script-src")) ?? "";
  expect(scriptSrc).toMatch(/'nonce-[A-Za-z0-9+/=]+'/);
  expect(scriptSrc).not.toContain("unsafe-inline");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(headers["strict-transport-security"]).toContain("max-age=");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["x-powered-by"]).toBeUndefined();
});

test("the home page is served from the cache under the policy without a nonce", async ({ request }) => {
  await request.get("/");
  const response = await request.get("/");
  const headers = response.headers();
  expect(headers["x-nextjs-cache"]).toBe("HIT");
  const csp = headers["content-security-policy"] ?? "";
  expect(csp).not.toContain("nonce");
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("object-src 'none'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(headers["strict-transport-security"]).toContain("max-age=");
});

test("pages run under the CSP without violations", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") violations.push(m.text());
  });
  await page.goto("/dang-nhap");
  await page.getByLabel("Tên đăng nhập hoặc e-mail").fill("x");
  // The form is hydrated (client validation runs), so the scripts were allowed to execute.
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(page.getByText("Vui lòng nhập thông tin này.")).toBeVisible();
  expect(violations.filter((v) => v.includes("Content Security Policy"))).toEqual([]);
});

test("health reports the database", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  const body = (await response.json()) as { status: string; database: { status: string; kind: string } };
  expect(body.status).toBe("ok");
  expect(["pglite", "postgres"]).toContain(body.database.kind);
});

test("an unknown page is a Vietnamese 404", async ({ page }) => {
  const response = await page.goto("/khong-co-trang-nay");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Không tìm thấy trang" })).toBeVisible();
});

test("a phone-sized screen keeps the workspace usable", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, storageState: "playwright/.auth/admin.json" });
  const page = await context.newPage();
  await page.goto("/lam-viec");
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(360);
  await page.getByText("Trình đơn").click();
  await page.getByRole("navigation", { name: "Không gian làm việc" }).getByRole("link", { name: "Tài khoản", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Tài khoản");
  await context.close();
});
