import ExcelJS from "exceljs";
import { expect, test, type Page } from "@playwright/test";
import { authFile } from "./helpers";

const ROOT = "Trung ương Hội Cựu TNXP Việt Nam";
const HANOI = "Hội Cựu TNXP thành phố Hà Nội";
const BA_DINH = "Hội Cựu TNXP phường Ba Đình";
const SHEETS = ["Tổng hợp", "Cơ cấu", "Biến động", "Đánh giá xếp loại", "Đơn vị trực thuộc", "Hoạt động"];

const children = (page: Page) => page.getByRole("region", { name: "Đơn vị trực thuộc", exact: true });
const breadcrumb = (page: Page) => page.getByRole("navigation", { name: "Đường dẫn" });

/** The headline "members now" figure as a number (dots group thousands in Vietnamese). */
async function membersNow(page: Page): Promise<number> {
  const text = await page.getByTestId("stats-members").locator("p").nth(1).innerText();
  return Number(text.replace(/\./g, ""));
}

test("the central leader drills from the country to a province and a ward, goes back up and exports the province", async ({ browser }) => {
  const context = await browser.newContext({ storageState: authFile("lanhdao") });
  const page = await context.newPage();
  await page.goto("/lam-viec");
  await page.getByRole("navigation", { name: "Không gian làm việc" }).getByRole("link", { name: "Thống kê" }).click();

  // The country: figures, every breakdown with its chart and its table, the provinces below.
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(ROOT);
  const country = await membersNow(page);
  expect(country).toBeGreaterThan(0);
  for (const title of ["Hồ sơ theo tình trạng", "Giới tính", "Độ tuổi", "Dân tộc", "Tôn giáo", "Trình độ văn hóa", "Số năm tham gia"]) {
    await expect(page.getByRole("application", { name: `Biểu đồ: ${title}`, exact: true })).toBeVisible();
    await expect(page.getByRole("table", { name: title, exact: true })).toBeVisible();
  }
  await expect(page.getByRole("heading", { name: /^Biến động hội viên: Từ 01\/01\/\d{4} đến \d{2}\/\d{2}\/\d{4}$/ })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Kết quả đánh giá, xếp loại theo năm", level: 2 })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Hoạt động cổng thông tin và văn bản" })).toBeVisible();

  // Down to the province…
  await children(page).getByRole("link", { name: HANOI, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(HANOI);
  await expect(breadcrumb(page).getByRole("link", { name: ROOT })).toBeVisible();
  const hanoi = await membersNow(page);
  expect(hanoi).toBeGreaterThan(0);
  expect(hanoi).toBeLessThanOrEqual(country);

  // …and to a ward, whose breadcrumb leads back up through the province.
  const baDinhRow = children(page).getByRole("row").filter({ has: page.getByRole("link", { name: BA_DINH, exact: true }) });
  const baDinhInTable = Number((await baDinhRow.getByRole("cell").nth(1).innerText()).replace(/\./g, ""));
  await baDinhRow.getByRole("link", { name: BA_DINH, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(BA_DINH);
  await expect(page).toHaveURL(/\/lam-viec\/thong-ke\?don-vi=[0-9a-f-]{36}$/);
  await expect(breadcrumb(page).getByRole("link")).toHaveText(["Tổng quan", ROOT, HANOI]);
  await expect(breadcrumb(page).locator('[aria-current="page"]')).toHaveText(BA_DINH);
  expect(await membersNow(page)).toBe(baDinhInTable);
  await expect(page.getByTestId("stats-admitted")).toBeVisible();

  await breadcrumb(page).getByRole("link", { name: HANOI }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(HANOI);

  // The province as a workbook: one sheet per section, the same figures as the page.
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Xuất Excel" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^thong-ke-ha-noi-\d{4}-\d{2}-\d{2}\.xlsx$/);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile((await file.path())!);
  expect(workbook.worksheets.map((w) => w.name)).toEqual(SHEETS);
  const rowOf = (sheet: string, label: string) => {
    let found: ExcelJS.CellValue[] | undefined;
    workbook.getWorksheet(sheet)!.eachRow((row) => {
      if (row.getCell(1).value === label) found = (row.values as ExcelJS.CellValue[]).slice(1);
    });
    return found;
  };
  expect(workbook.getWorksheet("Tổng hợp")!.getCell("A1").value).toMatch(new RegExp(`^Thống kê ${HANOI}, số liệu ngày \\d{2}/\\d{2}/\\d{4}$`));
  expect(rowOf("Tổng hợp", "Hội viên hiện có")?.[1]).toBe(hanoi);
  expect(rowOf("Đơn vị trực thuộc", BA_DINH)?.[1]).toBe(baDinhInTable);
  expect(rowOf("Biến động", "Kết nạp")).toHaveLength(4);
  await context.close();
});

test("a past day shows the provinces dissolved since, labelled; a wrong or future day is named under its field", async ({ browser }) => {
  const context = await browser.newContext({ storageState: authFile("lanhdao") });
  const page = await context.newPage();
  await page.goto("/lam-viec/thong-ke");
  await page.getByLabel("Số liệu tại ngày").fill("01/06/2025");
  await page.getByRole("button", { name: "Xem số liệu" }).click();
  await expect(page).toHaveURL(/ngay=01%2F06%2F2025/);
  await expect(page.getByText(/^Số liệu ngày 01\/06\/2025, so với cùng ngày năm trước \(01\/06\/2024\)/)).toBeVisible();
  const former = children(page).getByRole("row").filter({ hasText: "Hội Cựu TNXP tỉnh Hà Giang (trước 01/07/2025)" });
  await expect(former).toContainText("Đã sáp nhập, hoạt động đến 30/06/2025");

  await page.getByLabel("Số liệu tại ngày").fill("31/02/2026");
  await page.getByRole("button", { name: "Xem số liệu" }).click();
  await expect(page.getByLabel("Số liệu tại ngày")).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator("#stats-ngay-error")).toHaveText("Ngày chưa hợp lệ (dd/MM/yyyy).");
  await expect(page.getByTestId("stats-members")).toHaveCount(0);

  await page.getByLabel("Số liệu tại ngày").fill(`01/01/${new Date().getFullYear() + 1}`);
  await page.getByRole("button", { name: "Xem số liệu" }).click();
  await expect(page.locator("#stats-ngay-error")).not.toBeEmpty();

  await page.goto("/lam-viec/thong-ke?tu=01/06/2025&den=01/01/2025");
  await expect(page.locator("#stats-tu-error, #stats-den-error").first()).not.toBeEmpty();
  await context.close();
});

test.describe("a province's officer stays in their province", () => {
  test.use({ storageState: authFile("hanoi.canbo") });

  test("opens Hà Nội's statistics; Tuyên Quang's id typed in the address is plain not found, page and export", async ({ page, browser }) => {
    // Tuyên Quang's id, as the central leader's drill-down table links to it.
    const central = await browser.newContext({ storageState: authFile("lanhdao") });
    const centralPage = await central.newPage();
    await centralPage.goto("/lam-viec/thong-ke");
    const href = await children(centralPage).getByRole("link", { name: "Hội Cựu TNXP tỉnh Tuyên Quang", exact: true }).getAttribute("href");
    await central.close();
    const id = /don-vi=([0-9a-f-]{36})/.exec(href ?? "")?.[1];
    expect(id).toBeTruthy();

    await page.goto("/lam-viec/thong-ke");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(HANOI);
    await expect(breadcrumb(page).getByRole("link")).toHaveText(["Tổng quan"]);

    const response = await page.goto(`/lam-viec/thong-ke?don-vi=${id}`);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Không tìm thấy trang" })).toBeVisible();
    await expect(page.getByText("Tuyên Quang")).toHaveCount(0);

    const file = await page.request.get(`/api/thong-ke/xlsx?don-vi=${id}`);
    expect(file.status()).toBe(404);
    expect(await page.request.get("/api/thong-ke/xlsx?don-vi=khong-phai-ma").then((r) => r.status())).toBe(404);
  });
});
