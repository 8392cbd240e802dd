import { sql } from "drizzle-orm";
import type postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "@/db/seed/demo";
import type { DatabaseHandle, Db } from "@/lib/db";
import { queryRows } from "@/lib/db/sql";
import { foldVietnamese } from "@/lib/i18n/format";
import { createTestDatabase, onPostgres } from "../helpers/db";
import { makeMember, unitByCode } from "../helpers/fixtures";

/*
 * A record's changes reach the figures once per transaction, when it commits (drizzle/0020): the
 * statements leave them in stat_pending and a deferred trigger adds them up. So a transaction
 * that is still open holds no lock on the country's rows, and one that rolls back leaves nothing.
 */

let handle: DatabaseHandle;
let db: Db;

beforeAll(async () => {
  handle = await createTestDatabase();
  db = handle.db;
  await seedDemo(db);
}, 120_000);
afterAll(async () => {
  await handle?.close();
});

/** Current members counted for a unit (its subtree), as the aggregates hold them. */
async function counted(q: Db, code: string): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    q,
    sql`select coalesce(sum(c.n), 0)::int as n from member_stat_counts c join units u on u.id = c.unit_id
        where u.code = ${code} and c.dim = 'status' and c.value in ('active', 'in_transit')`,
  );
  return Number(row!.n);
}

async function pending(q: Db): Promise<number> {
  return Number((await queryRows<{ n: number }>(q, sql`select count(*)::int as n from stat_pending`))[0]!.n);
}

describe("statistics are added when the transaction commits", () => {
  it("counts the changes of several statements once, at commit, for the unit and every unit above it", async () => {
    const ward = await unitByCode(db, "HA-NOI-BA-DINH");
    const before = { ward: await counted(db, "HA-NOI-BA-DINH"), province: await counted(db, "HA-NOI"), country: await counted(db, "TW") };
    const seen = await db.transaction(async (tx) => {
      const a = await makeMember(tx, ward.id);
      await makeMember(tx, ward.id);
      await makeMember(tx, ward.id);
      await tx.execute(sql`update members set status = 'left' where id = ${a.id}`);
      // Inside the transaction the changes wait; the figures are still those before it.
      return { pending: await pending(tx), country: await counted(tx, "TW") };
    });
    expect(seen.pending).toBe(4);
    expect(seen.country).toBe(before.country);
    expect(await pending(db)).toBe(0);
    expect(await counted(db, "HA-NOI-BA-DINH")).toBe(before.ward + 2);
    expect(await counted(db, "HA-NOI")).toBe(before.province + 2);
    expect(await counted(db, "TW")).toBe(before.country + 2);
    // Today's change and this month's sum moved with the counts.
    const [today] = await queryRows<{ day: number; month: number }>(
      db,
      sql`select (select coalesce(sum(delta), 0) from member_stat_changes c where c.unit_id = u.id and c.day = stat_day() and c.dim = 'status' and c.value = 'left')::int as day,
                 (select coalesce(sum(delta), 0) from member_stat_months m where m.unit_id = u.id and m.month = date_trunc('month', stat_day())::date and m.dim = 'status' and m.value = 'left')::int as month
          from units u where u.code = 'TW'`,
    );
    expect(today!.day).toBeGreaterThanOrEqual(1);
    expect(today!.month).toBeGreaterThanOrEqual(today!.day);
  });

  it("leaves nothing behind when the transaction rolls back", async () => {
    const ward = await unitByCode(db, "HA-NOI-BA-DINH");
    const before = await counted(db, "TW");
    await expect(
      db.transaction(async (tx) => {
        await makeMember(tx, ward.id);
        throw new Error("thôi");
      }),
    ).rejects.toThrow("thôi");
    expect(await pending(db)).toBe(0);
    expect(await counted(db, "TW")).toBe(before);
  });

  it("a rebuild in the same transaction does not count the waiting changes twice", async () => {
    const ward = await unitByCode(db, "HA-NOI-BA-DINH");
    const before = await counted(db, "TW");
    await db.transaction(async (tx) => {
      await makeMember(tx, ward.id);
      await tx.execute(sql`select stats_rebuild()`);
    });
    expect(await counted(db, "TW")).toBe(before + 1);
    expect(await pending(db)).toBe(0);
  });

  // Two connections at once: PostgreSQL only (PGlite has one).
  it.skipIf(!onPostgres)("an open transaction in one province does not hold up a member saved in another", async () => {
    const before = await counted(db, "TW");
    const { default: postgres } = await import("postgres");
    const importing = postgres(handle.url!, { max: 1, onnotice: () => {} });
    const other = postgres(handle.url!, { max: 1, onnotice: () => {} });
    const insert = (q: postgres.Sql | postgres.TransactionSql, code: string, name: string) =>
      q`insert into members (full_name, name_folded, sort_key, unit_id) select ${name}, ${foldVietnamese(name)}, 'an', id from units where code = ${code}`;
    try {
      await importing`begin`;
      await insert(importing, "HA-NOI-BA-DINH", "Trần Thị An");
      // With the figures written per statement, this insert waited on the country's rows until
      // the first transaction ended; now it commits at once.
      await other.begin(async (t) => {
        await t`set local lock_timeout = '2s'`;
        await insert(t, "TUYEN-QUANG", "Lò Văn An");
      });
      expect(await counted(db, "TW")).toBe(before + 1);
      await importing`commit`;
      expect(await counted(db, "TW")).toBe(before + 2);
    } finally {
      await importing.end({ timeout: 5 });
      await other.end({ timeout: 5 });
    }
  });
});
