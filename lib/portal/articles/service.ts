import { and, desc, eq, inArray, or, sql, type SQL } from "drizzle-orm";
import { articleCategories, articleEvents, articles, units, users, type Article, type ArticleStatus } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { ConflictError, ForbiddenError, InvalidInputError } from "@/lib/auth/errors";
import { holdsPermission, inScope, requirePermission, type Scope } from "@/lib/auth/guard";
import { diff } from "@/lib/audit/mask";
import { recordAudit } from "@/lib/audit/service";
import type { Db } from "@/lib/db";
import { getFileStorage } from "@/lib/files/storage";
import { foldVietnamese, formatDateTime } from "@/lib/i18n/format";
import { findUnitInScope } from "@/lib/org/units";
import { claimSlug, slugify } from "@/lib/publications/slug";
import { checkFiles, COVER_KINDS, type UploadedFile } from "@/lib/publications/uploads";
import { plainTextOf, sanitizeRichText } from "@/lib/portal/sanitize";
import { categoryChoices } from "@/lib/portal/site/public";
import { findArticleInScope } from "./access";
import { recordArticleEvent } from "./events";
import { articleAbilities, isReviewerOf } from "./rules";
import type { ArticleFields, CreateArticleInput, UpdateArticleInput } from "./schemas";

/**
 * Articles as their writers and editors see them in the workspace: drafting, editing and reading
 * with the history of their review. The review steps themselves are in workflow.ts.
 */

/** Either permission opens the article list: writers see their own, editors their units'. */
function readScope(actor: Actor | null): Scope {
  if (holdsPermission(actor, "article.review")) return requirePermission(actor, "article.review");
  return requirePermission(actor, "article.write");
}

function searchText(fields: Pick<ArticleFields, "title" | "summary" | "tags">, bodyHtml: string) {
  return foldVietnamese([fields.title, fields.summary, fields.tags.join(" "), plainTextOf(bodyHtml)].join(" ")).replace(/\s+/g, " ").trim().slice(0, 100_000);
}

/** A cover checked by its content (JPEG, PNG or WebP within the file limit) and stored. */
async function storeCover(cover: UploadedFile | null | undefined) {
  if (!cover) return null;
  const [checked] = await checkFiles([{ field: "cover", file: cover, allowed: COVER_KINDS }]);
  // Stored before the transaction: if it then fails, an unreferenced file is harmless (content-addressed).
  const stored = await getFileStorage().put(checked!.bytes);
  return { sha256: stored.sha256, mime: checked!.mime };
}

/**
 * The category must be one offered to writers (lib/portal/site/public.ts categoryChoices: active,
 * under an active parent); an article keeps the one it has even if it has been hidden since.
 */
async function checkCategory(db: Db, categoryId: string, current?: string) {
  const offered = await categoryChoices(db, current);
  if (!offered.some((c) => c.id === categoryId)) throw new InvalidInputError({ categoryId: "article.categoryUnavailable" });
}

export async function createArticle(db: Db, actor: Actor | null, input: CreateArticleInput & { cover?: UploadedFile | null }) {
  const scope = requirePermission(actor, "article.write");
  const unit = await findUnitInScope(db, input.unitId, scope);
  if (unit.activeTo) throw new InvalidInputError({ unitId: "unit.inactive" });
  await checkCategory(db, input.categoryId);
  const bodyHtml = sanitizeRichText(input.bodyHtml);
  const cover = await storeCover(input.cover);
  // Only editors feature stories on the home page.
  const featured = input.featured && isReviewerOf(actor, unit.path);

  return db.transaction(async (tx) => {
    const slug = await claimSlug(tx, "articles", slugify(input.title, "tin-bai"));
    const [created] = await tx
      .insert(articles)
      .values({
        unitId: unit.id,
        categoryId: input.categoryId,
        title: input.title,
        slug,
        summary: input.summary,
        bodyHtml,
        coverSha256: cover?.sha256 ?? null,
        coverMime: cover?.mime ?? null,
        tags: input.tags,
        featured,
        authorId: actor!.userId,
        searchText: searchText(input, bodyHtml),
      })
      .returning();
    await recordArticleEvent(tx, created!.id, "created", actor);
    await recordAudit(tx, actor, { action: "article.create", entityType: "article", entityId: created!.id, unitId: unit.id, changes: { title: { to: created!.title }, slug: { to: slug } } });
    return created!;
  });
}

