import ExcelJS from "exceljs";
import { expect, test } from "@playwright/test";
import { authFile } from "./helpers";

/** A list as a ward sends it: a title row, a note, the header, five members, two of them wrong. */
async function wardList(stamp: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Danh sách");
  sheet.addRow([`DANH SÁCH HỘI VIÊN ĐỢT ${stamp.toUpperCase()}`]);
  sheet.addRow(["(Kèm theo báo cáo tháng 11)"]);
  // A notes column named per run: the layout is new, so its mapping is asked for (not remembered).
  sheet.addRow(["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Dân tộc", "Số CCCD", "Số điện thoại", `Ghi chú ${stamp}`]);
  sheet.addRow([1, `Lương Thị Ánh ${stamp}`, "12/05/1970", "Nữ", "Kinh", "", "0912 345 678"]);
  sheet.addRow([2, `Đinh Văn Bảo ${stamp}`, "31/02/1968", "Nam", "Kinh", "", ""]);
  sheet.addRow([3, `Tạ Thị Cúc ${stamp}`, new Date(Date.UTC(1972, 7, 19)), "Nữ", "Tày", "", ""]);
  sheet.addRow([4, `Khổng Văn Dũng ${stamp}`, "1965", "Nam", "Kinh", "12345678", ""]);
  sheet.addRow([5, `Ông Thị Én ${stamp}`, "03/03/1969", "Nữ", "Mường", "", ""]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

test("an officer imports a list, fixes two rows, commits it, finds a member without diacritics and transfers them", async ({ browser }) => {
  const stamp = Date.now().toString(36).slice(-4).replace(/[0-9]/g, "x");
  const context = await browser.newContext({ storageState: authFile("hanoi.canbo") });
  const page = await context.newPage();
  page.on("dialog", (dialog) => dialog.accept());

  await page.goto("/lam-viec/hoi-vien/nhap");
  // The template downloads as a real workbook.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Tải tệp mẫu" }).click()]);
  expect(download.suggestedFilename()).toBe("mau-danh-sach-hoi-vien.xlsx");

  // An oversized file is refused before it is sent; one that is not a spreadsheet, by the server.
  await page.getByLabel("Đơn vị nhận danh sách").selectOption({ label: "— — Hội Cựu TNXP phường Ba Đình" });
  await page.getByLabel("Tệp danh sách").setInputFiles({ name: "lon.csv", mimeType: "text/csv", buffer: Buffer.alloc(21 * 1024 * 1024, 65) });
  await page.getByRole("button", { name: "Tải lên và đọc tệp" }).click();
  await expect(page.getByText("Tệp quá lớn (tối đa 20 MB)")).toBeVisible();
  await page.getByLabel("Đơn vị nhận danh sách").selectOption({ label: "— — Hội Cựu TNXP phường Ba Đình" });
  await page.getByLabel("Tệp danh sách").setInputFiles({ name: "anh.xlsx", mimeType: "image/png", buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]) });
  await page.getByRole("button", { name: "Tải lên và đọc tệp" }).click();
  await expect(page.getByText("không phải bảng tính Excel")).toBeVisible();

  await page.getByLabel("Tệp danh sách").setInputFiles({
    name: `danh-sach-${stamp}.xlsx`,
    mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    buffer: await wardList(stamp),
  });
  await page.getByRole("button", { name: "Tải lên và đọc tệp" }).click();

  // Mapping: suggested from the headers, confirmed by the officer.
  await expect(page.getByRole("heading", { name: "1. Ghép cột" })).toBeVisible();
  await expect(page.getByRole("combobox", { name: "Thông tin: Họ và tên" })).toHaveValue("fullName");
  await expect(page.getByRole("combobox", { name: "Thông tin: Số CCCD" })).toHaveValue("nationalId");
  await page.getByRole("button", { name: "Xác nhận cách ghép" }).click();

  // Preview: two rows with problems, named by row and column; nothing can be written yet.
  await expect(page.getByRole("heading", { name: "2. Xem trước và sửa" })).toBeVisible();
  await expect(page.getByText("Còn 2 dòng có lỗi")).toBeVisible();
  await expect(page.getByRole("button", { name: "Ghi vào hồ sơ" })).toBeDisabled();
  const row5 = page.locator("tr[data-row='5']");
  const row7 = page.locator("tr[data-row='7']");
  await expect(row5).toContainText("Ngày sinh:");
  await expect(row7).toContainText("Số CCCD:");

  await row5.getByRole("button", { name: "Sửa dòng 5" }).click();
  await row5.getByLabel("Ngày sinh").fill("28/02/1968");
  await row5.getByRole("button", { name: "Lưu và kiểm tra lại" }).click();
  await expect(page.getByText("Còn 1 dòng có lỗi")).toBeVisible();

  await row7.getByRole("button", { name: "Sửa dòng 7" }).click();
  await row7.getByLabel("Số CCCD").fill("");
  await row7.getByRole("button", { name: "Lưu và kiểm tra lại" }).click();
  await expect(page.getByText("Sẵn sàng ghi vào hồ sơ.")).toBeVisible();

  await page.getByRole("button", { name: "Ghi vào hồ sơ" }).click();
  await expect(page.getByText("5 dòng: 5 mới, 0 cập nhật, 0 sinh hoạt ghép, 0 bỏ qua")).toBeVisible();

  // The batch is kept in the history; its members are in the list, found without diacritics.
  await page.goto("/lam-viec/hoi-vien/nhap");
  await expect(page.getByRole("link", { name: `danh-sach-${stamp}.xlsx` })).toBeVisible();
  await page.goto("/lam-viec/hoi-vien");
  await page.getByRole("searchbox").fill(`dinh van bao ${stamp}`);
  await page.getByRole("searchbox").press("Enter");
  await page.getByRole("link", { name: `Đinh Văn Bảo ${stamp}` }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Đinh Văn Bảo ${stamp}`);
  await expect(page.getByText("28/02/1968")).toBeVisible();

  // Transferred to Tuyên Quang, whose officer accepts: the member is never lost between them.
  const transfer = page.locator("section", { has: page.getByRole("heading", { name: "Chuyển sinh hoạt" }) });
  await transfer.getByLabel("Đơn vị nhận").selectOption({ label: "— Hội Cựu TNXP tỉnh Tuyên Quang" });
  await transfer.getByLabel("Lý do").fill("Về quê sinh sống");
  await transfer.getByRole("button", { name: "Chuyển sinh hoạt" }).click();
  await expect(page.getByText("Đang chuyển sinh hoạt đến Hội Cựu TNXP tỉnh Tuyên Quang")).toBeVisible();
  await context.close();

  const tq = await browser.newContext({ storageState: authFile("tuyenquang.canbo") });
  const tqPage = await tq.newPage();
  await tqPage.goto("/lam-viec/hoi-vien/chuyen-sinh-hoat");
  const item = tqPage.getByRole("listitem").filter({ hasText: `Đinh Văn Bảo ${stamp}` });
  await item.getByRole("button", { name: "Tiếp nhận" }).click();
  await expect(tqPage.getByText("Đã xử lý đề nghị chuyển sinh hoạt.")).toBeVisible();
  await tqPage.goto(`/lam-viec/hoi-vien?q=dinh van bao ${stamp}`);
  await expect(tqPage.getByRole("link", { name: `Đinh Văn Bảo ${stamp}` })).toBeVisible();
  await tq.close();
});
