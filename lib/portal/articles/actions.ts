"use server";

import { defineAction } from "@/lib/actions/define";
import { publicTags } from "@/lib/cache/public";
import { revalidatePublic } from "@/lib/cache/revalidate";
import type { Db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { articleReasonInput, articleScheduleInput, articleStepInput } from "./schemas";
import type { ArticleStep } from "./rules";
import { commentOnArticle, takeArticleStep, type StepInput } from "./workflow";

// Writing and editing an article carries its cover image, larger than the server-action body
// limit allows: those go through the upload routes under app/api/tin-bai. The review steps are here.

async function step(db: Db, actor: Actor | null, name: ArticleStep, input: StepInput) {
  const { article, publicChanged } = await takeArticleStep(db, actor, name, input);
  // Once committed: the home page, the category, the feed and the article's own page change.
  if (publicChanged) revalidatePublic([publicTags.articles, publicTags.article(article.id)]);
  return { id: article.id, status: article.status };
}

export const submitArticleAction = defineAction("article.submit", articleStepInput, ({ db, actor }, input) => step(db, actor, "submit", input), { success: "article.submitted" });
export const returnArticleAction = defineAction("article.return", articleReasonInput, ({ db, actor }, input) => step(db, actor, "return", input), { success: "article.returned" });
export const rejectArticleAction = defineAction("article.reject", articleReasonInput, ({ db, actor }, input) => step(db, actor, "reject", input), { success: "article.rejected" });
export const approveArticleAction = defineAction("article.approve", articleStepInput, ({ db, actor }, input) => step(db, actor, "approve", input), { success: "article.approved" });
export const scheduleArticleAction = defineAction("article.schedule", articleScheduleInput, ({ db, actor }, input) => step(db, actor, "schedule", input), { success: "article.scheduled" });
export const unscheduleArticleAction = defineAction("article.unschedule", articleStepInput, ({ db, actor }, input) => step(db, actor, "unschedule", input), { success: "article.unscheduled" });
export const publishArticleAction = defineAction("article.publish", articleStepInput, ({ db, actor }, input) => step(db, actor, "publish", input), { success: "article.published" });
export const unpublishArticleAction = defineAction("article.unpublish", articleStepInput, ({ db, actor }, input) => step(db, actor, "unpublish", input), { success: "article.unpublished" });
export const commentArticleAction = defineAction("article.comment", articleReasonInput, ({ db, actor }, input) => commentOnArticle(db, actor, input), { success: "article.commented" });
