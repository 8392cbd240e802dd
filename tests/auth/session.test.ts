import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { units, users } from "@/db/schema";
import { seedDemo } from "@/db/seed/demo";
import { requirePermission } from "@/lib/auth/guard";
import { ForbiddenError, UnauthenticatedError } from "@/lib/auth/errors";
import { loadActor } from "@/lib/auth/load-actor";
import type { DatabaseHandle, Db } from "@/lib/db";
import { createTestDatabase } from "../helpers/db";
import { addRole, makeUser, unitByCode, uniqueCode } from "../helpers/fixtures";

let handle: DatabaseHandle;
let db: Db;

beforeAll(async () => {
  handle = await createTestDatabase();
  db = handle.db;
  await seedDemo(db);
});
afterAll(async () => handle?.close());

const claimsOf = (user: { id: string; sessionVersion: number }) => ({ userId: user.id, sessionVersion: user.sessionVersion });

describe("loadActor", () => {
  it("builds the actor from the database for a valid session", async () => {
    const user = await makeUser(db, { unitCode: "HA-NOI", role: "administrator" });
    const hanoi = await unitByCode(db, "HA-NOI");
    const actor = await loadActor(db, claimsOf(user), { ip: "203.0.113.7" });
    expect(actor).toMatchObject({
      userId: user.id,
      username: user.username,
      fullName: user.fullName,
      homeUnitId: hanoi.id,
      mustChangePassword: false,
      activeUnitId: hanoi.id,
      ip: "203.0.113.7",
    });
    expect(actor!.roles).toEqual([{ role: "administrator", unitId: hanoi.id, unitPath: hanoi.path, unitName: hanoi.name }]);
    expect(actor!.assignments).toEqual(actor!.roles);
  });

  it("gives no actor for an unknown user id", async () => {
    expect(await loadActor(db, { userId: crypto.randomUUID(), sessionVersion: 1 })).toBeNull();
  });

  it("gives no actor for a disabled user, whatever the session claims", async () => {
    const user = await makeUser(db, { unitCode: "HA-NOI", disabled: true });
    expect(await loadActor(db, claimsOf(user))).toBeNull();
  });

  it("gives no actor when the session version is outdated (or from the future)", async () => {
    const user = await makeUser(db, { unitCode: "HA-NOI" });
    expect(await loadActor(db, claimsOf(user))).not.toBeNull();
    await db.update(users).set({ sessionVersion: sql`${users.sessionVersion} + 1` }).where(eq(users.id, user.id));
    expect(await loadActor(db, claimsOf(user))).toBeNull();
    expect(await loadActor(db, { userId: user.id, sessionVersion: user.sessionVersion + 1 })).not.toBeNull();
    expect(await loadActor(db, { userId: user.id, sessionVersion: user.sessionVersion + 2 })).toBeNull();
  });

  it("carries mustChangePassword, and the guard then refuses every permission", async () => {
    const user = await makeUser(db, { unitCode: "HA-NOI", role: "administrator", mustChangePassword: true });
    const actor = await loadActor(db, claimsOf(user));
    expect(actor!.mustChangePassword).toBe(true);
    expect(() => requirePermission(actor, "account.read")).toThrow(ForbiddenError);
    expect(() => requirePermission(null, "account.read")).toThrow(UnauthenticatedError);
  });

  it("a user with no role gets an actor with no roles and no active unit", async () => {
    const user = await makeUser(db, { unitCode: "HA-NOI", role: null });
    const actor = await loadActor(db, claimsOf(user));
    expect(actor).toMatchObject({ roles: [], assignments: [], activeUnitId: null });
    expect(() => requirePermission(actor, "org.unit.read")).toThrow(ForbiddenError);
  });
});

