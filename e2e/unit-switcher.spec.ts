import { expect, test } from "@playwright/test";
import { authFile } from "./helpers";

test("someone with roles at two units switches between them, and a new role applies at once", async ({ browser }) => {
  // The Tuyên Quang officer already has a session open.
  const officer = await browser.newContext({ storageState: authFile("tuyenquang.canbo") });
  const officerPage = await officer.newPage();
  await officerPage.goto("/lam-viec");
  await expect(officerPage.getByLabel("Đang làm việc tại")).toHaveCount(0);

  // The central administrator gives them a second role, at a ward of Tuyên Quang.
  const admin = await browser.newContext({ storageState: authFile("admin") });
  const page = await admin.newPage();
  await page.goto("/lam-viec/tai-khoan?q=tuyenquang.canbo");
  await page.getByRole("link", { name: "tuyenquang.canbo" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Bùi Thị Cán Bộ");
  await page.getByLabel("Vai trò", { exact: true }).selectOption({ label: "Lãnh đạo" });
  await page.getByLabel("Tại đơn vị").selectOption({ label: "— — Hội Cựu TNXP phường Minh Xuân" });
  await page.getByRole("button", { name: "Giao vai trò" }).click();
  await expect(page.getByText("Lãnh đạo — Hội Cựu TNXP phường Minh Xuân")).toBeVisible();
  await admin.close();

  // Their next request sees the switcher; switching makes the ward's role the one in force.
  await officerPage.goto("/lam-viec");
  const switcher = officerPage.getByLabel("Đang làm việc tại");
  await expect(switcher).toBeVisible();
  await expect(officerPage.getByTestId("active-roles")).toHaveText("Cán bộ");
  await switcher.selectOption({ label: "Hội Cựu TNXP phường Minh Xuân" });
  await expect(officerPage.getByTestId("active-roles")).toHaveText("Lãnh đạo");
  await expect(officerPage.getByText("Phạm vi: Hội Cựu TNXP phường Minh Xuân")).toBeVisible();
  // A leader reads the audit log of their unit; the menu follows the role in force.
  await expect(officerPage.getByRole("navigation", { name: "Không gian làm việc" }).getByRole("link", { name: "Nhật ký hệ thống" })).toBeVisible();
  await officer.close();
});
