import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { units } from "@/db/schema";
import { seedDemo } from "@/db/seed/demo";
import { ForbiddenError, InvalidInputError, NotFoundError, UnauthenticatedError } from "@/lib/auth/errors";
import type { DatabaseHandle, Db } from "@/lib/db";
import { todayInVietnam } from "@/lib/i18n/format";
import { mergeUnit, moveUnit, pathLabel } from "@/lib/org/units";
import { statsDashboard } from "@/lib/stats/dashboard";
import { directMemberCounts } from "@/lib/stats/direct";
import { createTestDatabase } from "../helpers/db";
import { actorFor, addRole, makeMember, makeUser, uniqueCode, unitByCode } from "../helpers/fixtures";

let handle: DatabaseHandle;
let db: Db;
const today = todayInVietnam();
const yesterday = new Date(Date.parse(`${today}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  handle = await createTestDatabase();
  db = handle.db;
  await seedDemo(db);
}, 120_000);
afterAll(async () => {
  await handle?.close();
});

async function provincialLeader() {
  const user = await makeUser(db, { unitCode: "HA-NOI" });
  await addRole(db, user.id, "leader", "HA-NOI");
  return actorFor(db, user.username);
}

describe("who sees which unit's statistics", () => {
  it("the central leader sees the country and any unit in it", async () => {
    const central = await actorFor(db, "lanhdao");
    const country = await statsDashboard(db, central, {});
    expect(country.unit.code).toBe("TW");
    expect(country.breadcrumb).toEqual([]);
    expect(country.children.map((c) => c.unit.code)).toEqual(expect.arrayContaining(["HA-NOI", "TUYEN-QUANG"]));
    const tq = await unitByCode(db, "TUYEN-QUANG");
    expect((await statsDashboard(db, central, { unitId: tq.id })).unit.code).toBe("TUYEN-QUANG");
    // The country's members are its provinces' members.
    expect(country.children.reduce((s, c) => s + c.members.count, 0)).toBe(country.figures.members.count);
  });

  it("a provincial leader sees only their province: another province, the country or a made-up id is not found", async () => {
    const leader = await provincialLeader();
    const own = await statsDashboard(db, leader, {});
    expect(own.unit.code).toBe("HA-NOI");
    const commune = own.children[0]!;
    const down = await statsDashboard(db, leader, { unitId: commune.unit.id });
    // The breadcrumb starts where the leader's view starts, not at the country.
    expect(down.breadcrumb.map((u) => u.code)).toEqual(["HA-NOI"]);
    for (const code of ["TUYEN-QUANG", "TW"]) {
      const unit = await unitByCode(db, code);
      await expect(statsDashboard(db, leader, { unitId: unit.id })).rejects.toBeInstanceOf(NotFoundError);
    }
    await expect(statsDashboard(db, leader, { unitId: "00000000-0000-4000-8000-000000000000" })).rejects.toBeInstanceOf(NotFoundError);
    await expect(statsDashboard(db, leader, { unitId: "'; drop table units; --" })).rejects.toBeInstanceOf(NotFoundError);
  });

  it("officers read their units' statistics; clerks, editors' collaborators and members do not; no session is refused", async () => {
    const officer = await actorFor(db, "hanoi.canbo");
    expect((await statsDashboard(db, officer, {})).unit.code).toBe("HA-NOI");
    for (const username of ["vanthu", "hanoi.ctv", "hoivien"]) {
      await expect(statsDashboard(db, await actorFor(db, username), {})).rejects.toBeInstanceOf(ForbiddenError);
    }
    await expect(statsDashboard(db, null, {})).rejects.toBeInstanceOf(UnauthenticatedError);
  });
});

describe("bad input", () => {
  it("refuses a future day, a reversed period and a day that does not exist, naming the field", async () => {
    const central = await actorFor(db, "lanhdao");
    const refused = async (query: Parameters<typeof statsDashboard>[2]) => {
      const error = await statsDashboard(db, central, query).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidInputError);
      return (error as InvalidInputError).fieldErrors;
    };
    expect(await refused({ asOf: "2999-01-01" })).toEqual({ asOf: "stats.asOfFuture" });
    expect(await refused({ from: "2025-03-01", to: "2025-02-01" })).toEqual({ from: "stats.reversedRange" });
    expect(await refused({ from: "2025-01-01", to: "2999-01-01", asOf: "2025-06-01" })).toEqual({ to: "stats.futureDate" });
    expect(await refused({ asOf: "2025-02-30" })).toEqual({ asOf: "validation.date" });
  });

  it("an empty unit gives zeros, not errors", async () => {
    const central = await actorFor(db, "lanhdao");
    const hanoi = await unitByCode(db, "HA-NOI");
    const id = crypto.randomUUID();
    await db.insert(units).values({ id, name: "Chi hội mới lập", code: uniqueCode("EMPTY"), level: 2, parentId: hanoi.id, path: `${hanoi.path}.${pathLabel(id)}`, activeFrom: "2000-01-01" });
    const empty = await statsDashboard(db, central, { unitId: id, from: "2025-12-15", to: today });
    expect(empty.figures.members).toEqual({ count: 0, lastYear: 0 });
    expect(Object.values(empty.figures.byStatus).every((c) => c.count === 0 && c.lastYear === 0)).toBe(true);
    expect(Object.values(empty.flows.totals).every((c) => c.count === 0 && c.lastYear === 0)).toBe(true);
    expect(empty.flows.months.length).toBeGreaterThanOrEqual(2);
    expect(empty.evaluations.years).toEqual([]);
    expect(empty.children).toEqual([]);
    expect(empty.figures.breakdowns.ageBand.every((r) => r.count === 0)).toBe(true);
  });
});

describe("merged units", () => {
  it("count under their successor now, while yesterday's figures stay as they were", async () => {
    const central = await actorFor(db, "lanhdao");
    const admin = await actorFor(db, "admin");
    const hanoi = await statsDashboard(db, central, { unitId: (await unitByCode(db, "HA-NOI")).id });
    const [a, b] = hanoi.children.filter((c) => c.members.count > 0);
    // Members recorded before today, so that yesterday shows them.
    await db.transaction(async (tx) => {
      await tx.execute(sql`select set_config('kn.stat_day', ${yesterday}, true)`);
      await makeMember(tx as unknown as Db, a!.unit.id, { gender: "female" });
      await makeMember(tx as unknown as Db, b!.unit.id, { gender: "male" });
    });
    const before = {
      a: await statsDashboard(db, central, { unitId: a!.unit.id, asOf: yesterday }),
      b: await statsDashboard(db, central, { unitId: b!.unit.id, asOf: yesterday }),
      aNow: await statsDashboard(db, central, { unitId: a!.unit.id }),
      bNow: await statsDashboard(db, central, { unitId: b!.unit.id }),
      hanoiNow: await statsDashboard(db, central, { unitId: hanoi.unit.id }),
    };
    expect(before.a.figures.members.count).toBeGreaterThan(0);
    await mergeUnit(db, admin, { id: a!.unit.id, targetId: b!.unit.id, effectiveOn: today, note: "Sáp nhập theo nghị quyết" });

    const after = {
      a: await statsDashboard(db, central, { unitId: a!.unit.id, asOf: yesterday }),
      b: await statsDashboard(db, central, { unitId: b!.unit.id, asOf: yesterday }),
      aNow: await statsDashboard(db, central, { unitId: a!.unit.id }),
      bNow: await statsDashboard(db, central, { unitId: b!.unit.id }),
      hanoiNow: await statsDashboard(db, central, { unitId: hanoi.unit.id }),
    };
    // Yesterday is what it was, for both units, down to every breakdown.
    expect(after.a.figures).toEqual(before.a.figures);
    expect(after.b.figures).toEqual(before.b.figures);
    // Now the dissolved unit's members are the successor's; the province is unchanged.
    expect(after.aNow.figures.members.count).toBe(0);
    expect(after.bNow.figures.members.count).toBe(before.bNow.figures.members.count + before.aNow.figures.members.count);
    expect(after.bNow.figures.members.count).toBe((await directMemberCounts(db, b!.unit.id, today)).members);
    expect(after.hanoiNow.figures.members).toEqual(before.hanoiNow.figures.members);
    // The province's table of children no longer lists the dissolved unit today, and still did yesterday.
    expect(after.hanoiNow.children.map((c) => c.unit.id)).not.toContain(a!.unit.id);
    const hanoiYesterday = await statsDashboard(db, central, { unitId: hanoi.unit.id, asOf: yesterday });
    expect(hanoiYesterday.children.find((c) => c.unit.id === a!.unit.id)?.members).toEqual(before.a.figures.members);
  });
});

describe("a unit moved to another parent", () => {
  it("takes its figures along from today; yesterday's stay where they were", async () => {
    const central = await actorFor(db, "lanhdao");
    const admin = await actorFor(db, "admin");
    const hanoi = await unitByCode(db, "HA-NOI");
    const tq = await unitByCode(db, "TUYEN-QUANG");
    const moving = (await statsDashboard(db, central, { unitId: hanoi.id })).children.find((c) => c.members.count > 0)!;
    const snapshot = async (asOf?: string) => ({
      hanoi: (await statsDashboard(db, central, { unitId: hanoi.id, asOf })).figures,
      tq: (await statsDashboard(db, central, { unitId: tq.id, asOf })).figures,
    });
    const yesterdayBefore = await snapshot(yesterday);
    const nowBefore = await snapshot();
    await moveUnit(db, admin, { id: moving.unit.id, newParentId: tq.id });
    const yesterdayAfter = await snapshot(yesterday);
    const nowAfter = await snapshot();
    expect(yesterdayAfter).toEqual(yesterdayBefore);
    expect(nowAfter.hanoi.members.count).toBe(nowBefore.hanoi.members.count - moving.members.count);
    expect(nowAfter.tq.members.count).toBe(nowBefore.tq.members.count + moving.members.count);
    expect(nowAfter.tq.members.count).toBe((await directMemberCounts(db, tq.id, today)).members);
    const direct = await directMemberCounts(db, hanoi.id, today);
    expect(Object.fromEntries(Object.entries(nowAfter.hanoi.quality).map(([k, v]) => [k, v.count]))).toEqual(direct.quality);
  });
});
