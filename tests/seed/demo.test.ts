import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { sql } from "drizzle-orm";
import { openDatabase } from "@/lib/db/open";
import type { DatabaseHandle, Db } from "@/lib/db/types";
import { DEMO_ACCOUNT_SPECS, DEMO_PASSWORD, formatDemoAccounts, type DemoAccount } from "@/db/seed/accounts";
import { buildDemoPlan, seedDemo } from "@/db/seed/demo";
import { PROVINCES, slugCode } from "@/db/seed/places";
import { verifyPassword } from "@/lib/auth/password";

let handle: DatabaseHandle;
let db: Db;
let accounts: DemoAccount[];

async function rows<T>(query: ReturnType<typeof sql>): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows?: T[] } | T[];
  return Array.isArray(result) ? result : (result.rows ?? []);
}

async function count(table: string): Promise<number> {
  const [row] = await rows<{ n: number }>(sql.raw(`select count(*)::int as n from ${table}`));
  return row!.n;
}

beforeAll(async () => {
  handle = await openDatabase({ dataDir: "memory://" });
  db = handle.db;
  const result = await seedDemo(db);
  expect(result.seeded).toBe(true);
  accounts = result.accounts;
});

afterAll(async () => {
  await handle?.close();
});

describe("demo seed", () => {
  it("creates the organisation settings", async () => {
    const [settings] = await rows<{ org_name: string; numbering_style: string; level_names: string[] }>(
      sql`select org_name, numbering_style, level_names from org_settings`,
    );
    expect(settings?.org_name).toBe("Hội Cựu Thanh niên xung phong Việt Nam");
    expect(settings?.numbering_style).toBe("HD36");
    expect(settings?.level_names).toHaveLength(4);
  });

  it("has one active root and the 34 active provinces under it", async () => {
    const roots = await rows<{ code: string }>(sql`select code from units where parent_id is null`);
    expect(roots.map((r) => r.code)).toEqual(["TW"]);
    const [active] = await rows<{ n: number }>(
      sql`select count(*)::int as n from units where level = 1 and active_to is null`,
    );
    expect(active!.n).toBe(34);
    expect(PROVINCES).toHaveLength(34);
  });

  it("dissolves every former province on 30/06/2025 with exactly one succession to an active province", async () => {
    const dissolved = await rows<{ id: string; active_to: string; successors: number; active_successors: number }>(sql`
      select u.id, u.active_to::text as active_to,
        (select count(*)::int from unit_successions s where s.predecessor_id = u.id) as successors,
        (select count(*)::int from unit_successions s join units n on n.id = s.successor_id
          where s.predecessor_id = u.id and n.active_to is null and n.level = 1 and s.kind = 'merge'
            and s.effective_on = date '2025-07-01') as active_successors
      from units u where u.active_to is not null`);
    const expected = PROVINCES.reduce((n, p) => n + p.formedFrom.length, 0);
    expect(dissolved).toHaveLength(expected);
    for (const unit of dissolved) {
      expect(unit.active_to).toBe("2025-06-30");
      expect(unit.successors).toBe(1);
      expect(unit.active_successors).toBe(1);
    }
  });

  it("links the former Hà Giang to the new Tuyên Quang", async () => {
    const links = await rows<{ predecessor: string; successor: string }>(sql`
      select p.name as predecessor, n.name as successor
      from unit_successions s join units p on p.id = s.predecessor_id join units n on n.id = s.successor_id
      where n.name = 'Hội Cựu TNXP tỉnh Tuyên Quang'`);
    const predecessors = links.map((l) => l.predecessor);
    expect(predecessors.some((name) => name.includes("Hà Giang") && name.includes("trước 01/07/2025"))).toBe(true);
    expect(predecessors.some((name) => name.includes("Tuyên Quang") && name.includes("trước 01/07/2025"))).toBe(true);
  });

  it("builds every path from its parent's path, one level deeper", async () => {
    const [bad] = await rows<{ n: number }>(sql`
      select count(*)::int as n from units c join units p on p.id = c.parent_id
      where not (c.path <@ p.path) or nlevel(c.path) <> nlevel(p.path) + 1 or c.level <> p.level + 1`);
    expect(bad!.n).toBe(0);
    const [roots] = await rows<{ n: number }>(sql`
      select count(*)::int as n from units
      where parent_id is null and (nlevel(path) <> 1 or path <> text2ltree(replace(id::text, '-', '')))`);
    expect(roots!.n).toBe(0);
    const [labels] = await rows<{ n: number }>(
      sql`select count(*)::int as n from units where subpath(path, -1)::text <> replace(id::text, '-', '')`,
    );
    expect(labels!.n).toBe(0);
  });

  it("gives Hà Nội communes and branches", async () => {
    const [hanoi] = await rows<{ communes: number; branches: number }>(sql`
      select
        (select count(*)::int from units c where c.parent_id = h.id and c.level = 2) as communes,
        (select count(*)::int from units b where b.path <@ h.path and b.level = 3) as branches
      from units h where h.code = 'HA-NOI'`);
    expect(hanoi!.communes).toBeGreaterThanOrEqual(6);
    expect(hanoi!.branches).toBeGreaterThanOrEqual(hanoi!.communes * 3);
    const [tuyenQuang] = await rows<{ n: number }>(
      sql`select count(*)::int as n from units c join units p on p.id = c.parent_id where p.code = 'TUYEN-QUANG' and c.level = 2`,
    );
    expect(tuyenQuang!.n).toBeGreaterThanOrEqual(6);
  });

  it("creates every demo account with its role at the expected unit", async () => {
    expect(accounts.map((a) => a.username)).toEqual(DEMO_ACCOUNT_SPECS.map((s) => s.username));
    const roles = new Set(accounts.map((a) => a.role));
    expect(roles.size).toBe(7);
    for (const account of accounts) {
      const found = await rows<{ unit_name: string; home_name: string; must_change: boolean; history: number; email: string }>(sql`
        select u.name as unit_name, h.name as home_name, us.must_change_password as must_change, us.email,
          (select count(*)::int from password_history ph where ph.user_id = us.id) as history
        from users us
        join role_assignments r on r.user_id = us.id
        join units u on u.id = r.unit_id
        join units h on h.id = us.home_unit_id
        where us.username = ${account.username} and r.role = ${account.role}`);
      expect(found, account.username).toHaveLength(1);
      expect(found[0]!.unit_name).toBe(account.unitName);
      expect(found[0]!.home_name).toBe(account.unitName);
      expect(found[0]!.must_change).toBe(false);
      expect(found[0]!.history).toBe(1);
      expect(found[0]!.email).toBe(`${account.username}@ketnoi.example.vn`);
    }
  });

  it("hashes the demo password so it verifies", async () => {
    const [admin] = await rows<{ password_hash: string }>(sql`select password_hash from users where username = 'admin'`);
    expect(await verifyPassword(admin!.password_hash, DEMO_PASSWORD)).toBe(true);
  });

  it("prints a table with every account and the password", () => {
    const table = formatDemoAccounts(accounts);
    for (const account of accounts) expect(table).toContain(account.username);
    expect(table).toContain("Quản trị viên");
    expect(table).toContain(DEMO_PASSWORD);
  });

  it("builds the same structure on every call", () => {
    const shape = () => buildDemoPlan().units.map((u) => [u.code, u.name, u.level, u.activeFrom, u.activeTo]);
    expect(shape()).toEqual(shape());
    const codes = buildDemoPlan().units.map((u) => u.code.toLowerCase());
    expect(new Set(codes).size).toBe(codes.length);
  });

  it("folds Vietnamese names into ASCII codes", () => {
    expect(slugCode("Lạng Sơn")).toBe("LANG-SON");
    expect(slugCode("Đắk Lắk")).toBe("DAK-LAK");
    expect(slugCode("Bà Rịa - Vũng Tàu")).toBe("BA-RIA-VUNG-TAU");
  });

  it("does nothing the second time", async () => {
    const tables = ["org_settings", "units", "unit_successions", "users", "role_assignments", "password_history"];
    const before = await Promise.all(tables.map(count));
    const again = await seedDemo(db);
    expect(again.seeded).toBe(false);
    expect(again.accounts).toEqual(accounts);
    expect(await Promise.all(tables.map(count))).toEqual(before);
  });
});
