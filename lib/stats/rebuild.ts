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
  await backdate(db, [sql`update members set counted_since = least(counted_since, ${since})`]);
}

/**
 * Records brought in from an older register (the demo's): each counts from the day the member
 * joined, and a former member was a current one from joining until the day they left, matured
 * out or died (a version), then in that status.
 */
export async function countFromOlderRegister(db: Db): Promise<void> {
  const current = sql`status in ('active', 'in_transit')`;
  await backdate(db, [
    sql`insert into member_versions (member_id, unit_id, status, gender, birth_year, ethnicity, religion, education, joined_year, has_national_id, has_birth_date, has_phone, valid_from, valid_to)
        select id, unit_id, 'active', gender, extract(year from birth_date), ethnicity, religion, education, extract(year from joined_on),
               coalesce(btrim(national_id), '') <> '', birth_date is not null, coalesce(btrim(phone), '') <> '', joined_on, status_since
        from members
        where not ${current} and joined_on is not null and status_since > joined_on and status_since <= counted_since`,
    sql`update members set counted_since = least(counted_since, case when not ${current} and status_since is not null then status_since else coalesce(joined_on, counted_since) end)`,
  ]);
}

async function backdate(db: Db, statements: ReturnType<typeof sql>[]): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`alter table members disable trigger stats_members_versioned`);
    await tx.execute(sql`alter table members disable trigger stats_members_updated`);
    for (const statement of statements) await tx.execute(statement);
    await tx.execute(sql`alter table members enable trigger stats_members_versioned`);
    await tx.execute(sql`alter table members enable trigger stats_members_updated`);
    await tx.execute(sql`select stats_rebuild()`);
  });
}
