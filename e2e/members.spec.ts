import { expect, test } from "@playwright/test";
import { authFile } from "./helpers";

test("an officer records a member, finds them without diacritics and transfers them to another province, which accepts", async ({ browser }) => {
  const stamp = Date.now().toString(36).slice(-5);
  const name = `Trịnh Thị Hường ${stamp.replace(/[0-9]/g, "")}`.trim();
  const hanoi = await browser.newContext({ storageState: authFile("hanoi.canbo") });
  const page = await hanoi.newPage();
  await page.goto("/lam-viec/hoi-vien/moi");
  await page.getByLabel("Đơn vị sinh hoạt").selectOption({ label: "— — Hội Cựu TNXP phường Ba Đình" });
  await page.getByLabel("Họ và tên").fill(name);
  await page.getByLabel("Ngày sinh").fill("1968-09-02");
  await page.getByLabel("Giới tính").selectOption({ label: "Nữ" });
  await page.getByLabel("Dân tộc").selectOption({ label: "Kinh" });
  // A CCCD that does not match the birth year is caught next to its field.
  await page.getByLabel("Số định danh (CCCD/CMND)").fill("001170012345");
  await page.getByRole("button", { name: "Thêm hội viên" }).click();
  await expect(page.getByText("Số CCCD không khớp với năm sinh")).toBeVisible();
  await page.getByLabel("Số định danh (CCCD/CMND)").fill("");
  await page.getByRole("button", { name: "Thêm hội viên" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);

  // Found by an unaccented search.
  await page.goto("/lam-viec/hoi-vien");
  await page.getByRole("searchbox").fill(`trinh thi huong`);
  await page.getByRole("searchbox").press("Enter");
  await page.getByRole("link", { name }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);

  // Transfer to Tuyên Quang.
  const transfer = page.locator("section", { has: page.getByRole("heading", { name: "Chuyển sinh hoạt" }) });
  await transfer.getByLabel("Đơn vị nhận").selectOption({ label: "— Hội Cựu TNXP tỉnh Tuyên Quang" });
  await transfer.getByLabel("Lý do").fill("Về sống cùng gia đình");
  await transfer.getByRole("button", { name: "Chuyển sinh hoạt" }).click();
  await expect(page.getByText("Đang chuyển sinh hoạt đến Hội Cựu TNXP tỉnh Tuyên Quang")).toBeVisible();
  await hanoi.close();

  // The receiving province sees it and accepts.
  const tq = await browser.newContext({ storageState: authFile("tuyenquang.canbo") });
  const tqPage = await tq.newPage();
  await tqPage.goto("/lam-viec/hoi-vien/chuyen-sinh-hoat");
  const item = tqPage.getByRole("listitem").filter({ hasText: name });
  await expect(item).toBeVisible();
  await item.getByRole("button", { name: "Tiếp nhận" }).click();
  await expect(tqPage.getByText("Đã xử lý đề nghị chuyển sinh hoạt.")).toBeVisible();
  await tqPage.goto("/lam-viec/hoi-vien?q=trinh thi huong");
  await tqPage.getByRole("link", { name }).click();
  await expect(tqPage.getByText("Hội Cựu TNXP tỉnh Tuyên Quang ·")).toBeVisible();
  await expect(tqPage.getByText("Tiếp nhận chuyển sinh hoạt")).toBeVisible();
  await tq.close();
});

test("a leader reads records with national IDs masked", async ({ browser }) => {
  const context = await browser.newContext({ storageState: authFile("lanhdao") });
  const page = await context.newPage();
  await page.goto("/lam-viec/hoi-vien?status=active");
  await expect(page.getByRole("table")).toBeVisible();
  const ids = await page.getByRole("cell").filter({ hasText: "••••" }).count();
  expect(ids).toBeGreaterThan(0);
  await expect(page.getByRole("link", { name: "Thêm hội viên" })).toHaveCount(0);
  // The same list as an Excel file.
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Xuất Excel" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^danh-sach-hoi-vien-\d{4}-\d{2}-\d{2}\.xlsx$/);
  const bytes = await (await import("node:fs/promises")).readFile((await file.path())!);
  expect(bytes.subarray(0, 2).toString()).toBe("PK");
  await context.close();
});

test("a member asks for a correction of their own record and an officer approves it", async ({ browser }) => {
  const member = await browser.newContext({ storageState: authFile("hoivien") });
  const page = await member.newPage();
  await page.goto("/lam-viec");
  await page.getByRole("navigation", { name: "Không gian làm việc" }).getByRole("link", { name: "Hồ sơ hội viên của tôi" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Hồ sơ hội viên của tôi");
  await page.getByLabel("Nghề nghiệp").fill("Cán bộ hưu trí");
  await page.getByRole("button", { name: "Đề nghị đính chính" }).click();
  await expect(page.getByText("Đã gửi đề nghị đính chính.")).toBeVisible();
  await expect(page.getByText("Đang chờ", { exact: true })).toBeVisible();
  await member.close();

  const officer = await browser.newContext({ storageState: authFile("hanoi.canbo") });
  const officerPage = await officer.newPage();
  await officerPage.goto("/lam-viec/hoi-vien?q=do van hoi vien");
  await officerPage.getByRole("link", { name: "Đỗ Văn Hội Viên" }).click();
  await expect(officerPage.getByText("Nghề nghiệp: Cán bộ hưu trí")).toBeVisible();
  await officerPage.getByRole("button", { name: "Chấp nhận" }).click();
  await expect(officerPage.getByText("Đã xử lý đề nghị đính chính.")).toBeVisible();
  await officerPage.reload();
  await expect(officerPage.getByLabel("Nghề nghiệp")).toHaveValue("Cán bộ hưu trí");
  await officer.close();
});

test("an officer records where a member also takes part, then removes it", async ({ browser }) => {
  const context = await browser.newContext({ storageState: authFile("hanoi.canbo") });
  const page = await context.newPage();
  await page.goto("/lam-viec/hoi-vien?status=active&q=nguyen");
  await page.getByRole("table").getByRole("link").first().click();
  const card = page.locator("section", { has: page.getByRole("heading", { name: "Sinh hoạt thêm tại đơn vị khác" }) });
  await card.getByLabel("Sinh hoạt thêm tại đơn vị khác").selectOption({ label: "— Hội Cựu TNXP thành phố Hồ Chí Minh" });
  await card.getByRole("button", { name: "Thêm nơi sinh hoạt" }).click();
  await expect(page.getByText("Sinh hoạt thêm tại: Hội Cựu TNXP thành phố Hồ Chí Minh")).toBeVisible();
  await card.getByRole("button", { name: "Bỏ: Hội Cựu TNXP thành phố Hồ Chí Minh" }).click();
  await expect(page.getByText("Sinh hoạt thêm tại: Hội Cựu TNXP thành phố Hồ Chí Minh")).toHaveCount(0);
  await context.close();
});
