import { and, arrayOverlaps, desc, eq, inArray, ne, or, sql, type SQL } from "drizzle-orm";
import { articleCategories, articles, units, users } from "@/db/schema";
import type { Db } from "@/lib/db";

/**
 * Published articles as the public portal reads them (through lib/cache/public.ts cachedPublic,
 * under publicTags.articles, which every publishing step expires). Only status "published"
 * is ever read here.
 */

const published = eq(articles.status, "published");

/** What a list of stories shows: no body. */
const card = {
  id: articles.id,
  slug: articles.slug,
  title: articles.title,
  summary: articles.summary,
  coverSha256: articles.coverSha256,
  publishedAt: articles.publishedAt,
  categoryName: articleCategories.name,
  categorySlug: articleCategories.slug,
};

function cards(db: Db, where: SQL | undefined, limit: number, offset = 0) {
  return db
    .select(card)
    .from(articles)
    .innerJoin(articleCategories, eq(articleCategories.id, articles.categoryId))
    .where(and(published, where))
    .orderBy(desc(articles.publishedAt), desc(articles.id))
    .limit(limit)
    .offset(offset);
}

export type ArticleCard = Awaited<ReturnType<typeof cards>>[number];

/** The category and its sub-categories: a parent's page lists its children's stories too. */
function inCategoryTree(categoryId: string): SQL {
  return or(eq(articles.categoryId, categoryId), inArray(articles.categoryId, sql`(select id from article_categories where parent_id = ${categoryId})`))!;
}

export function latestArticles(db: Db, limit = 10) {
  return cards(db, undefined, limit);
}

/** The stories editors marked as featured, newest first; the latest stories when none is. */
export async function featuredArticles(db: Db, limit = 3) {
  const featured = await cards(db, eq(articles.featured, true), limit);
  return featured.length > 0 ? featured : cards(db, undefined, limit);
}

/** For each visible top-level category, in menu order, its latest stories (sub-categories included). */
export async function latestPerCategory(db: Db, perCategory = 4) {
  const top = await db
    .select({ id: articleCategories.id, name: articleCategories.name, slug: articleCategories.slug })
    .from(articleCategories)
    .where(and(eq(articleCategories.active, true), sql`${articleCategories.parentId} is null`))
    .orderBy(articleCategories.position, articleCategories.name);
  const lists = await Promise.all(top.map((c) => cards(db, inCategoryTree(c.id), perCategory)));
  return top.map((c, i) => ({ ...c, articles: lists[i]! })).filter((c) => c.articles.length > 0);
}

/** One page of every story, newest first. */
export async function allArticles(db: Db, page: number, pageSize: number) {
  const [rows, [{ total } = { total: 0 }]] = await Promise.all([cards(db, undefined, pageSize, (page - 1) * pageSize), db.select({ total: sql<number>`count(*)::int` }).from(articles).where(published)]);
  return { rows, total };
}

/** One page of a category's stories (its sub-categories' included), newest first. */
export async function categoryArticles(db: Db, categoryId: string, page: number, pageSize: number) {
  const where = inCategoryTree(categoryId);
  const [rows, [{ total } = { total: 0 }]] = await Promise.all([
    cards(db, where, pageSize, (page - 1) * pageSize),
    db.select({ total: sql<number>`count(*)::int` }).from(articles).where(and(published, where)),
  ]);
  return { rows, total };
}

/** A published article by its address, with what its page shows around it. */
export async function publicArticle(db: Db, slug: string) {
  const [row] = await db
    .select({
      id: articles.id,
      slug: articles.slug,
      title: articles.title,
      summary: articles.summary,
      bodyHtml: articles.bodyHtml,
      coverSha256: articles.coverSha256,
      tags: articles.tags,
      publishedAt: articles.publishedAt,
      updatedAt: articles.updatedAt,
      viewCount: articles.viewCount,
      categoryId: articles.categoryId,
      categoryName: articleCategories.name,
      categorySlug: articleCategories.slug,
      unitName: units.name,
      authorName: users.fullName,
    })
    .from(articles)
    .innerJoin(articleCategories, eq(articleCategories.id, articles.categoryId))
    .innerJoin(units, eq(units.id, articles.unitId))
    .leftJoin(users, eq(users.id, articles.authorId))
    .where(and(eq(articles.slug, slug), published))
    .limit(1);
  return row ?? null;
}

/** Stories sharing a tag or the category, those sharing a tag first, newest first. */
export async function relatedArticles(db: Db, article: { id: string; categoryId: string; tags: string[] }, limit = 4) {
  const sharesTag = article.tags.length > 0 ? arrayOverlaps(articles.tags, article.tags) : null;
  return db
    .select(card)
    .from(articles)
    .innerJoin(articleCategories, eq(articleCategories.id, articles.categoryId))
    .where(and(published, ne(articles.id, article.id), sharesTag ? or(sharesTag, eq(articles.categoryId, article.categoryId)) : eq(articles.categoryId, article.categoryId)))
    // Without tags there is nothing to rank by: PostgreSQL refuses a constant ("order by (false)") in ORDER BY.
    .orderBy(...(sharesTag ? [sql`(${sharesTag}) desc`] : []), desc(articles.publishedAt), desc(articles.id))
    .limit(limit);
}

/** Every published article's address and last change, for the sitemap. */
export function articleSitemapEntries(db: Db) {
  return db.select({ slug: articles.slug, updatedAt: articles.updatedAt }).from(articles).where(published).orderBy(desc(articles.publishedAt)).limit(45_000);
}

/** Every visible category's address, for the sitemap. */
export function categorySitemapEntries(db: Db) {
  return db.select({ slug: articleCategories.slug }).from(articleCategories).where(eq(articleCategories.active, true));
}
