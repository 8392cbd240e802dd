import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { safeErrorSummary } from "@/lib/actions/define";
import type { DatabaseHandle } from "@/lib/db";
import { createTestDatabase } from "../helpers/db";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(async () => handle?.close());

describe("logging an unexpected action error", () => {
  it("names the kind and database code of a failed query, never its parameters", async () => {
    await handle.db.execute(sql`create temporary table t_ids (id text primary key)`);
    await handle.db.execute(sql`insert into t_ids values (${"001175012345"})`);
    const error = await handle.db.execute(sql`insert into t_ids values (${"001175012345"})`).catch((e: unknown) => e);
    const summary = safeErrorSummary(error);
    expect(summary).toContain("sqlstate=23505");
    expect(summary).not.toContain("001175012345");
  });
});
