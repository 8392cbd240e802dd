import { createHmac } from "node:crypto";
import { and, eq, inArray, lt, sql } from "drizzle-orm";
import { documents, documentViewMarks } from "@/db/schema";
import { clientIp } from "@/lib/auth/ip";
import { authSecret } from "@/lib/auth/secret";
import type { Db } from "@/lib/db";
import { sameOrigin } from "@/lib/publications/http";
import { publiclyVisible } from "./service";

/**
 * Views of public document pages. The page itself is cached and shared, so it writes nothing: the
 * browser posts a beacon (app/api/van-ban/[id]/luot-xem) once the page has loaded. A visitor is
 * counted once per document per window, whatever they reload; no cookie is needed.
 */

export const VIEW_WINDOW_MINUTES = 30;

let secret: string | undefined;

/**
 * Who is visiting, as a keyed hash of their address and browser: enough to tell visitors apart
 * for a while, and nothing that gives the address back (the key never leaves the server).
 */
export function visitorKey(ip: string | null, userAgent: string | null): string {
  secret ??= authSecret();
  return createHmac("sha256", secret)
    .update(`${ip ?? "?"}\n${userAgent ?? ""}`)
    .digest("base64url")
    .slice(0, 22);
}

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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The beacon's answer: 204 whether or not the view counted, so it tells nobody whether a document
 * exists or is public; 403 when another site's page posts it (browsers say where a request comes
 * from with Sec-Fetch-Site, and with Origin on a POST).
 */
export async function answerViewBeacon(db: Db, request: Request, documentId: string): Promise<Response> {
  const site = request.headers.get("sec-fetch-site");
  if ((site !== null && site !== "same-origin") || !sameOrigin(request)) return new Response(null, { status: 403 });
  if (UUID.test(documentId)) {
    await countDocumentView(db, documentId.toLowerCase(), visitorKey(clientIp(request.headers), request.headers.get("user-agent")));
  }
  return new Response(null, { status: 204, headers: { "Cache-Control": "no-store" } });
}
