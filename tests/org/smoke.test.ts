import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createTestDatabase } from "../helpers/db";
import type { DatabaseHandle } from "@/lib/db";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(async () => handle?.close());

describe("database", () => {
  it("has the extensions", async () => {
    const { rows } = await handle.executeSql("select extname from pg_extension order by 1");
    expect(rows.map((r) => r.extname)).toEqual(expect.arrayContaining(["btree_gist", "ltree", "pg_trgm", "unaccent"]));
    const { rows: folded } = await handle.executeSql("select unaccent('Đường Kết Nối') as v");
    expect(folded[0]!.v).toBe("Duong Ket Noi");
    expect(sql).toBeDefined();
  });
});
