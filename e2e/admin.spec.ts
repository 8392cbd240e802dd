import { expect, test } from "@playwright/test";
import { authFile, signInWithForm } from "./helpers";

test("an administrator creates a unit and a user, who signs in and must change the password", async ({ browser }) => {
  const stamp = Date.now().toString(36);
  const unitName = `Chi hội thử nghiệm ${stamp}`;
  const username = `nguoidung.${stamp}`;
  const temporary = `Tạm thời ${stamp} hoa sen nở`;

  const admin = await browser.newContext({ storageState: authFile("admin") });
  const page = await admin.newPage();

  // A new branch under a Hà Nội ward.
  // Found with the search box of the unit page, without diacritics.
  await page.goto("/lam-viec/don-vi");
  await page.getByRole("searchbox").fill("phuong ba dinh");
  await page.getByRole("searchbox").press("Enter");
  await expect(page).toHaveURL(/\/lam-viec\/don-vi\?q=phuong\+ba\+dinh/);
  await page.getByRole("link", { name: "Hội Cựu TNXP phường Ba Đình" }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Hội Cựu TNXP phường Ba Đình");
  const createForm = page.locator("section", { has: page.getByRole("heading", { name: "Thêm đơn vị trực thuộc" }) });
  await createForm.getByLabel("Tên đơn vị").fill(unitName);
  await createForm.getByLabel("Mã").fill(`TN-${stamp}`);
  // A bad code first: the message appears next to the field and nothing is created.
  await createForm.getByLabel("Mã").fill("mã có dấu");
  await createForm.getByRole("button", { name: "Tạo mới" }).click();
  await expect(createForm.getByText("Mã chỉ gồm chữ không dấu").last()).toBeVisible();
  await createForm.getByLabel("Mã").fill(`TN-${stamp}`);
  await createForm.getByRole("button", { name: "Tạo mới" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(unitName);
  await expect(page.getByRole("navigation", { name: "Đường dẫn" })).toContainText("Hội Cựu TNXP thành phố Hà Nội");

  // A user at that branch.
  await page.goto("/lam-viec/tai-khoan/moi");
  await page.getByLabel("Tên đăng nhập").fill(username);
  await page.getByLabel("Họ và tên").fill("Lý Thị Thử Nghiệm");
  await page.getByLabel("Đơn vị").selectOption({ label: `— — — ${unitName}` });
  await page.getByLabel("Vai trò ban đầu").selectOption({ label: "Cán bộ" });
  await page.getByLabel("Mật khẩu tạm").fill("123456");
  await page.getByRole("button", { name: "Tạo tài khoản" }).click();
  await expect(page.getByText("Mật khẩu cần ít nhất 10 ký tự.")).toBeVisible();
  await page.getByLabel("Mật khẩu tạm").fill(temporary);
  await page.getByRole("button", { name: "Tạo tài khoản" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Lý Thị Thử Nghiệm");
  await expect(page.getByText("Chờ đổi mật khẩu")).toBeVisible();
  await admin.close();

  // The new user signs in and is made to choose their own password.
  const user = await browser.newContext();
  const userPage = await user.newPage();
  await signInWithForm(userPage, username, temporary);
  await expect(userPage).toHaveURL(/\/doi-mat-khau/);
  await userPage.goto("/lam-viec/don-vi");
  await expect(userPage).toHaveURL(/\/doi-mat-khau/);
  await userPage.getByLabel("Mật khẩu hiện tại").fill(temporary);
  await userPage.getByLabel("Mật khẩu mới", { exact: true }).fill("matkhau123");
  await userPage.getByLabel("Nhập lại mật khẩu mới").fill("matkhau123");
  await userPage.getByRole("button", { name: "Đổi mật khẩu" }).click();
  await expect(userPage.getByText("Mật khẩu quá dễ đoán")).toBeVisible();
  await userPage.getByLabel("Mật khẩu mới", { exact: true }).fill(temporary);
  await userPage.getByLabel("Nhập lại mật khẩu mới").fill(temporary);
  await userPage.getByRole("button", { name: "Đổi mật khẩu" }).click();
  await expect(userPage.getByText("Mật khẩu này đã được dùng gần đây")).toBeVisible();
  const chosen = `Gió mùa đông bắc về ${stamp}`;
  await userPage.getByLabel("Mật khẩu mới", { exact: true }).fill(chosen);
  await userPage.getByLabel("Nhập lại mật khẩu mới").fill(chosen);
  await userPage.getByRole("button", { name: "Đổi mật khẩu" }).click();
  await expect(userPage).toHaveURL(/\/lam-viec$/);
  await expect(userPage.getByTestId("active-roles")).toContainText("Cán bộ");
  await expect(userPage.getByText(`Phạm vi: ${unitName}`)).toBeVisible();
  await user.close();
});

test("disabling a user ends their session at the next request", async ({ browser }) => {
  const victim = await browser.newContext({ storageState: authFile("hanoi.ctv") });
  const victimPage = await victim.newPage();
  await victimPage.goto("/lam-viec");
  await expect(victimPage.getByTestId("signed-in-user")).toHaveText("Đặng Cộng Tác");

  const admin = await browser.newContext({ storageState: authFile("hanoi.quantri") });
  const page = await admin.newPage();
  await page.goto("/lam-viec/tai-khoan?q=hanoi.ctv");
  await page.getByRole("link", { name: "hanoi.ctv" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Đặng Cộng Tác");
  await page.getByRole("button", { name: "Khóa tài khoản" }).click();
  await expect(page.getByText("Đã khóa tài khoản")).toBeVisible();

  await victimPage.goto("/lam-viec");
  await expect(victimPage).toHaveURL(/\/dang-nhap/);

  await page.getByRole("button", { name: "Mở khóa tài khoản" }).click();
  await expect(page.getByText("Đã mở khóa tài khoản.")).toBeVisible();
  await admin.close();
  await victim.close();
});
