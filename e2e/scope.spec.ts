import { expect, test, type Browser } from "@playwright/test";
import { authFile } from "./helpers";

/** The Tuyên Quang unit's page address, as the central administrator finds it. */
async function tuyenQuangUrl(browser: Browser) {
  const context = await browser.newContext({ storageState: authFile("admin") });
  const page = await context.newPage();
  await page.goto("/lam-viec/don-vi?q=TUYEN-QUANG");
  const link = page.getByRole("link", { name: "Hội Cựu TNXP tỉnh Tuyên Quang", exact: true });
  const href = await link.getAttribute("href");
  await context.close();
  expect(href).toMatch(/^\/lam-viec\/don-vi\/[0-9a-f-]{36}$/);
  return href!;
}

test.describe("a province officer stays in their province", () => {
  test.use({ storageState: authFile("hanoi.canbo") });

  test("sees Hà Nội and its units, not Tuyên Quang", async ({ page }) => {
    await page.goto("/lam-viec/don-vi");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Hội Cựu TNXP thành phố Hà Nội");
    await expect(page.getByRole("table")).toContainText("phường Ba Đình");
    await page.goto("/lam-viec/don-vi?q=Tuyên");
    await expect(page.getByRole("table")).toContainText("Không có dữ liệu phù hợp.");
  });

  test("typing another province's URL gives a plain not found", async ({ page, browser }) => {
    const url = await tuyenQuangUrl(browser);
    const response = await page.goto(url);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Không tìm thấy trang" })).toBeVisible();
    await expect(page.getByText("Tuyên Quang")).toHaveCount(0);
  });

  test("an unknown unit id is not found either", async ({ page }) => {
    const response = await page.goto("/lam-viec/don-vi/00000000-0000-4000-8000-000000000000");
    expect(response?.status()).toBe(404);
  });

  test("administration pages are not there for an officer", async ({ page }) => {
    for (const url of ["/lam-viec/cai-dat", "/lam-viec/hop-thu", "/lam-viec/nhat-ky", "/lam-viec/tai-khoan/moi"]) {
      const response = await page.goto(url);
      expect(response?.status(), url).toBe(404);
    }
  });
});

test("anonymous visitors of the workspace are sent to sign in", async ({ page }) => {
  await page.goto("/lam-viec/tai-khoan");
  await expect(page).toHaveURL(/\/dang-nhap\?callbackUrl=%2Flam-viec%2Ftai-khoan/);
});
