import { and, eq, lte, sql } from "drizzle-orm";
import { articles, type Article, type ArticleStatus } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { ConflictError, ForbiddenError, InvalidInputError } from "@/lib/auth/errors";
import { holdsPermission, requirePermission } from "@/lib/auth/guard";
import { recordAudit } from "@/lib/audit/service";
import type { Db } from "@/lib/db";
import { isBlankRichText } from "@/lib/portal/sanitize";
import { findArticleInScope } from "./access";
import { recordArticleEvent } from "./events";
import { articleAbilities, type ArticleStep } from "./rules";

/**
 * The review steps. Each takes the article's row lock, checks that the step may start from where
 * the article stands now (two editors pressing at once: the second is told it has moved on) and
 * records the step with who took it and why.
 */

/** A scheduled time must lie at least this far ahead, so the queue's next sweep still finds it in the future. */
const SCHEDULE_LEAD_MS = 60_000;

/** "2026-12-01T07:30" in Vietnam time (UTC+7 all year: no daylight saving). */
export function vietnamLocalToDate(value: string): Date {
  return new Date(`${value}:00+07:00`);
}

const STATUS_AFTER: Record<ArticleStep, ArticleStatus> = {
  submit: "submitted",
  return: "returned",
  reject: "rejected",
  approve: "approved",
  schedule: "scheduled",
  unschedule: "approved",
  publish: "published",
  unpublish: "unpublished",
};

const EVENT_OF: Record<ArticleStep, "submitted" | "returned" | "rejected" | "approved" | "scheduled" | "unscheduled" | "published" | "unpublished"> = {
  submit: "submitted",
  return: "returned",
  reject: "rejected",
  approve: "approved",
  schedule: "scheduled",
  unschedule: "unscheduled",
  publish: "published",
  unpublish: "unpublished",
};

/** Steps that put an article before readers need a body worth reading. */
function assertReadable(article: Article) {
  if (isBlankRichText(article.bodyHtml)) throw new InvalidInputError({ bodyHtml: "article.bodyRequired" }, "article.incomplete");
}

export interface StepInput {
  id: string;
  comment?: string;
  /** For "schedule": when, in Vietnam time ("YYYY-MM-DDTHH:mm"). */
  publishAt?: string;
}

/**
 * Takes one step. Whether the public site changed (published, unpublished) comes back with the
 * article, so the caller expires the cached pages once the transaction has committed.
 */
export async function takeArticleStep(db: Db, actor: Actor | null, step: ArticleStep, input: StepInput, now = new Date()) {
  // Collaborators only ever submit; every other step is an editor's.
  const scope = requirePermission(actor, step === "submit" ? "article.write" : "article.review");
  let publishAt: Date | null = null;
  if (step === "schedule") {
    publishAt = vietnamLocalToDate(input.publishAt ?? "");
    if (Number.isNaN(publishAt.getTime())) throw new InvalidInputError({ publishAt: "article.publishAtFormat" });
    if (publishAt.getTime() < now.getTime() + SCHEDULE_LEAD_MS) throw new InvalidInputError({ publishAt: "article.publishAtPast" });
  }
  return db.transaction(async (tx) => {
    const { article, unitPath } = await findArticleInScope(tx, input.id, scope, { forUpdate: true });
    const abilities = articleAbilities(actor, article, unitPath);
    if (!abilities.steps[step]) {
      // Allowed in principle but not from here: the article has moved on since the page was loaded.
      const wouldBeAllowed = step === "submit" ? article.authorId === actor!.userId : holdsPermission(actor, "article.review");
      if (wouldBeAllowed) throw new ConflictError("article.wrongStatus", {}, { values: { status: article.status } });
      throw new ForbiddenError();
    }
    if (step === "submit" || step === "schedule" || step === "publish") assertReadable(article);
    const status = STATUS_AFTER[step];
    const values: Partial<Article> = { status, updatedAt: now };
    if (step === "submit") values.submittedAt = now;
    if (step === "schedule") values.publishAt = publishAt;
    if (step === "unschedule" || step === "publish") values.publishAt = null;
    // A story keeps the date it first went out, through unpublishing and publishing again.
    if (step === "publish") values.publishedAt = article.publishedAt ?? now;
    const [updated] = await tx.update(articles).set(values).where(eq(articles.id, article.id)).returning();
    await recordArticleEvent(tx, article.id, EVENT_OF[step], actor, input.comment ?? "", publishAt ? { publishAt: publishAt.toISOString() } : {});
    await recordAudit(tx, actor, {
      action: `article.${step}`,
      entityType: "article",
      entityId: article.id,
      unitId: article.unitId,
      changes: { status: { from: article.status, to: status }, ...(publishAt ? { publishAt: { to: publishAt.toISOString() } } : {}) },
    });
    return { article: updated!, publicChanged: step === "publish" || step === "unpublish" };
  });
}

/** A comment on the article's history, from its writer or an editor, at any stage. */
export async function commentOnArticle(db: Db, actor: Actor | null, input: { id: string; comment: string }) {
  const scope = holdsPermission(actor, "article.review") ? requirePermission(actor, "article.review") : requirePermission(actor, "article.write");
  return db.transaction(async (tx) => {
    const { article, unitPath } = await findArticleInScope(tx, input.id, scope, { forUpdate: true });
    if (!articleAbilities(actor, article, unitPath).comment) throw new ForbiddenError();
    await recordArticleEvent(tx, article.id, "commented", actor, input.comment);
    return { id: article.id };
  });
}

/**
 * Publishes every scheduled article whose time has come: run by the job queue every minute.
 * SKIP LOCKED and the status check make it happen once even when two app instances sweep at the
 * same moment, and since the schedule is a row, not a timer, nothing is lost across a restart: the
 * first sweep after it catches up. The article keeps its scheduled time as its publication time.
 */
export async function publishDueArticles(db: Db, now = new Date()): Promise<{ id: string; slug: string }[]> {
  return db.transaction(async (tx) => {
    const due = await tx
      .select({ id: articles.id, slug: articles.slug, unitId: articles.unitId, publishAt: articles.publishAt, publishedAt: articles.publishedAt })
      .from(articles)
      .where(and(eq(articles.status, "scheduled"), lte(articles.publishAt, now)))
      .orderBy(articles.publishAt)
      .limit(100)
      .for("update", { skipLocked: true });
    for (const article of due) {
      await tx
        .update(articles)
        .set({ status: "published", publishedAt: article.publishedAt ?? article.publishAt, publishAt: null, updatedAt: sql`now()` })
        .where(eq(articles.id, article.id));
      await recordArticleEvent(tx, article.id, "published", null, "", { scheduledFor: article.publishAt?.toISOString() });
      await recordAudit(tx, null, { action: "article.publishScheduled", entityType: "article", entityId: article.id, unitId: article.unitId, changes: { status: { from: "scheduled", to: "published" } } });
    }
    return due.map(({ id, slug }) => ({ id, slug }));
  });
}