describe("loadActor: the active unit", () => {
  it("roles in force are only those at the active unit; assignments list them all", async () => {
    const user = await makeUser(db, { unitCode: "HA-NOI", role: "administrator" });
    await addRole(db, user.id, "officer", "TUYEN-QUANG");
    await addRole(db, user.id, "clerk", "TUYEN-QUANG");
    const hanoi = await unitByCode(db, "HA-NOI");
    const tq = await unitByCode(db, "TUYEN-QUANG");

    const atTq = await loadActor(db, claimsOf(user), { activeUnitId: tq.id });
    expect(atTq!.activeUnitId).toBe(tq.id);
    expect(atTq!.roles.map((r) => r.role).sort()).toEqual(["clerk", "officer"]);
    expect(atTq!.roles.every((r) => r.unitId === tq.id)).toBe(true);
    expect(atTq!.assignments).toHaveLength(3);
    // The administrator role held in Hà Nội is not in force while acting for Tuyên Quang.
    expect(() => requirePermission(atTq, "account.manage")).toThrow(ForbiddenError);
    expect(requirePermission(atTq, "account.read").paths).toEqual([tq.path]);

    const atHanoi = await loadActor(db, claimsOf(user), { activeUnitId: hanoi.id });
    expect(atHanoi!.roles.map((r) => r.role)).toEqual(["administrator"]);
    expect(requirePermission(atHanoi, "account.manage").paths).toEqual([hanoi.path]);
  });

  it("an active unit the user holds no role at falls back to the first assignment (highest unit first)", async () => {
    const user = await makeUser(db, { unitCode: "HA-NOI-BA-DINH", role: "officer" });
    await addRole(db, user.id, "leader", "HA-NOI");
    const hanoi = await unitByCode(db, "HA-NOI");
    const foreign = await unitByCode(db, "TUYEN-QUANG");

    for (const activeUnitId of [foreign.id, crypto.randomUUID(), null, undefined]) {
      const actor = await loadActor(db, claimsOf(user), { activeUnitId });
      expect(actor!.activeUnitId).toBe(hanoi.id);
      expect(actor!.roles).toEqual([expect.objectContaining({ role: "leader", unitId: hanoi.id })]);
    }
    expect((await loadActor(db, claimsOf(user)))!.assignments.map((a) => a.role)).toEqual(["leader", "officer"]);
  });

  it("roles at dissolved units are left out entirely", async () => {
    const user = await makeUser(db, { unitCode: "TUYEN-QUANG", role: "officer" });
    // HA-GIANG-CU is the former Hà Giang province, dissolved on 30/06/2025.
    const dissolved = await unitByCode(db, "HA-GIANG-CU");
    expect(dissolved.activeTo).not.toBeNull();
    await addRole(db, user.id, "administrator", "HA-GIANG-CU");

    const actor = await loadActor(db, claimsOf(user), { activeUnitId: dissolved.id });
    expect(actor!.assignments.map((a) => a.unitId)).not.toContain(dissolved.id);
    expect(actor!.activeUnitId).toBe((await unitByCode(db, "TUYEN-QUANG")).id);
    expect(actor!.roles.map((r) => r.role)).toEqual(["officer"]);
  });

  it("a unit whose end date is still ahead keeps its roles until then", async () => {
    const tq = await unitByCode(db, "TUYEN-QUANG");
    const id = crypto.randomUUID();
    const code = uniqueCode("CLOSING");
    await db.insert(units).values({
      id,
      name: "Hội cơ sở sắp giải thể",
      code,
      level: 2,
      parentId: tq.id,
      path: `${tq.path}.${id.replace(/-/g, "")}`,
      activeTo: "2999-12-31",
    });
    const user = await makeUser(db, { unitCode: code, role: "clerk" });
    const actor = await loadActor(db, claimsOf(user));
    expect(actor!.activeUnitId).toBe(id);
    expect(actor!.roles.map((r) => r.role)).toEqual(["clerk"]);

    // Once the date has passed, the role is gone.
    await db.update(units).set({ activeTo: "2000-01-01" }).where(eq(units.id, id));
    const later = await loadActor(db, claimsOf(user));
    expect(later!.roles).toEqual([]);
    expect(later!.activeUnitId).toBeNull();
  });

  it("the demo administrator at the root has the whole tree in scope", async () => {
    const admin = await db.select().from(users).where(eq(users.username, "admin"));
    const actor = await loadActor(db, claimsOf(admin[0]!));
    const root = await unitByCode(db, "TW");
    expect(actor!.activeUnitId).toBe(root.id);
    expect(requirePermission(actor, "org.settings.manage").paths).toEqual([root.path]);
  });
});
