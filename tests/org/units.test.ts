import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, desc, eq } from "drizzle-orm";
import { auditLog, roleAssignments, unitSuccessions, units, users } from "@/db/schema";
import { seedDemo } from "@/db/seed/demo";
import type { Actor } from "@/lib/auth/actor";
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError } from "@/lib/auth/errors";
import { loadActor } from "@/lib/auth/load-actor";
import type { DatabaseHandle, Db } from "@/lib/db";
import { createUnitInput } from "@/lib/org/schemas";
import { createUnit, getUnit, listUnitOptions, listUnits, mergeUnit, moveUnit, pathLabel, updateUnit } from "@/lib/org/units";
import { createTestDatabase } from "../helpers/db";
import { actorFor, assignmentId, countRows, makeUser, uniqueCode, unitByCode, unitById } from "../helpers/fixtures";

let handle: DatabaseHandle;
let db: Db;
let rootAdmin: Actor;
let hanoiAdmin: Actor;
let tqOfficer: Actor;

beforeAll(async () => {
  handle = await createTestDatabase();
  db = handle.db;
  await seedDemo(db);
  rootAdmin = await actorFor(db, "admin");
  hanoiAdmin = await actorFor(db, "hanoi.quantri");
  tqOfficer = await actorFor(db, "tuyenquang.canbo");
});
afterAll(async () => handle?.close());

const isUnder = (path: string, ancestor: string) => path === ancestor || path.startsWith(`${ancestor}.`);

/** A new unit under the parent (by code), made through the service as the given actor. */
async function addUnit(actor: Actor, parentCode: string, level: number, name = "Đơn vị thử") {
  const parent = await unitByCode(db, parentCode);
  return createUnit(db, actor, createUnitInput.parse({ parentId: parent.id, name, code: uniqueCode("U"), level }));
}

async function lastAudit(action: string, entityId: string) {
  const [row] = await db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, action), eq(auditLog.entityId, entityId)))
    .orderBy(desc(auditLog.id))
    .limit(1);
  return row;
}