/**
 * Saves the fields (and a new cover, or none). The form names the version it was loaded from: if
 * someone saved in between, nothing is written and the message says who and when, so the writer
 * keeps what they typed and can look at the newer text first. Until first published a new title
 * gives a new address; once published the address stays, so shared links keep working.
 */
export async function updateArticle(db: Db, actor: Actor | null, input: UpdateArticleInput & { cover?: UploadedFile | null }) {
  const scope = readScope(actor);
  const { unitPath } = await findArticleInScope(db, input.id, scope);
  const targetUnit = await findUnitInScope(db, input.unitId, scope);
  const bodyHtml = sanitizeRichText(input.bodyHtml);
  const cover = await storeCover(input.cover);

  const result = await db.transaction(async (tx) => {
    const { article } = await findArticleInScope(tx, input.id, scope, { forUpdate: true });
    if (!articleAbilities(actor, article, unitPath).edit) throw new ForbiddenError();
    if (article.version !== input.version) {
      const last = await lastEditor(tx, article.id);
      throw new ConflictError("article.stale", {}, { values: { name: last?.name ?? "—", at: formatDateTime(article.updatedAt) } });
    }
    if (targetUnit.id !== article.unitId && targetUnit.activeTo) throw new InvalidInputError({ unitId: "unit.inactive" });
    await checkCategory(tx, input.categoryId, article.categoryId);
    const neverPublished = !article.publishedAt;
    const slug = neverPublished && input.title !== article.title ? await claimSlug(tx, "articles", slugify(input.title, "tin-bai"), article.id) : article.slug;
    const values: Partial<Article> = {
      unitId: targetUnit.id,
      categoryId: input.categoryId,
      title: input.title,
      slug,
      summary: input.summary,
      bodyHtml,
      tags: input.tags,
      featured: isReviewerOf(actor, targetUnit.path) ? input.featured : article.featured,
      searchText: searchText(input, bodyHtml),
      ...(cover ? { coverSha256: cover.sha256, coverMime: cover.mime } : input.removeCover ? { coverSha256: null, coverMime: null } : {}),
    };
    const changes = diff(article as unknown as Record<string, unknown>, values as Record<string, unknown>);
    delete changes.searchText;
    // The body can be long: the audit says that it changed, not what it was.
    if (changes.bodyHtml) changes.bodyHtml = { from: "…", to: "…" };
    if (Object.keys(changes).length === 0) return { article, published: false };
    const [updated] = await tx
      .update(articles)
      .set({ ...values, version: article.version + 1, updatedAt: new Date() })
      .where(eq(articles.id, article.id))
      .returning();
    await recordArticleEvent(tx, article.id, "edited", actor, "", { fields: Object.keys(changes) });
    await recordAudit(tx, actor, { action: "article.update", entityType: "article", entityId: article.id, unitId: targetUnit.id, changes });
    return { article: updated!, published: updated!.status === "published" };
  });
  return result;
}

async function lastEditor(db: Db, articleId: string) {
  const [row] = await db
    .select({ name: users.fullName })
    .from(articleEvents)
    .innerJoin(users, eq(users.id, articleEvents.actorId))
    .where(and(eq(articleEvents.articleId, articleId), inArray(articleEvents.kind, ["created", "edited"])))
    .orderBy(desc(articleEvents.at), desc(articleEvents.id))
    .limit(1);
  return row ?? null;
}

