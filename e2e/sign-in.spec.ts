import { expect, test } from "@playwright/test";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, signInWithForm } from "./helpers";

test.describe("sign-in as each demo role", () => {
  for (const account of DEMO_ACCOUNTS) {
    test(account.username, async ({ page }) => {
      await signInWithForm(page, account.username, DEMO_PASSWORD);
      await expect(page).toHaveURL(/\/lam-viec$/);
      await expect(page.getByTestId("signed-in-user")).toHaveText(account.name);
      await expect(page.getByTestId("active-roles")).toContainText(account.role);
      // The menu shows only what the role may use.
      const menu = page.getByRole("navigation", { name: "Không gian làm việc" });
      const adminOnly = menu.getByRole("link", { name: "Cài đặt tổ chức" });
      if (account.username === "admin") await expect(adminOnly).toBeVisible();
      else await expect(adminOnly).toHaveCount(0);
    });
  }

  test("a wrong password and an unknown user get the same answer", async ({ page }) => {
    await signInWithForm(page, "admin", "sai-mat-khau-roi");
    await expect(page.locator("form").getByRole("alert")).not.toBeEmpty();
    const wrong = await page.locator("form").getByRole("alert").textContent();
    await signInWithForm(page, "khong.co.ai", "sai-mat-khau-roi");
    await expect(page.locator("form").getByRole("alert")).toHaveText(wrong ?? "");
    expect(wrong).toContain("Tên đăng nhập hoặc mật khẩu không đúng");
    await expect(page).toHaveURL(/\/dang-nhap/);
  });

  test("sign out ends the session", async ({ page }) => {
    await signInWithForm(page, "vanthu", DEMO_PASSWORD);
    await expect(page).toHaveURL(/\/lam-viec$/);
    await page.getByRole("button", { name: "Đăng xuất" }).click();
    await expect(page).toHaveURL(/\/dang-nhap/);
    await page.goto("/lam-viec");
    await expect(page).toHaveURL(/\/dang-nhap/);
  });
});