describe("createUnit", () => {
  it("creates a child whose path is the parent's path plus its own id without dashes", async () => {
    const parent = await unitByCode(db, "HA-NOI-BA-DINH");
    const code = uniqueCode("CH");
    const created = await createUnit(
      db,
      hanoiAdmin,
      createUnitInput.parse({ parentId: parent.id, name: "Chi hội tổ dân phố số 9", code: code.toLowerCase(), level: "3" }),
    );
    expect(created).toMatchObject({ parentId: parent.id, level: 3, code, name: "Chi hội tổ dân phố số 9", activeTo: null });
    expect(created.path).toBe(`${parent.path}.${created.id.replace(/-/g, "")}`);
    expect(pathLabel(created.id)).not.toContain("-");
    expect(await lastAudit("org.createUnit", created.id)).toMatchObject({
      actorId: hanoiAdmin.userId,
      unitId: created.id,
      changes: { name: { to: "Chi hội tổ dân phố số 9" }, code: { to: code }, level: { to: 3 }, parent: { to: parent.name } },
    });
  });

  it("keeps a given start date", async () => {
    const parent = await unitByCode(db, "HA-NOI");
    const created = await createUnit(
      db,
      hanoiAdmin,
      createUnitInput.parse({ parentId: parent.id, name: "Hội cơ sở mới", code: uniqueCode("HCS"), level: 2, activeFrom: "2026-01-15" }),
    );
    expect(created.activeFrom).toBe("2026-01-15");
  });

  it("the level must lie below the parent's and be one the settings name", async () => {
    const commune = await unitByCode(db, "HA-NOI-BA-DINH"); // level 2
    const branch = await unitByCode(db, "HA-NOI-BA-DINH-CH1"); // level 3, the deepest of four levels
    const before = await countRows(db, units);
    for (const level of [1, 2]) {
      const error = await createUnit(db, hanoiAdmin, { parentId: commune.id, name: "Sai cấp", code: uniqueCode("L"), level }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidInputError);
      expect(error).toMatchObject({ fieldErrors: { level: "unit.levelBelowParent" } });
    }
    const tooDeep = await createUnit(db, hanoiAdmin, { parentId: branch.id, name: "Quá sâu", code: uniqueCode("L"), level: 4 }).catch((e: unknown) => e);
    expect(tooDeep).toMatchObject({ fieldErrors: { level: "unit.levelUnknown" } });
    expect(await countRows(db, units)).toBe(before);
  });

  it("a level may skip one below the parent's when the settings name it", async () => {
    const created = await addUnit(hanoiAdmin, "HA-NOI", 3, "Chi hội trực thuộc thành hội");
    expect(created.level).toBe(3);
  });

  it("refuses a code already used by another unit, in any case", async () => {
    const parent = await unitByCode(db, "HA-NOI");
    const before = await countRows(db, units);
    for (const code of ["HA-NOI-BA-DINH", "ha-noi-ba-dinh", "Tuyen-Quang"]) {
      const error = await createUnit(db, hanoiAdmin, { parentId: parent.id, name: "Trùng mã", code, level: 2 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConflictError);
      expect(error).toMatchObject({ messageKey: "unit.codeTaken", fieldErrors: { code: "unit.codeTaken" } });
    }
    expect(await countRows(db, units)).toBe(before);
  });

  it("a parent outside the scope reads as not found, and nothing is written", async () => {
    const tq = await unitByCode(db, "TUYEN-QUANG");
    const unitsBefore = await countRows(db, units);
    const auditBefore = await countRows(db, auditLog);
    const code = uniqueCode("X");
    await expect(createUnit(db, hanoiAdmin, { parentId: tq.id, name: "Xâm phạm", code, level: 2 })).rejects.toBeInstanceOf(NotFoundError);
    await expect(createUnit(db, hanoiAdmin, { parentId: crypto.randomUUID(), name: "Không có", code, level: 2 })).rejects.toBeInstanceOf(NotFoundError);
    expect(await countRows(db, units)).toBe(unitsBefore);
    expect(await countRows(db, auditLog)).toBe(auditBefore);
    expect(await countRows(db, units, eq(units.code, code))).toBe(0);
  });

  it("refuses a dissolved parent, and an actor without org.unit.manage", async () => {
    const dissolved = await unitByCode(db, "HA-GIANG-CU");
    const error = await createUnit(db, rootAdmin, { parentId: dissolved.id, name: "Dưới đơn vị cũ", code: uniqueCode("D"), level: 2 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ fieldErrors: { parentId: "unit.inactive" } });
    const tq = await unitByCode(db, "TUYEN-QUANG");
    await expect(createUnit(db, tqOfficer, { parentId: tq.id, name: "Cán bộ tạo", code: uniqueCode("D"), level: 2 })).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe("updateUnit", () => {
  it("renames and recodes a unit in scope, with the changes in the audit log", async () => {
    const unit = await addUnit(hanoiAdmin, "HA-NOI", 2, "Tên cũ");
    const code = uniqueCode("NEW");
    const updated = await updateUnit(db, hanoiAdmin, { id: unit.id, name: "Tên mới", code });
    expect(updated).toMatchObject({ id: unit.id, name: "Tên mới", code, path: unit.path });
    expect(await lastAudit("org.updateUnit", unit.id)).toMatchObject({
      changes: { name: { from: "Tên cũ", to: "Tên mới" }, code: { from: unit.code, to: code } },
    });
  });

  it("keeping the same values writes nothing; a unit may keep its own code in another case", async () => {
    const unit = await addUnit(hanoiAdmin, "HA-NOI", 2);
    const auditBefore = await countRows(db, auditLog);
    await updateUnit(db, hanoiAdmin, { id: unit.id, name: unit.name, code: unit.code });
    expect(await countRows(db, auditLog)).toBe(auditBefore);
    const recased = await updateUnit(db, hanoiAdmin, { id: unit.id, name: unit.name, code: unit.code.toLowerCase() });
    expect(recased.code).toBe(unit.code.toLowerCase());
  });

  it("refuses another unit's code, a unit outside the scope and a dissolved unit", async () => {
    const unit = await addUnit(hanoiAdmin, "HA-NOI", 2);
    await expect(updateUnit(db, hanoiAdmin, { id: unit.id, name: unit.name, code: "ha-noi" })).rejects.toBeInstanceOf(ConflictError);
    const tq = await unitByCode(db, "TUYEN-QUANG");
    await expect(updateUnit(db, hanoiAdmin, { id: tq.id, name: "Đổi trộm", code: tq.code })).rejects.toBeInstanceOf(NotFoundError);
    expect((await unitById(db, tq.id)).name).toBe(tq.name);
    const dissolved = await unitByCode(db, "HA-GIANG-CU");
    await expect(updateUnit(db, rootAdmin, { id: dissolved.id, name: "Hồi sinh", code: dissolved.code })).rejects.toMatchObject({
      messageKey: "unit.inactive",
    });
  });
});

describe("moveUnit", () => {
  it("moves a unit with its whole subtree, rewriting every path below it", async () => {
    const moving = await addUnit(rootAdmin, "HA-NOI", 2, "Hội cơ sở chuyển đi");
    const childA = await createUnit(db, rootAdmin, { parentId: moving.id, name: "Chi hội A", code: uniqueCode("A"), level: 3 });
    const childB = await createUnit(db, rootAdmin, { parentId: moving.id, name: "Chi hội B", code: uniqueCode("B"), level: 3 });
    const tq = await unitByCode(db, "TUYEN-QUANG");

    const result = await moveUnit(db, rootAdmin, { id: moving.id, newParentId: tq.id });
    const newPath = `${tq.path}.${pathLabel(moving.id)}`;
    expect(result.path).toBe(newPath);

    const moved = await unitById(db, moving.id);
    expect(moved).toMatchObject({ parentId: tq.id, path: newPath, level: 2 });
    for (const child of [childA, childB]) {
      const row = await unitById(db, child.id);
      expect(row.parentId).toBe(moving.id);
      expect(row.path).toBe(`${newPath}.${pathLabel(child.id)}`);
    }
    // Nothing is left at the old place.
    const hanoi = await unitByCode(db, "HA-NOI");
    const stale = (await db.select({ path: units.path }).from(units)).filter((u) => u.path.includes(pathLabel(moving.id)));
    expect(stale.every((u) => isUnder(u.path, newPath) && !isUnder(u.path, hanoi.path))).toBe(true);
    expect(stale).toHaveLength(3);
    expect(await lastAudit("org.moveUnit", moving.id)).toMatchObject({ changes: { parent: { from: hanoi.name, to: tq.name } } });

    // Hà Nội's administrator no longer sees it, and cannot move it back.
    await expect(getUnit(db, hanoiAdmin, moving.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(moveUnit(db, hanoiAdmin, { id: moving.id, newParentId: hanoi.id })).rejects.toBeInstanceOf(NotFoundError);
  });

  it("moves a leaf unit", async () => {
    const leaf = await addUnit(hanoiAdmin, "HA-NOI-CAU-GIAY", 3);
    const target = await unitByCode(db, "HA-NOI-HA-DONG");
    await moveUnit(db, hanoiAdmin, { id: leaf.id, newParentId: target.id });
    expect(await unitById(db, leaf.id)).toMatchObject({ parentId: target.id, path: `${target.path}.${pathLabel(leaf.id)}` });
  });

  it("refuses a move into the unit's own subtree, or onto itself", async () => {
    const unit = await addUnit(hanoiAdmin, "HA-NOI", 2);
    const child = await createUnit(db, hanoiAdmin, { parentId: unit.id, name: "Con", code: uniqueCode("C"), level: 3 });
    for (const newParentId of [child.id, unit.id]) {
      const error = await moveUnit(db, hanoiAdmin, { id: unit.id, newParentId }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidInputError);
      expect(error).toMatchObject({ fieldErrors: { newParentId: "unit.moveIntoSelf" } });
    }
    expect((await unitById(db, unit.id)).path).toBe(unit.path);
    expect((await unitById(db, child.id)).path).toBe(child.path);
  });

  it("refuses a new parent at the same or a lower level, the root, and a target outside the scope", async () => {
    const unit = await addUnit(hanoiAdmin, "HA-NOI", 2);
    const sibling = await unitByCode(db, "HA-NOI-BA-DINH");
    await expect(moveUnit(db, hanoiAdmin, { id: unit.id, newParentId: sibling.id })).rejects.toMatchObject({
      fieldErrors: { newParentId: "unit.levelBelowParent" },
    });
    const root = await unitByCode(db, "TW");
    await expect(moveUnit(db, rootAdmin, { id: root.id, newParentId: sibling.id })).rejects.toMatchObject({
      fieldErrors: { newParentId: "unit.moveRoot" },
    });
    const tq = await unitByCode(db, "TUYEN-QUANG");
    await expect(moveUnit(db, hanoiAdmin, { id: unit.id, newParentId: tq.id })).rejects.toBeInstanceOf(NotFoundError);
    expect((await unitById(db, unit.id)).path).toBe(unit.path);
  });
});

describe("mergeUnit", () => {
  it("moves children, accounts and roles to the target and closes the unit the day before", async () => {
    const source = await addUnit(hanoiAdmin, "HA-NOI", 2, "Hội cơ sở sáp nhập");
    const target = await addUnit(hanoiAdmin, "HA-NOI", 2, "Hội cơ sở tiếp nhận");
    const child = await createUnit(db, hanoiAdmin, { parentId: source.id, name: "Chi hội con", code: uniqueCode("C"), level: 3 });
    const member = await makeUser(db, { unitCode: source.code, role: "officer" });
    const both = await makeUser(db, { unitCode: "HA-NOI", role: "clerk", roleUnitCode: source.code });
    // `both` already holds clerk at the target: the carried-over role must not be duplicated.
    await db.insert(roleAssignments).values({ userId: both.id, role: "clerk", unitId: target.id });

    const result = await mergeUnit(db, hanoiAdmin, { id: source.id, targetId: target.id, effectiveOn: "2026-09-01", note: "Theo nghị quyết thử" });
    expect(result).toMatchObject({ movedChildren: 1, movedAccounts: 1 });

    const closed = await unitById(db, source.id);
    expect(closed.activeTo).toBe("2026-08-31");
    expect(closed.path).toBe(source.path);
    const movedChild = await unitById(db, child.id);
    expect(movedChild).toMatchObject({ parentId: target.id, path: `${target.path}.${pathLabel(child.id)}` });
    expect((await db.select().from(users).where(eq(users.id, member.id)))[0]!.homeUnitId).toBe(target.id);

    expect(await countRows(db, roleAssignments, eq(roleAssignments.unitId, source.id))).toBe(0);
    expect(await assignmentId(db, member.id, "officer", target.id)).not.toBeNull();
    expect(await countRows(db, roleAssignments, and(eq(roleAssignments.userId, both.id), eq(roleAssignments.unitId, target.id)))).toBe(1);

    const successions = await db.select().from(unitSuccessions).where(eq(unitSuccessions.predecessorId, source.id));
    expect(successions).toEqual([
      expect.objectContaining({ successorId: target.id, kind: "merge", effectiveOn: "2026-09-01", note: "Theo nghị quyết thử" }),
    ]);
    const [audit] = await db.select().from(auditLog).where(and(eq(auditLog.action, "org.mergeUnit"), eq(auditLog.entityId, source.id)));
    expect(audit).toMatchObject({
      actorId: hanoiAdmin.userId,
      unitId: target.id,
      changes: { successor: { to: target.name }, movedChildren: { to: 1 }, movedAccounts: { to: 1 }, movedRoles: { to: 2 } },
    });

    // The member's session now carries the role at the target; the closed unit is gone from it.
    const actor = await loadActor(db, { userId: member.id, sessionVersion: member.sessionVersion });
    expect(actor!.assignments.map((a) => a.unitId)).toEqual([target.id]);

    // The dissolved unit is kept on record: visible with includeDissolved, and linked to its successor.
    const detail = await getUnit(db, hanoiAdmin, target.id);
    expect(detail.predecessors.map((p) => p.id)).toEqual([source.id]);
    const listed = await listUnits(db, hanoiAdmin, { page: 1, pageSize: 500, q: "sáp nhập" });
    expect(listed.rows.map((r) => r.id)).not.toContain(source.id);
    const withDissolved = await listUnits(db, hanoiAdmin, { page: 1, pageSize: 500, q: "sáp nhập", includeDissolved: true });
    expect(withDissolved.rows.map((r) => r.id)).toContain(source.id);
  });

  it("refuses a merge into the unit's own subtree, into a dissolved unit, and of a dissolved unit", async () => {
    const source = await addUnit(hanoiAdmin, "HA-NOI", 2);
    const child = await createUnit(db, hanoiAdmin, { parentId: source.id, name: "Con", code: uniqueCode("C"), level: 3 });
    for (const targetId of [source.id, child.id]) {
      await expect(mergeUnit(db, hanoiAdmin, { id: source.id, targetId, effectiveOn: "2026-09-01", note: "" })).rejects.toMatchObject({
        fieldErrors: { targetId: "unit.mergeSelf" },
      });
    }
    const dissolved = await unitByCode(db, "HA-GIANG-CU");
    await expect(mergeUnit(db, rootAdmin, { id: source.id, targetId: dissolved.id, effectiveOn: "2026-09-01", note: "" })).rejects.toMatchObject({
      fieldErrors: { targetId: "unit.mergeInactive" },
    });
    const tq = await unitByCode(db, "TUYEN-QUANG");
    await expect(mergeUnit(db, rootAdmin, { id: dissolved.id, targetId: tq.id, effectiveOn: "2026-09-01", note: "" })).rejects.toMatchObject({
      messageKey: "unit.inactive",
    });
    expect(await countRows(db, unitSuccessions, eq(unitSuccessions.predecessorId, source.id))).toBe(0);
    expect((await unitById(db, source.id)).activeTo).toBeNull();
  });

  it("a target outside the scope reads as not found", async () => {
    const source = await addUnit(hanoiAdmin, "HA-NOI", 2);
    const tq = await unitByCode(db, "TUYEN-QUANG");
    await expect(mergeUnit(db, hanoiAdmin, { id: source.id, targetId: tq.id, effectiveOn: "2026-09-01", note: "" })).rejects.toBeInstanceOf(NotFoundError);
    expect((await unitById(db, source.id)).activeTo).toBeNull();
  });
});

describe("listUnits", () => {
  it("lists only units in the actor's scope", async () => {
    const hanoi = await unitByCode(db, "HA-NOI");
    const { rows, total } = await listUnits(db, hanoiAdmin, { page: 1, pageSize: 1000 });
    expect(rows).toHaveLength(total);
    const paths = await Promise.all(rows.map(async (r) => (await unitById(db, r.id)).path));
    expect(paths.every((p) => isUnder(p, hanoi.path))).toBe(true);
    const codes = rows.map((r) => r.code);
    expect(codes).toContain("HA-NOI");
    expect(codes).toContain("HA-NOI-BA-DINH-CH1");
    expect(codes).not.toContain("TW");
    expect(codes.some((c) => c.startsWith("TUYEN-QUANG"))).toBe(false);
  });

  it("lists the children of a unit with their own child counts", async () => {
    const hanoi = await unitByCode(db, "HA-NOI");
    const { rows } = await listUnits(db, hanoiAdmin, { page: 1, pageSize: 100, parentId: hanoi.id });
    const hoanKiem = rows.find((r) => r.code === "HA-NOI-HOAN-KIEM");
    expect(hoanKiem).toMatchObject({ level: 2, childCount: 3 });
    expect(rows.every((r) => r.level >= 2)).toBe(true);
    // The children of a unit outside the scope come back empty.
    const tq = await unitByCode(db, "TUYEN-QUANG");
    expect((await listUnits(db, hanoiAdmin, { page: 1, pageSize: 100, parentId: tq.id })).rows).toEqual([]);
  });

  it("orders by level, then by name in Vietnamese order, across pages", async () => {
    const root = await unitByCode(db, "TW");
    const all = await listUnits(db, rootAdmin, { page: 1, pageSize: 500, parentId: root.id });
    const names = all.rows.map((r) => r.name);
    expect(names).toEqual([...names].sort(new Intl.Collator("vi").compare));
    // "Đ" comes after "D" and "Hà" before "Huế", unlike code-point order.
    const hanoi = names.indexOf("Hội Cựu TNXP thành phố Hà Nội");
    expect(hanoi).toBeLessThan(names.indexOf("Hội Cựu TNXP thành phố Huế"));
    expect(names.indexOf("Hội Cựu TNXP thành phố Đà Nẵng")).toBeGreaterThan(names.indexOf("Hội Cựu TNXP thành phố Cần Thơ"));
    // Pages are consecutive slices of that order.
    const pages = await Promise.all([1, 2, 3].map((page) => listUnits(db, rootAdmin, { page, pageSize: 7, parentId: root.id })));
    expect(pages.flatMap((p) => p.rows.map((r) => r.name))).toEqual(names.slice(0, 21));
    expect(pages.every((p) => p.total === all.total)).toBe(true);
  });

  it("searches names with diacritics folded: 'ha noi' finds Hà Nội", async () => {
    for (const q of ["ha noi", "HÀ NỘI", "Hà Nội", "thanh pho ha noi"]) {
      const { rows } = await listUnits(db, rootAdmin, { page: 1, pageSize: 50, q });
      expect(rows.map((r) => r.code), q).toContain("HA-NOI");
    }
    const dongAnh = await listUnits(db, rootAdmin, { page: 1, pageSize: 50, q: "dong anh" });
    expect(dongAnh.rows.map((r) => r.code)).toContain("HA-NOI-DONG-ANH");
    const withD = await listUnits(db, rootAdmin, { page: 1, pageSize: 50, q: "đông anh" });
    expect(withD.rows.map((r) => r.code)).toContain("HA-NOI-DONG-ANH");
  });

  it("searches codes too, and never past the scope", async () => {
    const byCode = await listUnits(db, hanoiAdmin, { page: 1, pageSize: 50, q: "ha-noi-ba" });
    expect(byCode.rows.map((r) => r.code)).toEqual(expect.arrayContaining(["HA-NOI-BA-DINH", "HA-NOI-BA-DINH-CH1"]));
    const tqSearch = await listUnits(db, tqOfficer, { page: 1, pageSize: 50, q: "ha noi" });
    expect(tqSearch.rows).toEqual([]);
    const tqOwn = await listUnits(db, tqOfficer, { page: 1, pageSize: 50, q: "yen son" });
    expect(tqOwn.rows.map((r) => r.code)).toEqual(["TUYEN-QUANG-YEN-SON"]);
  });

  it("leaves dissolved units out unless asked", async () => {
    const active = await listUnits(db, rootAdmin, { page: 1, pageSize: 50, q: "ha giang" });
    expect(active.rows.map((r) => r.code)).not.toContain("HA-GIANG-CU");
    const all = await listUnits(db, rootAdmin, { page: 1, pageSize: 50, q: "ha giang", includeDissolved: true });
    expect(all.rows.map((r) => r.code)).toContain("HA-GIANG-CU");
  });

  it("unit options for pickers follow the permission's scope", async () => {
    const hanoi = await unitByCode(db, "HA-NOI");
    const options = await listUnitOptions(db, hanoiAdmin, "account.manage");
    expect(options.every((o) => isUnder(o.path, hanoi.path))).toBe(true);
    await expect(listUnitOptions(db, tqOfficer, "account.manage")).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("a member holds no unit permission at all", async () => {
    const member = await actorFor(db, "hoivien");
    await expect(listUnits(db, member, { page: 1, pageSize: 10 })).rejects.toBeInstanceOf(ForbiddenError);
  });
});
