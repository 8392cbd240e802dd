import { PDFDocument, StandardFonts } from "pdf-lib";
import { expect, test } from "@playwright/test";
import { authFile } from "./helpers";

/** A small real PDF whose text (ASCII, standard font) the search will find. */
async function pdfSaying(text: string): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const page = pdf.addPage([595, 842]);
  page.drawText(text, { x: 60, y: 760, size: 12, font: await pdf.embedFont(StandardFonts.Helvetica) });
  return Buffer.from(await pdf.save());
}

test("a clerk registers and publishes a document; a citizen finds it without diacritics, downloads and verifies it", async ({ browser }) => {
  const stamp = Math.random().toString(36).slice(2, 7);
  const n = 1000 + Math.floor(Math.random() * 90000);
  const clerk = await browser.newContext({ storageState: authFile("vanthu") });
  const page = await clerk.newPage();
  page.on("dialog", (d) => d.accept());
  await page.goto("/lam-viec/van-ban/moi");
  await page.getByLabel("Đơn vị quản lý").selectOption({ label: "Trung ương Hội Cựu TNXP Việt Nam" });
  await page.getByLabel("Số, ký hiệu").fill(`Số: ${n} - tb / twh`);
  await page.getByLabel("Loại văn bản").selectOption("TB");
  await page.getByLabel("Cơ quan ban hành").selectOption({ label: "Trung ương Hội Cựu TNXP Việt Nam" });
  await page.getByLabel("Ngày ban hành").fill("2026-11-02");
  await page.getByLabel("Trích yếu").fill(`Thông báo về lịch tiếp công dân tháng Mười hai đợt ${stamp}`);
  await page.getByRole("button", { name: "Thêm văn bản" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Thông báo ${n}-TB/TWH`);

  // A file whose content is not what its name says is refused next to the field.
  await page.getByLabel("Đính kèm tệp").setInputFiles({ name: "thong-bao.pdf", mimeType: "application/pdf", buffer: Buffer.from("MZ\x90\x00 not a pdf at all") });
  await page.getByRole("button", { name: "Tải lên", exact: true }).click();
  await expect(page.getByText(/thong-bao\.pdf/).first()).toBeVisible();
  await expect(page.locator("text=Tệp “thong-bao.pdf”").first()).toBeVisible();

  await page.getByLabel("Đính kèm tệp").setInputFiles({ name: "Thông báo lịch tiếp dân.pdf", mimeType: "application/pdf", buffer: await pdfSaying(`Lich tiep cong dan dot ${stamp} tai tru so`) });
  await page.getByRole("button", { name: "Tải lên", exact: true }).click();
  await expect(page.getByText("Đã đính kèm tệp.")).toBeVisible();
  await page.getByRole("button", { name: "Công bố lên cổng thông tin" }).click();
  await expect(page.getByText("Đã công bố văn bản.")).toBeVisible();
  await clerk.close();

  // Anyone: found by an unaccented search, opened, downloaded with its Vietnamese name, verified.
  const visitor = await browser.newContext();
  const pub = await visitor.newPage();
  await pub.goto(`/van-ban?q=${encodeURIComponent(`lich tiep cong dan thang muoi hai dot ${stamp}`)}`);
  await expect(pub.getByText("1 văn bản")).toBeVisible();
  await expect(pub.locator("mark").first()).toBeVisible();
  await pub.getByRole("link", { name: `Thông báo ${n}-TB/TWH` }).click();
  await expect(pub.locator("iframe")).toHaveAttribute("src", /\/api\/van-ban\/tep\/.+\?xem=1/);
  const href = await pub.getByRole("link", { name: "Tải về" }).getAttribute("href");
  const download = await pub.request.get(href!);
  expect(download.headers()["content-disposition"]).toBe(
    `attachment; filename="Thong bao lich tiep dan.pdf"; filename*=UTF-8''${encodeURIComponent("Thông báo lịch tiếp dân.pdf")}`,
  );
  expect(download.headers()["x-content-type-options"]).toBe("nosniff");
  const code = (await pub.getByTestId("authenticity").locator("dd").first().textContent())!.trim();
  await pub.goto("/xac-thuc");
  await pub.getByLabel(/Mã xác thực/).fill(code.toLowerCase());
  await pub.getByRole("button", { name: "Kiểm tra", exact: true }).click();
  await expect(pub.getByText("Đúng: tệp hoặc mã này thuộc văn bản đã công bố dưới đây.")).toBeVisible();
  await expect(pub.getByRole("link", { name: `${n}-TB/TWH` })).toBeVisible();
  await visitor.close();
});

test("a state secret is a register entry only: no file, never on the portal", async ({ browser, request }) => {
  const stamp = Math.random().toString(36).slice(2, 7);
  const clerk = await browser.newContext({ storageState: authFile("vanthu") });
  const page = await clerk.newPage();
  await page.goto("/lam-viec/van-ban/moi");
  await page.getByLabel("Đơn vị quản lý").selectOption({ label: "Trung ương Hội Cựu TNXP Việt Nam" });
  await page.getByLabel("Số, ký hiệu").fill(`${1000 + Math.floor(Math.random() * 90000)}-CV/TWH`);
  await page.getByLabel("Loại văn bản").selectOption("CV");
  await page.getByLabel("Cơ quan ban hành").selectOption({ label: "Trung ương Hội Cựu TNXP Việt Nam" });
  await page.getByLabel("Trích yếu").fill(`Công văn mật về phương án ${stamp}`);
  await page.getByLabel("Độ mật").selectOption("secret");
  await page.getByLabel("Nơi lưu bản giấy").fill("Két sắt phòng Văn thư");
  await page.getByRole("button", { name: "Thêm văn bản" }).click();
  await expect(page.getByText("Văn bản mật chỉ được ghi sổ, không có tệp. Bản giấy lưu tại: Két sắt phòng Văn thư.")).toBeVisible();
  await expect(page.getByLabel("Đính kèm tệp")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Công bố lên cổng thông tin" })).toHaveCount(0);
  const id = page.url().split("/").pop()!;
  // Even a direct upload is refused with the reason.
  const upload = await clerk.request.post(`/api/van-ban/${id}/tep`, { multipart: { file: { name: "mat.pdf", mimeType: "application/pdf", buffer: await pdfSaying("secret") } } });
  expect(upload.status()).toBe(400);
  expect((await upload.json()).fieldErrors.file).toMatch(/Văn bản mật không được đính kèm tệp/);
  await clerk.close();

  // Nothing anonymous shows it.
  expect((await request.get(`/van-ban/${id}`)).status()).toBe(404);
  const search = await (await request.get("/van-ban?q=" + encodeURIComponent(`cong van mat ${stamp}`))).text();
  expect(search).toContain("0 văn bản");
  expect(search).not.toContain(id);
  for (const path of ["/van-ban/rss.xml", "/sitemap.xml"]) {
    const body = await (await request.get(path)).text();
    expect(body).not.toContain(stamp);
    expect(body).not.toContain(id);
  }
});

test("a document page is served from the cache: its scripts run under the CSP without a nonce, a beacon counts the view, and unpublishing takes it down at once", async ({ browser, request }) => {
  const stamp = Math.random().toString(36).slice(2, 7);
  const n = 1000 + Math.floor(Math.random() * 90000);
  const clerk = await browser.newContext({ storageState: authFile("vanthu") });
  const page = await clerk.newPage();
  await page.goto("/lam-viec/van-ban/moi");
  await page.getByLabel("Đơn vị quản lý").selectOption({ label: "Trung ương Hội Cựu TNXP Việt Nam" });
  await page.getByLabel("Số, ký hiệu").fill(`${n}-KH/TWH`);
  await page.getByLabel("Loại văn bản").selectOption("KH");
  await page.getByLabel("Cơ quan ban hành").selectOption({ label: "Trung ương Hội Cựu TNXP Việt Nam" });
  await page.getByLabel("Trích yếu").fill(`Kế hoạch tập huấn nghiệp vụ đợt ${stamp}`);
  await page.getByRole("button", { name: "Thêm văn bản" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Kế hoạch ${n}-KH/TWH`);
  const workspaceUrl = page.url();
  const id = workspaceUrl.split("/").pop()!;
  // Visited before it is published: a "not found" is cached, and publishing must expire it.
  expect((await request.get(`/van-ban/${id}`)).status()).toBe(404);
  await page.getByRole("button", { name: "Công bố lên cổng thông tin" }).click();
  await expect(page.getByText("Đã công bố văn bản.")).toBeVisible();

  const first = await request.get(`/van-ban/${id}`);
  expect(first.status()).toBe(200);
  const again = await request.get(`/van-ban/${id}`);
  expect(again.headers()["x-nextjs-cache"]).toBe("HIT");
  const csp = again.headers()["content-security-policy"] ?? "";
  expect(csp).toContain("script-src 'self' 'unsafe-inline'");
  expect(csp).not.toContain("nonce");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");

  // In a browser: no CSP violation, and the page's script posts the view beacon.
  const visitor = await browser.newContext();
  const pub = await visitor.newPage();
  const errors: string[] = [];
  pub.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  const beacon = pub.waitForResponse((r) => r.url().endsWith(`/api/van-ban/${id}/luot-xem`) && r.request().method() === "POST");
  await pub.goto(`/van-ban/${id}`);
  await expect(pub.getByRole("heading", { level: 1 })).toHaveText(`Kế hoạch ${n}-KH/TWH`);
  expect((await beacon).status()).toBe(204);
  expect(errors.filter((e) => e.includes("Content Security Policy"))).toEqual([]);
  await page.reload();
  await expect(page.getByText("1 lượt xem")).toBeVisible();
  // The same visitor reloading is not counted again.
  const second = pub.waitForResponse((r) => r.url().endsWith(`/api/van-ban/${id}/luot-xem`));
  await pub.reload();
  expect((await second).status()).toBe(204);
  await page.reload();
  await expect(page.getByText("1 lượt xem")).toBeVisible();

  // Unpublished: the cached page, its place in the sitemap and the feed go at once.
  await page.getByRole("button", { name: "Gỡ khỏi cổng thông tin" }).click();
  await expect(page.getByText("Đã gỡ văn bản khỏi cổng thông tin.")).toBeVisible();
  expect((await request.get(`/van-ban/${id}`)).status()).toBe(404);
  for (const path of ["/sitemap.xml", "/van-ban/rss.xml"]) expect(await (await request.get(path)).text(), path).not.toContain(id);
  await visitor.close();
  await clerk.close();
});
