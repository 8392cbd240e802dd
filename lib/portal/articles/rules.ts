import type { Article, ArticleStatus } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { holdsPermission, pathInScope, requirePermission } from "@/lib/auth/guard";

/**
 * Who may do what to an article, in one place: the services enforce it (after reading the row
 * within the actor's scope) and the pages use the same answers to offer only what would succeed.
 *
 * A collaborator writes for the units where they hold article.write and works on their own
 * articles while they are drafts or returned to them. An editor (article.review over the
 * article's unit) may edit any article there at any stage — a correction to a published story
 * included — and takes the review steps.
 */

/** Where a step may start from. */
export const STEP_FROM: Record<"submit" | "return" | "reject" | "approve" | "schedule" | "unschedule" | "publish" | "unpublish", readonly ArticleStatus[]> = {
  submit: ["draft", "returned"],
  return: ["submitted", "approved", "scheduled"],
  reject: ["submitted", "returned", "approved"],
  approve: ["submitted"],
  schedule: ["submitted", "approved", "unpublished"],
  unschedule: ["scheduled"],
  // An editor may publish their own draft straight away; a collaborator's goes through submission.
  publish: ["draft", "submitted", "approved", "scheduled", "unpublished"],
  unpublish: ["published"],
};

export type ArticleStep = keyof typeof STEP_FROM;

function holdsOver(actor: Actor | null, permission: "article.write" | "article.review", unitPath: string): boolean {
  return holdsPermission(actor, permission) && pathInScope(unitPath, requirePermission(actor, permission));
}

export function isReviewerOf(actor: Actor | null, unitPath: string): boolean {
  return holdsOver(actor, "article.review", unitPath);
}

export function isAuthorOf(actor: Actor | null, article: Pick<Article, "authorId">): boolean {
  return Boolean(actor && article.authorId === actor.userId);
}

export interface ArticleAbilities {
  edit: boolean;
  comment: boolean;
  steps: Record<ArticleStep, boolean>;
}

/** What the actor may do to this article now (the article was read within the actor's scope). */
export function articleAbilities(actor: Actor | null, article: Pick<Article, "authorId" | "status">, unitPath: string): ArticleAbilities {
  const reviewer = isReviewerOf(actor, unitPath);
  const author = isAuthorOf(actor, article) && holdsOver(actor, "article.write", unitPath);
  const can = (step: ArticleStep) => STEP_FROM[step].includes(article.status);
  const steps: Record<ArticleStep, boolean> = {
    submit: author && can("submit"),
    return: reviewer && can("return"),
    reject: reviewer && can("reject"),
    approve: reviewer && can("approve"),
    schedule: reviewer && can("schedule"),
    unschedule: reviewer && can("unschedule"),
    publish: reviewer && can("publish") && (article.status !== "draft" || author),
    unpublish: reviewer && can("unpublish"),
  };
  return {
    edit: reviewer ? article.status !== "rejected" : author && (article.status === "draft" || article.status === "returned"),
    comment: reviewer || author,
    steps,
  };
}
