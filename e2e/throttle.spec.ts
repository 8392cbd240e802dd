import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD, signInWithForm } from "./helpers";

test("repeated failures throttle the account, even for the right password", async ({ page }) => {
  for (let i = 0; i < 5; i++) {
    await signInWithForm(page, "lanhdao", `mat-khau-sai-${i}`);
    await expect(page.locator("form").getByRole("alert")).toContainText("Tên đăng nhập hoặc mật khẩu không đúng");
  }
  await signInWithForm(page, "lanhdao", DEMO_PASSWORD);
  await expect(page.locator("form").getByRole("alert")).toContainText("Đăng nhập sai quá nhiều lần");
  await expect(page).toHaveURL(/\/dang-nhap/);
});
