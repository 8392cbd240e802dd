import { and, asc, count, eq, isNotNull, isNull, sql } from "drizzle-orm";
import { articleCategories, articles, type ArticleCategory } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { ConflictError, InvalidInputError, NotFoundError } from "@/lib/auth/errors";
import { diff } from "@/lib/audit/mask";
import { recordAudit } from "@/lib/audit/service";
import type { Db } from "@/lib/db";
import { claimSlug, slugify } from "@/lib/publications/slug";
import { lockList, reordered, requireSiteManager } from "./access";
import type { CreateCategoryInput, MoveCategoryInput, UpdateCategoryInput } from "./schemas";

/**
 * Chuyên mục: at most two levels (a category and its sub-categories), ordered by position among
 * siblings. Every change takes the tree's lock first, then the rows it touches: one lock order for all.
 */

const TREE = "article_categories";
const siblingsOf = (parentId: string | null) => (parentId ? eq(articleCategories.parentId, parentId) : isNull(articleCategories.parentId));
const treeOrder = [asc(articleCategories.position), asc(articleCategories.createdAt), asc(articleCategories.id)];

export type CategoryRow = ArticleCategory & { articleCount: number };
export type CategoryNode = CategoryRow & { children: CategoryRow[] };

/** Rows (already in sibling order) as a two-level tree. */
export function buildTree<T extends { id: string; parentId: string | null }>(rows: T[]): (T & { children: T[] })[] {
  const top = rows.filter((r) => !r.parentId).map((r) => ({ ...r, children: [] as T[] }));
  const byId = new Map(top.map((node) => [node.id, node]));
  for (const row of rows) if (row.parentId) byId.get(row.parentId)?.children.push(row);
  return top;
}

async function findCategory(tx: Db, id: string, field?: string) {
  const [row] = await tx.select().from(articleCategories).where(eq(articleCategories.id, id)).for("no key update");
  if (row) return row;
  // A parent chosen in a form that no longer exists is that field's problem, not a missing page.
  if (field) throw new InvalidInputError({ [field]: "validation.unknownItem" });
  throw new NotFoundError("site.category.notFound");
}

async function childCount(tx: Db, id: string) {
  const [row] = await tx.select({ n: count() }).from(articleCategories).where(eq(articleCategories.parentId, id));
  return row?.n ?? 0;
}

async function nextPosition(tx: Db, parentId: string | null) {
  const [row] = await tx.select({ next: sql<number>`coalesce(max(${articleCategories.position}) + 1, 0)::int` }).from(articleCategories).where(siblingsOf(parentId));
  return row?.next ?? 0;
}

/** The whole tree for the editors, hidden categories included, with how many articles each holds. */
export async function listCategoryTree(db: Db, actor: Actor | null): Promise<CategoryNode[]> {
  await requireSiteManager(db, actor);
  const used = db.select({ categoryId: articles.categoryId, n: count().as("n") }).from(articles).groupBy(articles.categoryId).as("used");
  const rows = await db
    .select({ category: articleCategories, n: used.n })
    .from(articleCategories)
    .leftJoin(used, eq(used.categoryId, articleCategories.id))
    .orderBy(...treeOrder);
  return buildTree(rows.map((r) => ({ ...r.category, articleCount: Number(r.n ?? 0) })));
}

export async function createCategory(db: Db, actor: Actor | null, input: CreateCategoryInput) {
  const root = await requireSiteManager(db, actor);
  return db.transaction(async (tx) => {
    await lockList(tx, TREE);
    if (input.parentId) {
      const parent = await findCategory(tx, input.parentId, "parentId");
      if (parent.parentId) throw new InvalidInputError({ parentId: "site.category.tooDeep" });
    }
    const slug = await claimSlug(tx, "article_categories", slugify(input.name, "chuyen-muc"));
    const [created] = await tx
      .insert(articleCategories)
      .values({ name: input.name, slug, parentId: input.parentId, description: input.description, position: await nextPosition(tx, input.parentId) })
      .returning();
    await recordAudit(tx, actor, {
      action: "site.createCategory",
      entityType: "article_category",
      entityId: created!.id,
      unitId: root.id,
      changes: { name: { to: created!.name }, slug: { to: slug }, parentId: { to: created!.parentId } },
    });
    return created!;
  });
}

/**
 * Renames a category and edits its description. Its address (slug) follows the name only until an
 * article of it has been published: from then on links to /chuyen-muc/<slug> are out in the
 * world, as with publications, and keep working.
 */
export async function updateCategory(db: Db, actor: Actor | null, input: UpdateCategoryInput) {
  const root = await requireSiteManager(db, actor);
  return db.transaction(async (tx) => {
    await lockList(tx, TREE);
    const category = await findCategory(tx, input.id);
    const [published] = await tx
      .select({ id: articles.id })
      .from(articles)
      .where(and(eq(articles.categoryId, category.id), isNotNull(articles.publishedAt)))
      .limit(1);
    const slug = !published && input.name !== category.name ? await claimSlug(tx, "article_categories", slugify(input.name, "chuyen-muc"), category.id) : category.slug;
    const values = { name: input.name, description: input.description, slug };
    const changes = diff(category, values);
    if (Object.keys(changes).length === 0) return category;
    const [updated] = await tx.update(articleCategories).set(values).where(eq(articleCategories.id, category.id)).returning();
    await recordAudit(tx, actor, { action: "site.updateCategory", entityType: "article_category", entityId: category.id, unitId: root.id, changes });
    return updated!;
  });
}

