import { and, eq, desc, sql } from "drizzle-orm";
import { mailOutbox } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { requirePermission, inScope } from "@/lib/auth/guard";
import type { Db } from "@/lib/db";
import { units } from "@/db/schema";

/**
 * Queues an e-mail inside the caller's transaction. Delivery happens in the job queue: through
 * SMTP when configured, otherwise the message stays in the outbox for administrators to read.
 */
export async function queueMail(db: Db, mail: { to: string; subject: string; body: string }) {
  const [row] = await db
    .insert(mailOutbox)
    .values({ toAddress: mail.to, subject: mail.subject, body: mail.body })
    .returning({ id: mailOutbox.id });
  return row!.id;
}

/** The outbox is organisation-wide, so only administrators of the root unit read it. */
export async function listOutbox(db: Db, actor: Actor | null, query: { page: number; pageSize: number; status?: string }) {
  const scope = requirePermission(actor, "mail.outbox.read");
  const [root] = await db
    .select({ id: units.id })
    .from(units)
    .where(and(sql`${units.parentId} is null`, inScope(units.path, scope)))
    .limit(1);
  if (!root) return { rows: [], total: 0 };
  const where = query.status ? eq(mailOutbox.status, query.status as never) : undefined;
  const [rows, [{ total } = { total: 0 }]] = await Promise.all([
    db
      .select()
      .from(mailOutbox)
      .where(where)
      .orderBy(desc(mailOutbox.createdAt))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ total: sql<number>`count(*)::int` }).from(mailOutbox).where(where),
  ]);
  return { rows, total };
}
