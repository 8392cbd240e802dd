import { and, eq, inArray, lt, sql } from "drizzle-orm";
import nodemailer from "nodemailer";
import { mailOutbox } from "@/db/schema";
import type { Db } from "@/lib/db";
import { env } from "@/lib/env";

const MAX_ATTEMPTS = 5;

/**
 * Claims queued messages with one atomic UPDATE (SKIP LOCKED), so two workers never send the same
 * message, then delivers them through SMTP or keeps them in the outbox when SMTP is not configured.
 */
export async function deliverQueuedMail(db: Db, options: { batch?: number } = {}) {
  const claimed = await db
    .update(mailOutbox)
    .set({ status: "sending", attempts: sql`${mailOutbox.attempts} + 1` })
    .where(
      inArray(
        mailOutbox.id,
        db
          .select({ id: mailOutbox.id })
          .from(mailOutbox)
          .where(and(eq(mailOutbox.status, "queued"), lt(mailOutbox.attempts, MAX_ATTEMPTS)))
          .orderBy(mailOutbox.createdAt)
          .limit(options.batch ?? 50)
          .for("update", { skipLocked: true }),
      ),
    )
    .returning();
  if (claimed.length === 0) return 0;

  const { SMTP_URL, MAIL_FROM } = env();
  if (!SMTP_URL) {
    await db.update(mailOutbox).set({ status: "kept" }).where(inArray(mailOutbox.id, claimed.map((m) => m.id)));
    return claimed.length;
  }
  const transport = nodemailer.createTransport(SMTP_URL);
  for (const mail of claimed) {
    try {
      await transport.sendMail({ from: MAIL_FROM, to: mail.toAddress, subject: mail.subject, text: mail.body });
      await db.update(mailOutbox).set({ status: "sent", sentAt: new Date(), error: null }).where(eq(mailOutbox.id, mail.id));
    } catch (error) {
      const failed = mail.attempts >= MAX_ATTEMPTS;
      await db
        .update(mailOutbox)
        .set({ status: failed ? "failed" : "queued", error: error instanceof Error ? error.message.slice(0, 500) : "?" })
        .where(eq(mailOutbox.id, mail.id));
    }
  }
  transport.close();
  return claimed.length;
}
