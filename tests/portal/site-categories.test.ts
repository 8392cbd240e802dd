import { and, asc, eq, gt, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { articleCategories, articles, auditLog } from "@/db/schema";
import { seedDemo } from "@/db/seed/demo";
import type { Actor } from "@/lib/auth/actor";
import { ConflictError, ForbiddenError, InvalidInputError } from "@/lib/auth/errors";
import type { DatabaseHandle, Db } from "@/lib/db";
import { createCategoryAction, deleteCategoryAction } from "@/lib/portal/site/actions";
import {
  createCategory,
  deleteCategory,
  listCategoryTree,
  moveCategory,
  reorderCategory,
  setCategoryActive,
  updateCategory,
} from "@/lib/portal/site/categories";
import { categoryChoices, findPublicCategoryBySlug, publicCategoryTree } from "@/lib/portal/site/public";
import { createTestDatabase } from "../helpers/db";
import { actorFor, makeUser, rowsOf, unitByCode } from "../helpers/fixtures";
import { makeArticle } from "./site-fixtures";

let handle: DatabaseHandle;
let db: Db;
let centralEditor: Actor;
let provinceEditor: Actor;
let rootId: string;
let hanoiId: string;

beforeAll(async () => {
  handle = await createTestDatabase();
  db = handle.db;
  await seedDemo(db);
  centralEditor = await actorFor(db, "bientap");
  provinceEditor = await actorFor(db, (await makeUser(db, { unitCode: "HA-NOI", role: "editor" })).username);
  rootId = (await unitByCode(db, "TW")).id;
  hanoiId = (await unitByCode(db, "HA-NOI")).id;
});
afterAll(async () => handle?.close());

let n = 0;
const make = (parentId: string | null = null, name = `Chuyên mục số ${++n} ${Date.now()}`) => createCategory(db, centralEditor, { name, parentId, description: "" });

/** The names of a parent's children (or of the top level), in their order. */
async function childNames(parentId: string | null) {
  const tree = await listCategoryTree(db, centralEditor);
  return (parentId ? tree.find((c) => c.id === parentId)!.children : tree).map((c) => c.name);
}

async function snapshot() {
  const [row] = await rowsOf<{ h: string }>(db, sql`select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as h from article_categories t`);
  return row!.h;
}

async function refusal(promise: Promise<unknown>) {
  return promise.then(
    () => {
      throw new Error("expected a refusal");
    },
    (error: unknown) => error,
  );
}

describe("the demo categories", () => {
  it("are seeded as a tree, with the sub-categories of Tin hoạt động", async () => {
    const tree = await publicCategoryTree(db);
    expect(tree.map((c) => c.name)).toEqual(["Tin hoạt động", "Văn bản chỉ đạo", "Mặt trận và các đoàn thể", "Xây dựng nông thôn mới", "Gương điển hình"]);
    expect(tree[0]!.slug).toBe("tin-hoat-dong");
    expect(tree[0]!.children.map((c) => c.name)).toEqual(["Hoạt động Trung ương", "Hoạt động địa phương"]);
  });
});

describe("creating and ordering categories", () => {
  it("makes the slug from the name (-2 when taken), appends to the siblings and audits under the root", async () => {
    const a = await createCategory(db, centralEditor, { name: "Thi đua – Khen thưởng", parentId: null, description: "Các phong trào thi đua." });
    const b = await createCategory(db, centralEditor, { name: "Thi đua - khen thưởng", parentId: null, description: "" });
    expect(a.slug).toBe("thi-dua-khen-thuong");
    expect(b.slug).toBe("thi-dua-khen-thuong-2");
    expect(b.position).toBe(a.position + 1);
    const names = await childNames(null);
    expect(names.slice(-2)).toEqual(["Thi đua – Khen thưởng", "Thi đua - khen thưởng"]);
    const [audit] = await db.select().from(auditLog).where(and(eq(auditLog.entityId, a.id), eq(auditLog.action, "site.createCategory")));
    expect(audit).toMatchObject({ unitId: rootId, outcome: "ok", actorId: centralEditor.userId });
  });

  it("keeps the tree's order through moves up and down, and says when there is nowhere to go", async () => {
    const parent = await make();
    const [x, y, z] = [await make(parent.id, "Xa"), await make(parent.id, "Yên"), await make(parent.id, "Zô")];
    expect(await childNames(parent.id)).toEqual(["Xa", "Yên", "Zô"]);
    await reorderCategory(db, centralEditor, { id: z.id, direction: "up" });
    expect(await childNames(parent.id)).toEqual(["Xa", "Zô", "Yên"]);
    await reorderCategory(db, centralEditor, { id: x.id, direction: "down" });
    expect(await childNames(parent.id)).toEqual(["Zô", "Xa", "Yên"]);
    expect(await reorderCategory(db, centralEditor, { id: z.id, direction: "up" })).toEqual({ moved: false });
    expect(await reorderCategory(db, centralEditor, { id: y.id, direction: "down" })).toEqual({ moved: false });
    // Positions are renumbered 0…n-1, whatever ties or gaps there were.
    const rows = await db.select().from(articleCategories).where(eq(articleCategories.parentId, parent.id)).orderBy(asc(articleCategories.position));
    expect(rows.map((r) => [r.name, r.position])).toEqual([["Zô", 0], ["Xa", 1], ["Yên", 2]]);
    // The top level orders the same way: the newest goes above the one before it.
    const last = await make();
    const before = await childNames(null);
    await reorderCategory(db, centralEditor, { id: last.id, direction: "up" });
    const after = await childNames(null);
    expect(after).toEqual([...before.slice(0, -2), before.at(-1), before.at(-2)]);
  });

  it("moves a category under another parent (to the end) and back to the top", async () => {
    const from = await make();
    const to = await make();
    await make(to.id, "Đã có sẵn");
    const moving = await make(from.id, "Đang chuyển");
    await moveCategory(db, centralEditor, { id: moving.id, parentId: to.id });
    expect(await childNames(to.id)).toEqual(["Đã có sẵn", "Đang chuyển"]);
    expect(await childNames(from.id)).toEqual([]);
    await moveCategory(db, centralEditor, { id: moving.id, parentId: null });
    expect((await childNames(null)).at(-1)).toBe("Đang chuyển");
  });
});

describe("the tree's shape is protected", () => {
  it("refuses a category under itself or under its own sub-category, with a message on the parent field; nothing changes", async () => {
    const parent = await make();
    const child = await make(parent.id);
    const before = await snapshot();
    for (const parentId of [parent.id, child.id]) {
      const error = await refusal(moveCategory(db, centralEditor, { id: parent.id, parentId }));
      expect(error).toBeInstanceOf(InvalidInputError);
      expect((error as InvalidInputError).fieldErrors).toEqual({ parentId: "site.category.cycle" });
    }
    expect(await snapshot()).toBe(before);
  });

  it("refuses a third level, whether by creating or by moving, and says so in Vietnamese", async () => {
    const top = await make();
    const child = await make(top.id);
    const withChildren = await make();
    await make(withChildren.id);
    const leaf = await make();
    const before = await snapshot();
    const created = await refusal(make(child.id));
    expect((created as InvalidInputError).fieldErrors).toEqual({ parentId: "site.category.tooDeep" });
    const movedLeaf = await refusal(moveCategory(db, centralEditor, { id: leaf.id, parentId: child.id }));
    expect((movedLeaf as InvalidInputError).fieldErrors).toEqual({ parentId: "site.category.tooDeep" });
    const movedParent = await refusal(moveCategory(db, centralEditor, { id: withChildren.id, parentId: top.id }));
    expect((movedParent as InvalidInputError).fieldErrors).toEqual({ parentId: "site.category.hasSubcategories" });
    expect(await snapshot()).toBe(before);
    const answer = await createCategoryAction.execute({ db, actor: centralEditor }, { name: "Cấp ba", parentId: child.id, description: "" });
    expect(answer).toMatchObject({ ok: false, code: "invalid", fieldErrors: { parentId: "Chuyên mục chỉ có tối đa hai cấp: hãy chọn một chuyên mục cấp trên cùng." } });
  });
});

describe("renaming", () => {
  it("follows the name with the slug until an article of it is published, then keeps the address", async () => {
    const category = await createCategory(db, centralEditor, { name: "Tin ảnh", parentId: null, description: "" });
    const renamed = await updateCategory(db, centralEditor, { id: category.id, name: "Tin ảnh đẹp", description: "Ảnh hoạt động." });
    expect(renamed).toMatchObject({ name: "Tin ảnh đẹp", slug: "tin-anh-dep", description: "Ảnh hoạt động." });
    // A draft does not fix the address; a published article does.
    await makeArticle(db, hanoiId, category.id);
    expect((await updateCategory(db, centralEditor, { id: category.id, name: "Tin và ảnh", description: "" })).slug).toBe("tin-va-anh");
    await makeArticle(db, hanoiId, category.id, { published: true });
    const kept = await updateCategory(db, centralEditor, { id: category.id, name: "Phóng sự ảnh", description: "" });
    expect(kept).toMatchObject({ name: "Phóng sự ảnh", slug: "tin-va-anh" });
    expect(await findPublicCategoryBySlug(db, "tin-va-anh")).toMatchObject({ name: "Phóng sự ảnh", parent: null });
  });
});

describe("hiding", () => {
  it("keeps the articles but takes the category (and its sub-categories) off the portal and out of the choices for new articles", async () => {
    const parent = await make(null, "Chuyên mục sẽ ẩn");
    const child = await make(parent.id, "Con của chuyên mục sẽ ẩn");
    const article = await makeArticle(db, hanoiId, parent.id, { published: true });
    await setCategoryActive(db, centralEditor, { id: parent.id, active: false });
    expect((await publicCategoryTree(db)).map((c) => c.id)).not.toContain(parent.id);
    expect(await findPublicCategoryBySlug(db, parent.slug)).toBeNull();
    expect(await findPublicCategoryBySlug(db, child.slug)).toBeNull();
    const choices = (await categoryChoices(db)).map((c) => c.id);
    expect(choices).not.toContain(parent.id);
    expect(choices).not.toContain(child.id);
    // An article already filed there keeps it, and its own form still offers it.
    expect((await categoryChoices(db, parent.id)).find((c) => c.id === parent.id)).toMatchObject({ active: false, depth: 0 });
    const [kept] = await db.select().from(articles).where(eq(articles.id, article.id));
    expect(kept!.categoryId).toBe(parent.id);
    await setCategoryActive(db, centralEditor, { id: parent.id, active: true });
    const shown = await findPublicCategoryBySlug(db, parent.slug);
    expect(shown).toMatchObject({ id: parent.id, children: [{ id: child.id, name: "Con của chuyên mục sẽ ẩn" }] });
    expect(await findPublicCategoryBySlug(db, child.slug)).toMatchObject({ parent: { id: parent.id } });
    const audits = await db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, parent.id)).orderBy(asc(auditLog.id));
    expect(audits.map((a) => a.action)).toEqual(["site.createCategory", "site.hideCategory", "site.showCategory"]);
  });
});

