import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db";

/** Recounts every statistic from the records, their versions, events and evaluations (drizzle/0016). */
export async function rebuildStatistics(db: Db): Promise<void> {
  await db.execute(sql`select stats_rebuild()`);
}

/**
 * Says that the register has shown each record since `since` (an SQL date expression over the
 * members row, e.g. its joining day) rather than since it was typed in, then recounts. For
 * records brought in from an older register (the demo's members): their past days then show
 * them. The triggers keep counted_since to the day of a change, so they are set aside for this
 * one statement.
 */
export async function countRecordsSince(db: Db, since: ReturnType<typeof sql>): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`alter table members disable trigger stats_members_versioned`);
    await tx.execute(sql`alter table members disable trigger stats_members_updated`);
    await tx.execute(sql`update members set counted_since = least(counted_since, ${since})`);
    await tx.execute(sql`alter table members enable trigger stats_members_versioned`);
    await tx.execute(sql`alter table members enable trigger stats_members_updated`);
    await tx.execute(sql`select stats_rebuild()`);
  });
}
