import { articleEvents, type ArticleEvent } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import type { Db } from "@/lib/db";

/** One step of an article's history; the queue's own steps (a scheduled publication) have no actor. */
export async function recordArticleEvent(tx: Db, articleId: string, kind: ArticleEvent["kind"], actor: Actor | null, comment = "", details: Record<string, unknown> = {}) {
  await tx.insert(articleEvents).values({ articleId, kind, actorId: actor?.userId ?? null, comment, details });
}