describe("deleting", () => {
  it("is refused while an article uses the category or it has sub-categories, with a clear message; an empty one goes", async () => {
    const used = await make();
    await makeArticle(db, hanoiId, used.id);
    const error = await refusal(deleteCategory(db, centralEditor, { id: used.id }));
    expect(error).toBeInstanceOf(ConflictError);
    const answer = await deleteCategoryAction.execute({ db, actor: centralEditor }, { id: used.id });
    expect(answer).toMatchObject({ ok: false, code: "conflict" });
    expect(!answer.ok && answer.message).toBe("Không xóa được: chuyên mục đang có 1 tin bài. Hãy chuyển các tin bài sang chuyên mục khác, hoặc ẩn chuyên mục này.");
    const parent = await make();
    const child = await make(parent.id);
    expect(await deleteCategoryAction.execute({ db, actor: centralEditor }, { id: parent.id })).toMatchObject({ ok: false, code: "conflict" });
    expect(await db.select().from(articleCategories).where(eq(articleCategories.id, parent.id))).toHaveLength(1);
    expect(await deleteCategoryAction.execute({ db, actor: centralEditor }, { id: child.id })).toMatchObject({ ok: true, message: "Đã xóa chuyên mục." });
    expect(await deleteCategoryAction.execute({ db, actor: centralEditor }, { id: parent.id })).toMatchObject({ ok: true });
    expect(await db.select().from(articleCategories).where(eq(articleCategories.id, parent.id))).toEqual([]);
    const [audit] = await db.select().from(auditLog).where(and(eq(auditLog.entityId, parent.id), eq(auditLog.action, "site.deleteCategory")));
    expect(audit).toMatchObject({ unitId: rootId, outcome: "ok" });
  });
});