/** One article for its edit page: the fields, where it stands, its history and what the actor may do. */
export async function getArticle(db: Db, actor: Actor | null, id: string) {
  const scope = readScope(actor);
  const row = await findArticleInScope(db, id, scope);
  const reviewer = isReviewerOf(actor, row.unitPath);
  // A writer who is not an editor there sees only their own articles.
  if (!reviewer && row.article.authorId !== actor!.userId) throw new ForbiddenError();
  const [history, [category], [author]] = await Promise.all([
    db
      .select({ id: articleEvents.id, kind: articleEvents.kind, comment: articleEvents.comment, details: articleEvents.details, at: articleEvents.at, actorName: users.fullName })
      .from(articleEvents)
      .leftJoin(users, eq(users.id, articleEvents.actorId))
      .where(eq(articleEvents.articleId, id))
      .orderBy(desc(articleEvents.at), desc(articleEvents.id)),
    db.select({ name: articleCategories.name, slug: articleCategories.slug }).from(articleCategories).where(eq(articleCategories.id, row.article.categoryId)).limit(1),
    row.article.authorId ? db.select({ name: users.fullName }).from(users).where(eq(users.id, row.article.authorId)).limit(1) : Promise.resolve([]),
  ]);
  return {
    ...row,
    categoryName: category?.name ?? "",
    authorName: author?.name ?? "",
    history,
    abilities: articleAbilities(actor, row.article, row.unitPath),
  };
}

export interface ArticleListQuery {
  page: number;
  pageSize: number;
  status?: ArticleStatus;
  /** "mine": the actor's own; "review": what waits for an editor (submitted). */
  view?: "mine" | "review" | "all";
  q?: string;
  categoryId?: string;
}

/**
 * The articles the actor works on: an editor sees every article of their units (the review queue
 * is those submitted, oldest first, so nothing waits longest by accident); a collaborator sees their own.
 */
export async function listArticles(db: Db, actor: Actor | null, query: ArticleListQuery) {
  const scope = readScope(actor);
  const reviewer = holdsPermission(actor, "article.review");
  const filters: SQL[] = [inScope(units.path, scope)];
  const view = reviewer ? (query.view ?? "all") : "mine";
  if (view === "mine") filters.push(eq(articles.authorId, actor!.userId));
  if (view === "review") filters.push(eq(articles.status, "submitted"));
  if (query.status) filters.push(eq(articles.status, query.status));
  if (query.categoryId) filters.push(or(eq(articles.categoryId, query.categoryId), eq(articleCategories.parentId, query.categoryId))!);
  if (query.q?.trim()) filters.push(sql`${articles.searchText} like ${`%${foldVietnamese(query.q.trim()).replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`);
  const where = and(...filters);
  const order = view === "review" ? [articles.submittedAt, articles.id] : [desc(articles.updatedAt), desc(articles.id)];
  const [rows, [{ total } = { total: 0 }]] = await Promise.all([
    db
      .select({
        id: articles.id,
        title: articles.title,
        slug: articles.slug,
        status: articles.status,
        featured: articles.featured,
        publishAt: articles.publishAt,
        publishedAt: articles.publishedAt,
        submittedAt: articles.submittedAt,
        updatedAt: articles.updatedAt,
        viewCount: articles.viewCount,
        unitName: units.name,
        categoryName: articleCategories.name,
        authorName: users.fullName,
      })
      .from(articles)
      .innerJoin(units, eq(units.id, articles.unitId))
      .innerJoin(articleCategories, eq(articleCategories.id, articles.categoryId))
      .leftJoin(users, eq(users.id, articles.authorId))
      .where(where)
      .orderBy(...order)
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db
      .select({ total: sql<number>`count(*)::int` })
      .from(articles)
      .innerJoin(units, eq(units.id, articles.unitId))
      .innerJoin(articleCategories, eq(articleCategories.id, articles.categoryId))
      .where(where),
  ]);
  return { rows, total, reviewer };
}
