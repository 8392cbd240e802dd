import { and, eq, lt, sql } from "drizzle-orm";
import { articles, articleViewDays, articleViewMarks } from "@/db/schema";
import type { Db } from "@/lib/db";
import { answerViewBeacon, VIEW_WINDOW_MINUTES } from "@/lib/portal/view-beacon";

/**
 * Counts a view of a published article by this visitor, unless they were counted within the
 * window: the total on the article and the day's count (Vietnam time) for the editorial report.
 * True when it counted. An article that is not published is never counted (nor marked).
 */
export async function countArticleView(db: Db, articleId: string, visitor: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const marked = await tx
      .insert(articleViewMarks)
      .select(
        tx
          .select({ articleId: articles.id, visitor: sql<string>`${visitor}`.as("visitor"), countedAt: sql<Date>`now()`.as("counted_at") })
          .from(articles)
          .where(and(eq(articles.id, articleId), eq(articles.status, "published"))),
      )
      .onConflictDoUpdate({
        target: [articleViewMarks.articleId, articleViewMarks.visitor],
        set: { countedAt: sql`now()` },
        setWhere: sql`${articleViewMarks.countedAt} < now() - make_interval(mins => ${VIEW_WINDOW_MINUTES})`,
      })
      .returning({ articleId: articleViewMarks.articleId });
    if (marked.length === 0) return false;
    await tx.update(articles).set({ viewCount: sql`${articles.viewCount} + 1` }).where(eq(articles.id, articleId));
    await tx
      .insert(articleViewDays)
      .values({ articleId, day: sql`(now() at time zone 'Asia/Ho_Chi_Minh')::date`, views: 1 })
      .onConflictDoUpdate({ target: [articleViewDays.articleId, articleViewDays.day], set: { views: sql`${articleViewDays.views} + 1` } });
    return true;
  });
}

/** Marks older than the window count for nothing; the job queue clears them every hour. */
export async function pruneArticleViewMarks(db: Db) {
  await db.delete(articleViewMarks).where(lt(articleViewMarks.countedAt, sql`now() - make_interval(mins => ${VIEW_WINDOW_MINUTES})`));
}

/** The beacon of a public article page (app/api/tin-tuc/[id]/luot-xem). */
export function answerArticleViewBeacon(db: Db, request: Request, articleId: string): Promise<Response> {
  return answerViewBeacon(request, articleId, (id, visitor) => countArticleView(db, id, visitor));
}