describe("an editor of a province", () => {
  it("is refused every change to the categories, and nothing is written", async () => {
    const parent = await make();
    const child = await make(parent.id);
    const other = await make(parent.id);
    const before = await snapshot();
    const calls = [
      () => createCategory(db, provinceEditor, { name: "Chuyên mục của tỉnh", parentId: null, description: "" }),
      () => updateCategory(db, provinceEditor, { id: child.id, name: "Đổi tên", description: "" }),
      () => moveCategory(db, provinceEditor, { id: child.id, parentId: null }),
      () => reorderCategory(db, provinceEditor, { id: other.id, direction: "up" }),
      () => setCategoryActive(db, provinceEditor, { id: parent.id, active: false }),
      () => deleteCategory(db, provinceEditor, { id: other.id }),
      () => listCategoryTree(db, provinceEditor),
    ];
    for (const call of calls) expect(await refusal(call())).toBeInstanceOf(ForbiddenError);
    expect(await snapshot()).toBe(before);
    const [{ maxId } = { maxId: 0 }] = await db.select({ maxId: sql<number>`coalesce(max(${auditLog.id}), 0)::int` }).from(auditLog);
    const answer = await createCategoryAction.execute({ db, actor: provinceEditor }, { name: "Chuyên mục của tỉnh", parentId: "", description: "" });
    expect(answer).toMatchObject({ ok: false, code: "forbidden" });
    const logged = await db.select().from(auditLog).where(gt(auditLog.id, maxId));
    expect(logged.map((l) => [l.action, l.outcome])).toEqual([["site.createCategory", "denied"]]);
    expect(await snapshot()).toBe(before);
  });
});
