import { expect, test, type Browser, type Page } from "@playwright/test";
import { DEMO_PASSWORD, signInWithApi } from "./helpers";

/** A short mark that makes this run's titles and texts unique. */
const stampOf = () => `${Date.now().toString(36).slice(-5)}${Math.random().toString(36).slice(2, 5)}`;

/**
 * A fresh session of its own: the stored ones of e2e/auth.setup.ts can be ended by the specs that
 * run before (admin.spec.ts locks and unlocks hanoi.ctv, which ends every session of that account).
 */
async function signedIn(browser: Browser, username: string) {
  const context = await browser.newContext();
  await signInWithApi(context.request, username, DEMO_PASSWORD);
  const page = await context.newPage();
  return { context, page };
}

/** The review panel's step buttons, once the panel has rendered. */
const stepButton = (page: Page, name: string) => page.getByRole("button", { name, exact: true });

/**
 * Chooses the category whose option ends with `name` ("— Hoạt động địa phương" under its parent;
 * the list shows the tree, however it marks the levels).
 */
async function chooseCategory(page: Page, name: string) {
  const select = page.getByLabel("Chuyên mục", { exact: true });
  const value = await select.locator("option").filter({ hasText: new RegExp(`(^|[\\s›—-])${name}$`) }).first().getAttribute("value");
  expect(value, `category ${name}`).toMatch(/^[0-9a-f-]{36}$/);
  await select.selectOption(value!);
  return value!;
}

/** The article's review history card. */
const history = (page: Page) => page.locator("section").filter({ has: page.getByRole("heading", { name: "Quá trình duyệt", exact: true }) });

