import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { articleCategories, articleEvents, articles, auditLog } from "@/db/schema";
import { seedDemo } from "@/db/seed/demo";
import type { Actor } from "@/lib/auth/actor";
import { ConflictError, ForbiddenError, NotFoundError } from "@/lib/auth/errors";
import type { DatabaseHandle, Db } from "@/lib/db";
import { resetEnvCache } from "@/lib/env";
import { FilesRefused } from "@/lib/publications/uploads";
import { categoryArticles, latestArticles, publicArticle, relatedArticles } from "@/lib/portal/articles/public";
import { createArticleInput, updateArticleInput } from "@/lib/portal/articles/schemas";
import { createArticle, getArticle, listArticles, updateArticle } from "@/lib/portal/articles/service";
import { countArticleView } from "@/lib/portal/articles/views";
import { commentOnArticle, publishDueArticles, takeArticleStep } from "@/lib/portal/articles/workflow";
import { createTestDatabase } from "../helpers/db";
import { actorFor, countRows, makeUser, uniqueName, unitByCode } from "../helpers/fixtures";
import { samplePng } from "../publications/sample-files";

let handle: DatabaseHandle;
let db: Db;
let collaborator: Actor;
let otherCollaborator: Actor;
let hanoiEditor: Actor;
let tqEditor: Actor;
let hanoiId: string;
let categoryId: string;
let hiddenCategoryId: string;

async function actorWith(unitCode: string, role: "editor" | "collaborator") {
  return actorFor(db, (await makeUser(db, { unitCode, role })).username);
}

async function makeCategory(name: string, overrides: Partial<typeof articleCategories.$inferInsert> = {}) {
  const [row] = await db.insert(articleCategories).values({ name, slug: `${uniqueName("cm")}`, ...overrides }).returning();
  return row!;
}

beforeAll(async () => {
  handle = await createTestDatabase();
  db = handle.db;
  await seedDemo(db);
  collaborator = await actorWith("HA-NOI", "collaborator");
  otherCollaborator = await actorWith("HA-NOI", "collaborator");
  hanoiEditor = await actorWith("HA-NOI", "editor");
  tqEditor = await actorWith("TUYEN-QUANG", "editor");
  hanoiId = (await unitByCode(db, "HA-NOI")).id;
  categoryId = (await makeCategory("Tin hoạt động thử")).id;
  hiddenCategoryId = (await makeCategory("Chuyên mục cũ", { active: false })).id;
});
afterAll(async () => handle?.close());

const BODY = "<p>Sáng nay, hội viên phường Ba Đình ra quân <strong>dọn vệ sinh</strong> đường phố.</p>";
const fields = (overrides: Record<string, unknown> = {}) =>
  createArticleInput.parse({ unitId: hanoiId, categoryId, title: "Ra quân dọn vệ sinh phường Ba Đình", summary: "Hơn 200 hội viên tham gia.", bodyHtml: BODY, tags: "môi trường, tình nguyện", ...overrides });

async function draft(overrides: Record<string, unknown> = {}, by: Actor = collaborator) {
  return createArticle(db, by, fields(overrides));
}

async function kinds(articleId: string) {
  const rows = await db.select({ kind: articleEvents.kind }).from(articleEvents).where(eq(articleEvents.articleId, articleId)).orderBy(articleEvents.id);
  return rows.map((r) => r.kind);
}