/**
 * Puts a category under another parent (or at the top), at the end of its new siblings. Refused:
 * under itself or its own sub-category, and anything that would make a third level.
 */
export async function moveCategory(db: Db, actor: Actor | null, input: MoveCategoryInput) {
  const root = await requireSiteManager(db, actor);
  return db.transaction(async (tx) => {
    await lockList(tx, TREE);
    const category = await findCategory(tx, input.id);
    if (input.parentId === category.parentId) return category;
    if (input.parentId) {
      if (input.parentId === category.id) throw new InvalidInputError({ parentId: "site.category.cycle" });
      const parent = await findCategory(tx, input.parentId, "parentId");
      // Walk up from the new parent: meeting the category means it would sit under itself.
      let up: ArticleCategory | undefined = parent;
      for (let steps = 0; up?.parentId && steps < 8; steps++) {
        if (up.parentId === category.id) throw new InvalidInputError({ parentId: "site.category.cycle" });
        [up] = await tx.select().from(articleCategories).where(eq(articleCategories.id, up.parentId));
      }
      if (parent.parentId) throw new InvalidInputError({ parentId: "site.category.tooDeep" });
      if ((await childCount(tx, category.id)) > 0) throw new InvalidInputError({ parentId: "site.category.hasSubcategories" });
    }
    const position = await nextPosition(tx, input.parentId);
    const [updated] = await tx.update(articleCategories).set({ parentId: input.parentId, position }).where(eq(articleCategories.id, category.id)).returning();
    await recordAudit(tx, actor, {
      action: "site.moveCategory",
      entityType: "article_category",
      entityId: category.id,
      unitId: root.id,
      changes: { parentId: { from: category.parentId, to: input.parentId } },
    });
    return updated!;
  });
}

/** One place up or down among its siblings: both rows locked and rewritten in one transaction. */
export async function reorderCategory(db: Db, actor: Actor | null, input: { id: string; direction: "up" | "down" }) {
  const root = await requireSiteManager(db, actor);
  return db.transaction(async (tx) => {
    await lockList(tx, TREE);
    const category = await findCategory(tx, input.id);
    const siblings = await tx
      .select({ id: articleCategories.id, position: articleCategories.position })
      .from(articleCategories)
      .where(siblingsOf(category.parentId))
      .orderBy(...treeOrder)
      .for("no key update");
    const moves = reordered(siblings, category.id, input.direction);
    if (!moves) return { moved: false };
    for (const move of moves) await tx.update(articleCategories).set({ position: move.to }).where(eq(articleCategories.id, move.id));
    const own = moves.find((m) => m.id === category.id);
    await recordAudit(tx, actor, {
      action: "site.reorderCategory",
      entityType: "article_category",
      entityId: category.id,
      unitId: root.id,
      changes: { position: { from: own?.from ?? category.position, to: own?.to ?? category.position } },
    });
    return { moved: true };
  });
}

/** Hidden: keeps its articles, is offered for no new one and shows nowhere on the portal (nor do its sub-categories). */
export async function setCategoryActive(db: Db, actor: Actor | null, input: { id: string; active: boolean }) {
  const root = await requireSiteManager(db, actor);
  return db.transaction(async (tx) => {
    await lockList(tx, TREE);
    const category = await findCategory(tx, input.id);
    if (category.active === input.active) return category;
    const [updated] = await tx.update(articleCategories).set({ active: input.active }).where(eq(articleCategories.id, category.id)).returning();
    await recordAudit(tx, actor, {
      action: input.active ? "site.showCategory" : "site.hideCategory",
      entityType: "article_category",
      entityId: category.id,
      unitId: root.id,
      changes: { active: { from: category.active, to: input.active } },
    });
    return updated!;
  });
}

/** Only an empty category goes: no article (in any state) and no sub-category. Hiding is the way to retire a used one. */
export async function deleteCategory(db: Db, actor: Actor | null, input: { id: string }) {
  const root = await requireSiteManager(db, actor);
  return db.transaction(async (tx) => {
    await lockList(tx, TREE);
    const [category] = await tx.select().from(articleCategories).where(eq(articleCategories.id, input.id)).for("update");
    if (!category) throw new NotFoundError("site.category.notFound");
    const [{ n: used } = { n: 0 }] = await tx.select({ n: count() }).from(articles).where(eq(articles.categoryId, category.id));
    if (used > 0) throw new ConflictError("site.category.inUse", {}, { values: { count: used } });
    if ((await childCount(tx, category.id)) > 0) throw new ConflictError("site.category.hasChildren");
    await tx.delete(articleCategories).where(eq(articleCategories.id, category.id));
    await recordAudit(tx, actor, {
      action: "site.deleteCategory",
      entityType: "article_category",
      entityId: category.id,
      unitId: root.id,
      changes: { name: { from: category.name }, slug: { from: category.slug } },
    });
    return { id: category.id };
  });
}
