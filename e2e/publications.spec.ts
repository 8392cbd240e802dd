import { createHash } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { samplePdf, samplePng } from "../tests/publications/sample-files";
import { authFile } from "./helpers";

const sha256 = (bytes: Uint8Array | Buffer) => createHash("sha256").update(bytes).digest("hex");

/** Every image in the locator's scope has really loaded (not a broken-image placeholder). */
async function imagesLoaded(page: Page, selector: string) {
  return page.locator(selector).evaluateAll((images) => images.map((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0));
}

test("an editor publishes a newsletter and an album; an anonymous visitor reads, downloads and watches them", async ({ browser }) => {
  const stamp = Date.now().toString(36).slice(-5);
  const title = `Bản tin số 3 năm 2026 ${stamp}`;
  const slug = `ban-tin-so-3-nam-2026-${stamp}`;
  const pdf = Buffer.from(await samplePdf(`Ban tin so 3 ${stamp}`));

  const editor = await browser.newContext({ storageState: authFile("bientap") });
  const page = await editor.newPage();
  page.on("dialog", (dialog) => dialog.accept());
  const anonymous = await browser.newContext();
  const visitor = await anonymous.newPage();

  // The editor adds the newsletter: the PDF and its cover travel with the form.
  await page.goto("/lam-viec/an-pham");
  await page.getByRole("link", { name: "Thêm ấn phẩm" }).click();
  await expect(page.getByText(/^Tệp PDF, tối đa \d+ MB\.$/)).toBeVisible();
  await page.getByLabel("Loại", { exact: true }).selectOption("newsletter");
  await page.getByLabel("Tên ấn phẩm", { exact: true }).fill(title);
  await page.getByLabel("Số", { exact: true }).fill("3");
  await page.getByLabel("Năm", { exact: true }).fill("2026");
  await page.getByLabel("Mô tả", { exact: true }).fill("Tin hoạt động quý I của Hội.");
  // A picture named .pdf is refused by its content, with the reason next to the field.
  await page.getByLabel("Tệp PDF", { exact: true }).setInputFiles({ name: "ban-tin.pdf", mimeType: "application/pdf", buffer: Buffer.from(samplePng(7)) });
  await page.getByRole("button", { name: "Thêm ấn phẩm" }).click();
  await expect(page.getByText("Tệp tải lên chưa hợp lệ.")).toBeVisible();
  await expect(page.getByText(/ban-tin\.pdf/).first()).toBeVisible();

  await page.getByLabel("Tệp PDF", { exact: true }).setInputFiles({ name: "Bản tin số 3.pdf", mimeType: "application/pdf", buffer: pdf });
  await page.getByLabel("Ảnh bìa", { exact: true }).setInputFiles({ name: "bia.png", mimeType: "image/png", buffer: Buffer.from(samplePng(8)) });
  await page.getByRole("button", { name: "Thêm ấn phẩm" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  const publicationId = page.url().split("/").pop()!;

  // Not yet published: the public page and the file do not exist for the visitor.
  expect((await visitor.goto(`/an-pham/${slug}`))?.status()).toBe(404);
  expect((await anonymous.request.get(`/api/an-pham/${publicationId}/tep`)).status()).toBe(404);

  await page.getByRole("button", { name: "Công bố", exact: true }).click();
  await expect(page.getByText("Đã công bố: mục này đã hiện trên cổng thông tin.")).toBeVisible();

  // The visitor finds it in the list, with its cover, and opens it.
  await visitor.goto("/an-pham?loai=ban-tin");
  const card = visitor.getByTestId("publication-list").getByRole("listitem").filter({ hasText: title });
  await expect.poll(() => imagesLoaded(visitor, `[data-testid="publication-list"] img[src="/api/an-pham/${publicationId}/bia"]`)).toEqual([true]);
  await card.getByRole("link", { name: title }).click();
  await expect(visitor.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(visitor.locator(`iframe[src="/api/an-pham/${publicationId}/tep?xem=1"]`)).toBeAttached();
  const authenticity = visitor.getByTestId("authenticity");
  await expect(authenticity.getByTestId("sha256")).toHaveText(sha256(pdf));
  await expect(authenticity.getByTestId("verification-code")).toHaveText(/^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
  await expect(authenticity.getByTestId("verification-qr")).toBeVisible();
  const code = (await authenticity.getByTestId("verification-code").textContent())!;
  await expect(visitor.locator('meta[property="og:image"]')).toHaveAttribute("content", new RegExp(`/api/an-pham/${publicationId}/bia$`));
  await expect(visitor.locator('link[rel="canonical"]')).toHaveAttribute("href", new RegExp(`/an-pham/${slug}$`));

  // The download: the same bytes, named in Vietnamese with an ASCII fallback.
  const href = await visitor.getByTestId("download-pdf").getAttribute("href");
  const download = await anonymous.request.get(href!);
  expect(download.status()).toBe(200);
  expect(download.headers()["content-type"]).toBe("application/pdf");
  expect(download.headers()["x-content-type-options"]).toBe("nosniff");
  expect(download.headers()["content-disposition"]).toMatch(/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''B%E1%BA%A3n%20tin%20s%E1%BB%91%203\.pdf$/);
  expect(sha256(await download.body())).toBe(sha256(pdf));
  const inline = await anonymous.request.get(`${href}?xem=1`);
  expect(inline.headers()["content-disposition"]).toMatch(/^inline; /);
  expect(inline.headers()["x-frame-options"]).toBe("SAMEORIGIN");

  // The code printed beside the file leads back to it on the verification page.
  await authenticity.getByRole("link", { name: "Kiểm tra mã này ở trang Xác thực văn bản" }).click();
  await expect(visitor).toHaveURL(new RegExp(`/xac-thuc\\?ma=${code}$`));
  await expect(visitor.getByText(title).first()).toBeVisible();

  // The editor makes an album: two photos in one upload and a YouTube link.
  const albumTitle = `Gặp mặt truyền thống ${stamp}`;
  await page.goto("/lam-viec/an-pham");
  await page.getByRole("link", { name: "Thêm album" }).click();
  await page.getByLabel("Tên album", { exact: true }).fill(albumTitle);
  await page.getByLabel("Ngày", { exact: true }).fill("2026-03-26");
  await page.getByLabel("Mô tả", { exact: true }).fill("Ảnh và video buổi gặp mặt.");
  await page.getByRole("button", { name: "Thêm album" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(albumTitle);

  await page.getByLabel("Ảnh", { exact: true }).setInputFiles([
    { name: "anh-1.png", mimeType: "image/png", buffer: Buffer.from(samplePng(101)) },
    { name: "anh-2.png", mimeType: "image/png", buffer: Buffer.from(samplePng(102)) },
  ]);
  await page.getByRole("button", { name: "Tải ảnh lên" }).click();
  await expect(page.getByText("Đã thêm 2 tệp vào album.")).toBeVisible();

  const linkForm = page.locator("form").filter({ has: page.getByLabel("Hoặc liên kết video") });
  await linkForm.getByLabel("Hoặc liên kết video").fill("https://evil.example/youtube.com/watch?v=dQw4w9WgXcQ");
  await linkForm.getByRole("button", { name: "Thêm video từ liên kết" }).click();
  await expect(linkForm.getByText("Chỉ nhận liên kết video từ YouTube, Facebook hoặc Vimeo.")).toBeVisible();
  await linkForm.getByLabel("Hoặc liên kết video").fill("https://www.youtube.com/watch?v=dQw4w9WgXcQ");
  await linkForm.getByLabel("Chú thích", { exact: true }).fill("Phóng sự buổi gặp mặt");
  await linkForm.getByRole("button", { name: "Thêm video từ liên kết" }).click();
  await expect(page.getByText("Đã thêm video.")).toBeVisible();
  await expect(page.getByText("Ảnh và video trong album (3)")).toBeVisible();

  await page.getByRole("button", { name: "Công bố", exact: true }).click();
  await expect(page.getByText("Đã công bố album: album đã hiện trên cổng thông tin.")).toBeVisible();

  // The visitor sees the photos and the embedded video, framed in a sandbox.
  await visitor.goto("/thu-vien");
  await visitor.getByRole("link", { name: new RegExp(albumTitle) }).click();
  await expect(visitor.getByRole("heading", { level: 1 })).toHaveText(albumTitle);
  await expect(visitor.getByTestId("photo-grid").getByRole("img")).toHaveCount(2);
  await expect.poll(() => imagesLoaded(visitor, '[data-testid="photo-grid"] img')).toEqual([true, true]);
  const embed = visitor.locator('iframe[src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"]');
  await expect(embed).toHaveAttribute("sandbox", "allow-scripts allow-same-origin allow-presentation");
  await expect(embed).toHaveAttribute("loading", "lazy");
  await expect(visitor.getByText("Phóng sự buổi gặp mặt")).toBeVisible();

  await editor.close();
  await anonymous.close();
});