describe("writing an article", () => {
  it("creates a sanitised draft with a slug, tags and its first history step", async () => {
    const created = await draft({ bodyHtml: `${BODY}<script>alert(1)</script><img src="x" onerror="alert(2)"><a href="javascript:alert(3)">bấm</a>` });
    expect(created).toMatchObject({ status: "draft", slug: "ra-quan-don-ve-sinh-phuong-ba-dinh", tags: ["môi trường", "tình nguyện"], authorId: collaborator.userId, featured: false });
    expect(created.bodyHtml).toContain("<strong>dọn vệ sinh</strong>");
    expect(created.bodyHtml).not.toMatch(/script|onerror|javascript:/i);
    expect(await kinds(created.id)).toEqual(["created"]);
  });

  it("suffixes a duplicate slug instead of failing", async () => {
    const a = await draft({ title: "Hội nghị tổng kết năm 2026" });
    const b = await draft({ title: "Hội nghị tổng kết năm 2026" });
    expect([a.slug, b.slug]).toEqual(["hoi-nghi-tong-ket-nam-2026", "hoi-nghi-tong-ket-nam-2026-2"]);
  });

  it("refuses an empty title, a hidden category, a non-image cover and another province's unit, writing nothing", async () => {
    const before = await countRows(db, articles);
    expect(createArticleInput.safeParse({ ...fields(), title: "  " }).success).toBe(false);
    await expect(draft({ categoryId: hiddenCategoryId })).rejects.toMatchObject({ fieldErrors: { categoryId: "article.categoryUnavailable" } });
    const notAnImage = { fileName: "anh.png", bytes: new TextEncoder().encode("<svg onload=alert(1)>") };
    await expect(createArticle(db, collaborator, { ...fields(), cover: notAnImage })).rejects.toBeInstanceOf(FilesRefused);
    await expect(draft({ unitId: (await unitByCode(db, "TUYEN-QUANG")).id })).rejects.toBeInstanceOf(NotFoundError);
    expect(await countRows(db, articles)).toBe(before);
  });

  it("refuses a cover over the file limit, naming the limit, and writes nothing", async () => {
    process.env.FILE_MAX_MB = "1";
    resetEnvCache();
    try {
      const before = await countRows(db, articles);
      const big = new Uint8Array(2 * 1024 * 1024);
      big.set(samplePng(2));
      const refused = await createArticle(db, collaborator, { ...fields(), cover: { fileName: "anh-lon.png", bytes: big } }).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(FilesRefused);
      expect((refused as FilesRefused).texts.cover).toMatch(/1 MB/);
      expect(await countRows(db, articles)).toBe(before);
    } finally {
      delete process.env.FILE_MAX_MB;
      resetEnvCache();
    }
  });

  it("keeps a cover checked by content, and lets only editors feature a story", async () => {
    const created = await createArticle(db, collaborator, { ...fields({ featured: "on" }), cover: { fileName: "bia.png", bytes: samplePng(3) } });
    expect(created.coverMime).toBe("image/png");
    expect(created.featured).toBe(false);
    const byEditor = await draft({ featured: "on" }, hanoiEditor);
    expect(byEditor.featured).toBe(true);
  });

  it("refuses a stale save and names who saved in between; nothing of it is written", async () => {
    const created = await draft();
    const update = (title: string, version: number, by: Actor) => updateArticle(db, by, updateArticleInput.parse({ ...fields(), id: created.id, version, title }));
    await update("Tiêu đề do biên tập viên sửa", 1, hanoiEditor);
    const stale = await update("Tiêu đề của cộng tác viên", 1, collaborator).catch((e: unknown) => e);
    expect(stale).toBeInstanceOf(ConflictError);
    expect((stale as ConflictError).values.name).toMatch(/^Người Thử/);
    const [row] = await db.select().from(articles).where(eq(articles.id, created.id));
    expect(row).toMatchObject({ title: "Tiêu đề do biên tập viên sửa", version: 2, slug: "tieu-de-do-bien-tap-vien-sua" });
  });
});

