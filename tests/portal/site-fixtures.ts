import { randomBytes } from "node:crypto";
import { articleCategories, articles, partnerLinks, portalBanners } from "@/db/schema";
import type { Db } from "@/lib/db";
import { uniqueName } from "../helpers/fixtures";

/**
 * Rows of the portal's site furniture made directly in the tables, and one valid input per site
 * server action (the permission matrix and the root test both call them).
 */

const tag = () => randomBytes(4).toString("hex");

export async function makeCategory(db: Db, overrides: Partial<typeof articleCategories.$inferInsert> = {}) {
  const suffix = tag();
  const [row] = await db.insert(articleCategories).values({ name: `Chuyên mục thử ${suffix}`, slug: `chuyen-muc-thu-${suffix}`, ...overrides }).returning();
  return row!;
}

export async function makeLink(db: Db, overrides: Partial<typeof partnerLinks.$inferInsert> = {}) {
  const suffix = tag();
  const [row] = await db.insert(partnerLinks).values({ group: "other", name: `Website thử ${suffix}`, url: `https://thu-${suffix}.example.vn/`, ...overrides }).returning();
  return row!;
}

export async function makeBanner(db: Db, overrides: Partial<typeof portalBanners.$inferInsert> = {}) {
  const [row] = await db.insert(portalBanners).values({ slogan: `Khẩu hiệu thử ${tag()}`, startsOn: "2001-01-01", endsOn: "2001-01-31", ...overrides }).returning();
  return row!;
}

/** An article filed under a category, published or a draft (rows only: no body, no cover). */
export async function makeArticle(db: Db, unitId: string, categoryId: string, options: { published?: boolean } = {}) {
  const suffix = tag();
  const [row] = await db
    .insert(articles)
    .values({
      unitId,
      categoryId,
      title: `Tin thử ${suffix}`,
      slug: `tin-thu-${suffix}`,
      status: options.published ? "published" : "draft",
      publishedAt: options.published ? new Date() : null,
    })
    .returning();
  return row!;
}

export const SITE_ACTION_INPUTS: Record<string, (db: Db) => Promise<unknown>> = {
  "site.createCategory": async () => ({ name: `Chuyên mục ${uniqueName("c")}`, parentId: "", description: "" }),
  "site.updateCategory": async (db) => {
    const category = await makeCategory(db);
    return { id: category.id, name: `${category.name} (sửa)`, description: "Mô tả mới" };
  },
  "site.moveCategory": async (db) => ({ id: (await makeCategory(db)).id, parentId: (await makeCategory(db)).id }),
  "site.reorderCategory": async (db) => {
    const parent = await makeCategory(db);
    await makeCategory(db, { parentId: parent.id, position: 0 });
    return { id: (await makeCategory(db, { parentId: parent.id, position: 1 })).id, direction: "up" };
  },
  "site.setCategoryActive": async (db) => ({ id: (await makeCategory(db)).id, active: false }),
  "site.deleteCategory": async (db) => ({ id: (await makeCategory(db)).id }),
  "site.deleteBanner": async (db) => ({ id: (await makeBanner(db)).id }),
  "site.createLink": async () => ({ group: "units", name: `Website ${uniqueName("w")}`, url: "https://hoi.example.vn/" }),
  "site.updateLink": async (db) => {
    const link = await makeLink(db);
    return { id: link.id, group: "front", name: `${link.name} (sửa)`, url: link.url };
  },
  "site.reorderLink": async (db) => {
    await makeLink(db, { position: 0 });
    return { id: (await makeLink(db, { position: 1 })).id, direction: "up" };
  },
  "site.setLinkActive": async (db) => ({ id: (await makeLink(db)).id, active: false }),
  "site.deleteLink": async (db) => ({ id: (await makeLink(db)).id }),
};