/** Whatever could run script inside the element matched by `selector`: an empty list when nothing. */
async function dangerousMarkup(page: Page, selector: string): Promise<string[]> {
  return page.locator(selector).evaluate((root) => {
    const found: string[] = [];
    for (const el of root.querySelectorAll("script, iframe, svg, object, embed, frame, frameset, math, details, style, link, meta, base, form")) found.push(`<${el.tagName.toLowerCase()}>`);
    for (const el of [root, ...root.querySelectorAll("*")]) {
      for (const attr of el.getAttributeNames()) {
        const value = el.getAttribute(attr) ?? "";
        if (attr.toLowerCase().startsWith("on")) found.push(`${el.tagName.toLowerCase()}[${attr}]`);
        if (/^\s*(javascript|vbscript|data):/i.test(value)) found.push(`${el.tagName.toLowerCase()}[${attr}=${value}]`);
        if (attr === "style" && /url\(|expression\(|javascript:/i.test(value)) found.push(`${el.tagName.toLowerCase()}[style=${value}]`);
      }
    }
    return found;
  });
}

test("a collaborator writes a story, the editor returns it with a note, the collaborator fixes it, the editor publishes it and anyone reads it on the home page, its page and the feeds", async ({ browser }) => {
  const stamp = stampOf();
  const title = `Ngày hội hiến máu tình nguyện ${stamp}`;
  const slug = `ngay-hoi-hien-mau-tinh-nguyen-${stamp}`;
  const draftBody = `Sáng chủ nhật, hội viên phường Hoàn Kiếm tham gia hiến máu tình nguyện đợt ${stamp} với hơn 120 đơn vị máu.`;
  const fixedBody = `Sáng chủ nhật, 150 hội viên phường Hoàn Kiếm tham gia hiến máu tình nguyện đợt ${stamp}, góp 132 đơn vị máu.`;
  const note = `Xin ghi rõ số người tham gia và số đơn vị máu chính xác (${stamp}).`;

  const anonymous = await browser.newContext();
  // Visited before it exists: the "not found" the page caches must not outlive the publishing.
  expect((await anonymous.request.get(`/tin-tuc/${slug}`)).status()).toBe(404);

  // The collaborator writes the draft.
  const ctv = await signedIn(browser, "hanoi.ctv");
  const page = ctv.page;
  await page.goto("/lam-viec/tin-bai/moi");
  await page.getByLabel("Tiêu đề", { exact: true }).fill(title);
  await chooseCategory(page, "Hoạt động địa phương");
  await expect(page.getByLabel("Đơn vị", { exact: true }).locator("option:checked")).toContainText("Hà Nội");
  await page.getByLabel("Tóm tắt", { exact: true }).fill(`Hội viên Hoàn Kiếm hiến máu tình nguyện đợt ${stamp}.`);
  const editorBox = page.getByRole("textbox", { name: "Nội dung" });
  await editorBox.click();
  await page.keyboard.type(draftBody);
  await expect(editorBox).toContainText(draftBody);
  await page.getByLabel("Từ khóa", { exact: true }).fill("hiến máu, tình nguyện");
  await page.getByRole("button", { name: "Tạo bản nháp" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(page).toHaveURL(/\/lam-viec\/tin-bai\/[0-9a-f-]{36}$/);
  const workspaceUrl = page.url();
  await expect(page.getByText("Bài đang ở bước: Bản nháp")).toBeVisible();
  await expect(stepButton(page, "Gửi duyệt")).toBeVisible();
  await expect(stepButton(page, "Đăng ngay")).toHaveCount(0);

  await stepButton(page, "Gửi duyệt").click();
  await expect(page.getByText("Đã gửi bài cho biên tập viên.")).toBeVisible();
  await expect(page.getByText("Bài đang ở bước: Chờ duyệt")).toBeVisible();
  await expect(stepButton(page, "Đăng ngay")).toHaveCount(0);
  await expect(stepButton(page, "Duyệt")).toHaveCount(0);

  // The editor finds it waiting and returns it with a note.
  const editor = await signedIn(browser, "bientap");
  const ed = editor.page;
  await ed.goto("/lam-viec/tin-bai");
  await ed.getByRole("link", { name: "Chờ duyệt", exact: true }).click();
  await expect(ed).toHaveURL(/xem=review/);
  await ed.getByRole("link", { name: title }).click();
  await expect(ed.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(stepButton(ed, "Đăng ngay")).toBeVisible();
  // Returning without saying why is refused next to the box.
  await stepButton(ed, "Trả lại để sửa").click();
  await expect(ed.getByLabel("Ý kiến", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await ed.getByLabel("Ý kiến", { exact: true }).fill(note);
  await stepButton(ed, "Trả lại để sửa").click();
  await expect(ed.getByText("Đã trả bài cho người viết sửa.")).toBeVisible();
  await expect(ed.getByText("Bài đang ở bước: Trả lại để sửa")).toBeVisible();

  // The collaborator sees it returned, with the note, in the list and the history.
  await page.goto("/lam-viec/tin-bai");
  await expect(page.getByRole("row").filter({ hasText: title })).toContainText("Trả lại để sửa");
  await page.getByRole("link", { name: title }).click();
  await expect(page.getByText("Bài đang ở bước: Trả lại để sửa")).toBeVisible();
  const returned = history(page).getByRole("listitem").filter({ hasText: note });
  await expect(returned).toContainText("Trả lại để sửa");
  await expect(returned).toContainText("Phạm Biên Tập");
  await expect(stepButton(page, "Đăng ngay")).toHaveCount(0);

  // … fixes the body, saves and sends it again.
  const box = page.getByRole("textbox", { name: "Nội dung" });
  await expect(box).toContainText(draftBody);
  await box.click();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type(fixedBody);
  await expect(box).toHaveText(fixedBody);
  await page.getByRole("button", { name: "Lưu", exact: true }).click();
  await expect(page.getByText("Đã lưu tin bài.")).toBeVisible();
  await expect(history(page).getByRole("listitem").first()).toContainText("Sửa bài");
  await stepButton(page, "Gửi duyệt").click();
  await expect(page.getByText("Đã gửi bài cho biên tập viên.")).toBeVisible();
  await expect(page.getByText("Bài đang ở bước: Chờ duyệt")).toBeVisible();
  await expect(stepButton(page, "Đăng ngay")).toHaveCount(0);

  // The editor publishes it.
  await ed.goto(workspaceUrl);
  await expect(ed.getByText("Bài đang ở bước: Chờ duyệt")).toBeVisible();
  await stepButton(ed, "Đăng ngay").click();
  await expect(ed.getByText("Đã đăng bài lên cổng thông tin.")).toBeVisible();
  await expect(ed.getByRole("link", { name: "Xem trên cổng thông tin" })).toHaveAttribute("href", `/tin-tuc/${slug}`);
  await ctv.context.close();
  await editor.context.close();

  // Anyone: on the home page, linked to its own page.
  const visitor = await anonymous.newPage();
  await visitor.goto("/");
  const onHome = visitor.getByRole("link", { name: title }).first();
  await expect(onHome).toHaveAttribute("href", `/tin-tuc/${slug}`);
  await onHome.click();
  await expect(visitor).toHaveURL(new RegExp(`/tin-tuc/${slug}$`));
  await expect(visitor.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(visitor.locator("article .rich-text")).toHaveText(fixedBody);
  await expect(visitor.getByText(draftBody)).toHaveCount(0);
  await expect(visitor.locator('meta[property="og:title"]')).toHaveAttribute("content", title);
  await expect(visitor.locator('meta[property="og:type"]')).toHaveAttribute("content", "article");
  await expect(visitor.locator('link[rel="canonical"]')).toHaveAttribute("href", new RegExp(`/tin-tuc/${slug}$`));
  const categoryLink = visitor.getByRole("navigation", { name: "Đường dẫn" }).getByRole("link", { name: "Hoạt động địa phương", exact: true });
  const categoryPath = (await categoryLink.getAttribute("href"))!;
  expect(categoryPath).toMatch(/^\/chuyen-muc\/[a-z0-9-]+$/);

  // In the feed of all news and in its category's feed.
  for (const feed of ["/tin-tuc/rss.xml", `${categoryPath}/rss.xml`]) {
    const response = await anonymous.request.get(feed);
    expect(response.status(), feed).toBe(200);
    expect(response.headers()["content-type"]).toContain("application/rss+xml");
    const xml = await response.text();
    expect(xml, feed).toContain(`<title>${title}</title>`);
    expect(xml, feed).toMatch(new RegExp(`<link>https?://[^<]+/tin-tuc/${slug}</link>`));
  }
  // And on the category's page.
  await visitor.goto(categoryPath);
  await expect(visitor.getByRole("link", { name: title })).toHaveAttribute("href", `/tin-tuc/${slug}`);
  await anonymous.close();
});

test("a hostile body posted straight to the upload route runs nowhere: not for readers, not in the editor", async ({ browser, baseURL }) => {
  const stamp = stampOf();
  const title = `Bài thử an toàn nội dung ${stamp}`;
  const bodyHtml = [
    `<p>Đoạn mở đầu ${stamp}.</p>`,
    `<img src=x onerror="window.__xss=1">`,
    `<img src="/emblem.svg" alt="" onerror="window.__xss=11" onload="window.__xss=12">`,
    `<script>window.__xss=2</script>`,
    `<p><a href="javascript:window.__xss=3">bấm</a> vào đây</p>`,
    `<p><a href="  JaVaScRiPt:window.__xss=31">bấm nữa</a></p>`,
    `<svg onload="window.__xss=4"><circle r="5"></circle></svg>`,
    `<iframe src="javascript:window.__xss=5"></iframe>`,
    `<p style="background:url(javascript:window.__xss=6)">x</p>`,
    `<details open ontoggle="window.__xss=7"><summary>chi tiết</summary>ẩn</details>`,
    `<img src=x onerror="alert('xss')">`,
    `<p>Đoạn kết ${stamp}.</p>`,
    // Last: unclosed, it swallows whatever follows.
    `<math><mtext><table><mglyph><style><img src=x onerror="window.__xss=8">`,
  ].join("\n");

  const editor = await signedIn(browser, "bientap");
  const page = editor.page;
  const dialogs: string[] = [];
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto("/lam-viec/tin-bai/moi");
  const categoryId = await chooseCategory(page, "Hoạt động Trung ương");
  const unitId = await page.getByLabel("Đơn vị", { exact: true }).locator("option").first().getAttribute("value");
  expect(categoryId).toMatch(/^[0-9a-f-]{36}$/);
  expect(unitId).toMatch(/^[0-9a-f-]{36}$/);

  // From another site the route refuses it.
  const foreign = await page.request.post("/api/tin-bai", { headers: { Origin: "https://ke-gian.example" }, multipart: { unitId: unitId!, categoryId: categoryId!, title, summary: "", bodyHtml } });
  expect(foreign.status()).toBe(403);

  const created = await page.request.post("/api/tin-bai", {
    headers: { Origin: new URL(baseURL!).origin },
    multipart: { unitId: unitId!, categoryId: categoryId!, title, summary: `Tóm tắt <img src=x onerror="window.__xss=9"> ${stamp}`, bodyHtml },
  });
  expect(created.status()).toBe(200);
  const { ok, id } = (await created.json()) as { ok: boolean; id: string };
  expect(ok).toBe(true);

  await page.goto(`/lam-viec/tin-bai/${id}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  await stepButton(page, "Đăng ngay").click();
  await expect(page.getByText("Đã đăng bài lên cổng thông tin.")).toBeVisible();
  const publicPath = (await page.getByRole("link", { name: "Xem trên cổng thông tin" }).getAttribute("href"))!;
  expect(publicPath).toMatch(/^\/tin-tuc\/[a-z0-9-]+$/);

  // A reader: nothing runs, nothing dangerous is in the body.
  const anonymous = await browser.newContext();
  const reader = await anonymous.newPage();
  const errors: string[] = [];
  reader.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  reader.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  reader.on("pageerror", (e) => errors.push(e.message));
  await reader.goto(publicPath);
  await expect(reader.getByRole("heading", { level: 1 })).toHaveText(title);
  const body = reader.locator("article .rich-text");
  await expect(body).toContainText(`Đoạn mở đầu ${stamp}.`);
  await expect(body).toContainText(`Đoạn kết ${stamp}.`);
  // The summary is text, shown as typed.
  await expect(reader.getByText(`Tóm tắt <img src=x onerror="window.__xss=9"> ${stamp}`)).toBeVisible();
  // Where the links were: their text stays, as text.
  await body.getByText("bấm vào đây", { exact: true }).click();
  await body.getByText("bấm nữa", { exact: true }).click();
  await expect(reader).toHaveURL(new RegExp(`${publicPath}$`));
  expect(await reader.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
  expect(await dangerousMarkup(reader, "article .rich-text")).toEqual([]);
  expect(await body.locator("a").count()).toBe(0);
  expect(errors).toEqual([]);

  // The feed carries the summary escaped.
  const xml = await (await anonymous.request.get("/tin-tuc/rss.xml")).text();
  expect(xml).toContain(`<description>Tóm tắt &lt;img src=x onerror=&quot;window.__xss=9&quot;&gt; ${stamp}</description>`);
  await anonymous.close();

  // The editor opening it again: the rich-text editor loads the stored body without running it.
  const editorErrors: string[] = [];
  page.on("pageerror", (e) => editorErrors.push(e.message));
  await page.goto(`/lam-viec/tin-bai/${id}`);
  const box = page.getByRole("textbox", { name: "Nội dung" });
  await expect(box).toContainText(`Đoạn kết ${stamp}.`);
  await box.getByText("bấm vào đây", { exact: true }).click();
  expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
  expect(await dangerousMarkup(page, "#bodyHtml")).toEqual([]);
  expect(await page.locator('input[type="hidden"][name="bodyHtml"]').inputValue()).not.toMatch(/on\w+=|javascript:|<script|<iframe|<svg/i);
  expect(dialogs).toEqual([]);
  expect(editorErrors).toEqual([]);
  await editor.context.close();
});

test("an editor schedules a story for tomorrow 08:00 and the list shows it scheduled; a time in the past is refused next to the field", async ({ browser }) => {
  const stamp = stampOf();
  const title = `Lễ kỷ niệm ngày truyền thống ${stamp}`;
  const { context, page } = await signedIn(browser, "bientap");
  await page.goto("/lam-viec/tin-bai/moi");
  await page.getByLabel("Tiêu đề", { exact: true }).fill(title);
  await chooseCategory(page, "Hoạt động Trung ương");
  const box = page.getByRole("textbox", { name: "Nội dung" });
  await box.click();
  await page.keyboard.type(`Trung ương Hội tổ chức lễ kỷ niệm ngày truyền thống, đợt ${stamp}.`);
  await page.getByRole("button", { name: "Tạo bản nháp" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  await stepButton(page, "Gửi duyệt").click();
  await expect(page.getByText("Bài đang ở bước: Chờ duyệt")).toBeVisible();

  // In Vietnam time (UTC+7, no daylight saving), which is what the field means.
  const vietnamDay = (offsetDays: number) => new Date(Date.now() + 7 * 3_600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);
  const publishAt = page.getByLabel("Thời điểm đăng", { exact: true });

  await publishAt.fill(`${vietnamDay(-1)}T08:00`);
  await stepButton(page, "Hẹn giờ đăng").click();
  await expect(publishAt).toHaveAttribute("aria-invalid", "true");
  await expect(publishAt).toHaveAccessibleDescription(/Thời điểm đăng phải ở tương lai/);
  await expect(page.getByText(/Thời điểm đăng phải ở tương lai/)).toBeVisible();
  await expect(page.getByText("Bài đang ở bước: Chờ duyệt")).toBeVisible();

  const tomorrow = vietnamDay(1);
  await publishAt.fill(`${tomorrow}T08:00`);
  await stepButton(page, "Hẹn giờ đăng").click();
  await expect(page.getByText("Đã hẹn giờ đăng.")).toBeVisible();
  await expect(page.getByText("Bài đang ở bước: Hẹn giờ đăng")).toBeVisible();
  const [y, m, d] = tomorrow.split("-");
  const when = `${d}/${m}/${y} 08:00`;
  await expect(history(page).getByRole("listitem").first()).toContainText("Hẹn giờ đăng");
  await expect(history(page).getByRole("listitem").first()).toContainText(when);

  await page.goto("/lam-viec/tin-bai");
  const row = page.getByRole("row").filter({ hasText: title });
  await expect(row).toContainText("Hẹn giờ đăng");
  await expect(row).toContainText(when);
  // Not on the portal before its time.
  expect((await context.request.get("/tin-tuc/rss.xml").then((r) => r.text())).includes(title)).toBe(false);
  await context.close();
});