describe("the review", () => {
  it("collaborator submits → editor returns with a reason → collaborator fixes and resubmits → editor publishes", async () => {
    const created = await draft({ title: "Tuổi trẻ Ba Đình hiến máu", bodyHtml: "<p></p>" });
    // An empty body cannot go to the editors.
    await expect(takeArticleStep(db, collaborator, "submit", { id: created.id })).rejects.toMatchObject({ fieldErrors: { bodyHtml: "article.bodyRequired" } });
    await updateArticle(db, collaborator, updateArticleInput.parse({ ...fields({ title: "Tuổi trẻ Ba Đình hiến máu" }), id: created.id, version: 1 }));
    await takeArticleStep(db, collaborator, "submit", { id: created.id });
    // Submitted: the collaborator can no longer edit it, and cannot publish it at all.
    const waiting = await getArticle(db, collaborator, created.id);
    expect(waiting.abilities.edit).toBe(false);
    await expect(takeArticleStep(db, collaborator, "publish", { id: created.id })).rejects.toBeInstanceOf(ForbiddenError);

    await takeArticleStep(db, hanoiEditor, "return", { id: created.id, comment: "Thêm số người tham gia." });
    const returned = await getArticle(db, collaborator, created.id);
    expect(returned.article.status).toBe("returned");
    expect(returned.history[0]).toMatchObject({ kind: "returned", comment: "Thêm số người tham gia." });
    expect(returned.abilities.edit).toBe(true);

    await updateArticle(db, collaborator, updateArticleInput.parse({ ...fields({ title: "Tuổi trẻ Ba Đình hiến máu", bodyHtml: `${BODY}<p>Có 215 người tham gia.</p>` }), id: created.id, version: 2 }));
    await takeArticleStep(db, collaborator, "submit", { id: created.id });
    const { article, publicChanged } = await takeArticleStep(db, hanoiEditor, "publish", { id: created.id });
    expect(publicChanged).toBe(true);
    expect(article.status).toBe("published");
    expect(article.publishedAt).toBeInstanceOf(Date);
    expect(await kinds(created.id)).toEqual(["created", "edited", "submitted", "returned", "edited", "submitted", "published"]);
    expect(await publicArticle(db, article.slug)).toMatchObject({ title: "Tuổi trẻ Ba Đình hiến máu", categoryId });
    expect((await latestArticles(db, 50)).map((a) => a.id)).toContain(created.id);
    const audit = await db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, created.id));
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(["article.create", "article.submit", "article.return", "article.publish"]));
  });

  it("refuses a return or a rejection without a reason through the action's schema", async () => {
    const { articleReasonInput } = await import("@/lib/portal/articles/schemas");
    expect(articleReasonInput.safeParse({ id: crypto.randomUUID(), comment: " " }).success).toBe(false);
  });

  it("an editor of another province sees none of it; a collaborator sees only their own", async () => {
    const created = await draft();
    await takeArticleStep(db, collaborator, "submit", { id: created.id });
    await expect(takeArticleStep(db, tqEditor, "publish", { id: created.id })).rejects.toBeInstanceOf(NotFoundError);
    await expect(getArticle(db, tqEditor, created.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(updateArticle(db, tqEditor, updateArticleInput.parse({ ...fields(), id: created.id, version: 1 }))).rejects.toBeInstanceOf(NotFoundError);
    await expect(getArticle(db, otherCollaborator, created.id)).rejects.toBeInstanceOf(ForbiddenError);
    expect((await listArticles(db, otherCollaborator, { page: 1, pageSize: 100 })).rows.map((r) => r.id)).not.toContain(created.id);
    expect((await listArticles(db, tqEditor, { page: 1, pageSize: 100 })).rows.map((r) => r.id)).not.toContain(created.id);
    const queue = await listArticles(db, hanoiEditor, { page: 1, pageSize: 100, view: "review" });
    expect(queue.rows.map((r) => r.id)).toContain(created.id);
    expect(queue.rows.every((r) => r.status === "submitted")).toBe(true);
    const [after] = await db.select({ status: articles.status }).from(articles).where(eq(articles.id, created.id));
    expect(after!.status).toBe("submitted");
  });

  it("tells the second of two editors that the article has moved on", async () => {
    const created = await draft();
    await takeArticleStep(db, collaborator, "submit", { id: created.id });
    const other = await actorWith("HA-NOI", "editor");
    const results = await Promise.allSettled([
      takeArticleStep(db, hanoiEditor, "approve", { id: created.id }),
      takeArticleStep(db, other, "approve", { id: created.id }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(ConflictError);
    expect(await kinds(created.id)).toEqual(["created", "submitted", "approved"]);
  });

  it("rejects, unpublishes and keeps the first publication date when published again", async () => {
    const rejected = await draft();
    await takeArticleStep(db, collaborator, "submit", { id: rejected.id });
    await takeArticleStep(db, hanoiEditor, "reject", { id: rejected.id, comment: "Trùng với bài đã đăng." });
    expect((await getArticle(db, collaborator, rejected.id)).abilities).toMatchObject({ edit: false, steps: { submit: false } });

    const story = await draft({}, hanoiEditor);
    const first = (await takeArticleStep(db, hanoiEditor, "publish", { id: story.id })).article.publishedAt;
    await takeArticleStep(db, hanoiEditor, "unpublish", { id: story.id, comment: "Sai số liệu." });
    expect(await publicArticle(db, story.slug)).toBeNull();
    const again = await takeArticleStep(db, hanoiEditor, "publish", { id: story.id }, new Date(Date.now() + 3_600_000));
    expect(again.article.publishedAt).toEqual(first);
  });

  it("records comments from the writer and the editor", async () => {
    const created = await draft();
    await commentOnArticle(db, collaborator, { id: created.id, comment: "Em đã thêm ảnh." });
    await commentOnArticle(db, hanoiEditor, { id: created.id, comment: "Cảm ơn em." });
    await expect(commentOnArticle(db, otherCollaborator, { id: created.id, comment: "Xin chào" })).rejects.toBeInstanceOf(ForbiddenError);
    const { history } = await getArticle(db, collaborator, created.id);
    expect(history.filter((h) => h.kind === "commented").map((h) => h.comment)).toEqual(["Cảm ơn em.", "Em đã thêm ảnh."]);
  });
});

describe("scheduled publishing", () => {
  it("refuses a time in the past, then publishes once when the time has come, whoever sweeps", async () => {
    const created = await draft();
    await takeArticleStep(db, collaborator, "submit", { id: created.id });
    await expect(takeArticleStep(db, hanoiEditor, "schedule", { id: created.id, publishAt: "2020-01-01T08:00" })).rejects.toMatchObject({ fieldErrors: { publishAt: "article.publishAtPast" } });
    expect((await getArticle(db, hanoiEditor, created.id)).article.status).toBe("submitted");

    // 08:00 in Vietnam is 01:00 UTC.
    const now = new Date("2030-05-01T00:00:00Z");
    await takeArticleStep(db, hanoiEditor, "schedule", { id: created.id, publishAt: "2030-05-01T08:00" }, now);
    const [scheduled] = await db.select().from(articles).where(eq(articles.id, created.id));
    expect(scheduled).toMatchObject({ status: "scheduled", publishAt: new Date("2030-05-01T01:00:00Z") });

    // (The demo's own scheduled story falls due in this sweep too: only this article is looked at.)
    expect((await publishDueArticles(db, new Date("2030-05-01T00:59:00Z"))).map((a) => a.id)).not.toContain(created.id);
    // Two instances sweep at the same moment: one publishes it, the other finds nothing.
    const sweeps = await Promise.all([publishDueArticles(db, new Date("2030-05-01T01:00:30Z")), publishDueArticles(db, new Date("2030-05-01T01:00:30Z"))]);
    expect(sweeps.flat().filter((a) => a.id === created.id)).toHaveLength(1);
    const [published] = await db.select().from(articles).where(eq(articles.id, created.id));
    expect(published).toMatchObject({ status: "published", publishAt: null, publishedAt: new Date("2030-05-01T01:00:00Z") });
    const events = await db.select().from(articleEvents).where(and(eq(articleEvents.articleId, created.id), eq(articleEvents.kind, "published")));
    expect(events).toHaveLength(1);
    expect(events[0]!.actorId).toBeNull();
    expect((await publishDueArticles(db, new Date("2030-05-01T02:00:00Z"))).map((a) => a.id)).not.toContain(created.id);
  });

  it("cancels a schedule back to approved", async () => {
    const created = await draft({}, hanoiEditor);
    await takeArticleStep(db, hanoiEditor, "submit", { id: created.id });
    await takeArticleStep(db, hanoiEditor, "approve", { id: created.id });
    await takeArticleStep(db, hanoiEditor, "schedule", { id: created.id, publishAt: "2031-01-01T08:00" });
    await takeArticleStep(db, hanoiEditor, "unschedule", { id: created.id });
    const [row] = await db.select().from(articles).where(eq(articles.id, created.id));
    expect(row).toMatchObject({ status: "approved", publishAt: null });
  });
});

describe("the public side", () => {
  it("lists a category with its sub-categories, relates stories by tag, and counts a visitor once", async () => {
    const parent = await makeCategory("Gương điển hình thử");
    const child = await makeCategory("Gương sáng địa phương", { parentId: parent.id });
    const inParent = await draft({ categoryId: parent.id, title: "Người cựu chiến binh trồng rừng", tags: "trồng rừng" }, hanoiEditor);
    const inChild = await draft({ categoryId: child.id, title: "Cô giáo vùng cao", tags: "giáo dục, trồng rừng" }, hanoiEditor);
    const unpublished = await draft({ categoryId: child.id, title: "Bài chưa đăng" }, hanoiEditor);
    await takeArticleStep(db, hanoiEditor, "publish", { id: inParent.id });
    await takeArticleStep(db, hanoiEditor, "publish", { id: inChild.id });
    const page = await categoryArticles(db, parent.id, 1, 10);
    expect(page.total).toBe(2);
    expect(page.rows.map((r) => r.id).sort()).toEqual([inParent.id, inChild.id].sort());
    expect(page.rows.map((r) => r.id)).not.toContain(unpublished.id);
    const related = await relatedArticles(db, { id: inParent.id, categoryId: parent.id, tags: ["trồng rừng"] });
    expect(related[0]!.id).toBe(inChild.id);
    // A story without tags: related by its category alone.
    expect((await relatedArticles(db, { id: inChild.id, categoryId: parent.id, tags: [] })).map((r) => r.id)).toEqual([inParent.id]);

    expect(await countArticleView(db, inChild.id, "khach-1")).toBe(true);
    expect(await countArticleView(db, inChild.id, "khach-1")).toBe(false);
    expect(await countArticleView(db, inChild.id, "khach-2")).toBe(true);
    expect(await countArticleView(db, unpublished.id, "khach-1")).toBe(false);
    const [row] = await db.select({ views: articles.viewCount }).from(articles).where(eq(articles.id, inChild.id));
    expect(row!.views).toBe(2);
  });
});
