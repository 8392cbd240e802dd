import { and, eq, inArray, lt, sql } from "drizzle-orm";
import { documents, documentViewMarks } from "@/db/schema";
import type { Db } from "@/lib/db";
import { answerViewBeacon, VIEW_WINDOW_MINUTES, visitorKey } from "@/lib/portal/view-beacon";
import { publiclyVisible } from "./service";

/**
 * Views of public document pages, counted by the portal's view beacon (lib/portal/view-beacon.ts):
 * once per visitor per window.
 */

export { VIEW_WINDOW_MINUTES, visitorKey };

/**
 * Counts a view of a public document by this visitor, unless they were counted within the window.
 * True when it counted. A document that is not public is never counted (nor marked).
 */
export async function countDocumentView(db: Db, documentId: string, visitor: string): Promise<boolean> {
  // One statement (a beacon arrives with every visit): mark the visitor unless marked within the
  // window, and count the view only if the mark was made.
  const mark = db
    .insert(documentViewMarks)
    .select(
      db
        .select({ documentId: documents.id, visitor: sql<string>`${visitor}`.as("visitor"), countedAt: sql<Date>`now()`.as("counted_at") })
        .from(documents)
        .where(and(eq(documents.id, documentId), publiclyVisible)),
    )
    .onConflictDoUpdate({
      target: [documentViewMarks.documentId, documentViewMarks.visitor],
      set: { countedAt: sql`now()` },
      setWhere: sql`${documentViewMarks.countedAt} < now() - make_interval(mins => ${VIEW_WINDOW_MINUTES})`,
    })
    .returning({ documentId: documentViewMarks.documentId });
  const marked = db.$with("marked", { documentId: documentViewMarks.documentId }).as(mark.getSQL());
  const counted = await db
    .with(marked)
    .update(documents)
    .set({ viewCount: sql`${documents.viewCount} + 1` })
    .where(inArray(documents.id, db.select({ id: marked.documentId }).from(marked)))
    .returning({ id: documents.id });
  return counted.length > 0;
}

/** Marks older than the window count for nothing; the job queue clears them every hour. */
export async function pruneDocumentViewMarks(db: Db) {
  await db.delete(documentViewMarks).where(lt(documentViewMarks.countedAt, sql`now() - make_interval(mins => ${VIEW_WINDOW_MINUTES})`));
}

/** The beacon of a public document page (app/api/van-ban/[id]/luot-xem). */
export function answerDocumentViewBeacon(db: Db, request: Request, documentId: string): Promise<Response> {
  return answerViewBeacon(request, documentId, (id, visitor) => countDocumentView(db, id, visitor));
}
