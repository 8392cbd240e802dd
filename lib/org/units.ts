import { aliasedTable, and, eq, ilike, inArray, or, sql, type SQL } from "drizzle-orm";
import { roleAssignments, unitSuccessions, units, users, type Unit } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { ConflictError, InvalidInputError, NotFoundError } from "@/lib/auth/errors";
import { inScope, requirePermission, type Scope } from "@/lib/auth/guard";
import type { Permission } from "@/lib/auth/permissions";
import { diff } from "@/lib/audit/mask";
import { recordAudit } from "@/lib/audit/service";
import type { Db } from "@/lib/db";
import { foldVietnamese } from "@/lib/i18n/format";
import { getSettings } from "./settings";
import { compareUnitNames } from "./sort";
import type { CreateUnitInput } from "./schemas";

export const pathLabel = (id: string) => id.replace(/-/g, "");
/** The new path of every unit in a subtree whose root moves from oldPath to newPath. */
function reroot(oldPath: string, newPath: string) {
  // subpath() refuses an offset equal to the path's length, so the subtree root is its own case.
  return sql`case when ${units.path} = ${oldPath}::ltree then ${newPath}::ltree
    else ${newPath}::ltree || subpath(${units.path}, nlevel(${oldPath}::ltree)) end`;
}

const isActive = sql`(${units.activeTo} is null or ${units.activeTo} >= current_date)`;

/** One unit, read only if it lies in the scope: otherwise it simply is not there. */
export async function findUnitInScope(db: Db, id: string, scope: Scope, options: { forUpdate?: boolean } = {}) {
  const query = db.select().from(units).where(and(eq(units.id, id), inScope(units.path, scope))).limit(1);
  const [row] = options.forUpdate ? await query.for("update") : await query;
  if (!row) throw new NotFoundError("unit.notFound");
  return row;
}

/** A search across a whole country returns at most this many units. */
const MAX_LISTED_UNITS = 5000;

export interface UnitListQuery {
  parentId?: string;
  q?: string;
  includeDissolved?: boolean;
  page: number;
  pageSize: number;
}

/** Units in scope: children of one unit, or a search across the whole scope. */
export async function listUnits(db: Db, actor: Actor | null, query: UnitListQuery) {
  const scope = requirePermission(actor, "org.unit.read");
  const filters: SQL[] = [inScope(units.path, scope)];
  if (query.parentId) filters.push(eq(units.parentId, query.parentId));
  if (!query.includeDissolved) filters.push(isActive);
  if (query.q) {
    const q = `%${foldVietnamese(query.q)}%`;
    filters.push(or(sql`lower(unaccent(${units.name})) like ${q}`, ilike(units.code, `%${query.q}%`))!);
  }
  // Vietnamese order needs ICU collations, which PGlite lacks: the (small) list of matching
  // units is ordered here with Intl.Collator("vi"), then one page of them is read in full.
  const matches = await db
    .select({ id: units.id, name: units.name, level: units.level })
    .from(units)
    .where(and(...filters))
    .limit(MAX_LISTED_UNITS);
  matches.sort((a, b) => a.level - b.level || compareUnitNames(a.name, b.name));
  const pageIds = matches.slice((query.page - 1) * query.pageSize, query.page * query.pageSize).map((m) => m.id);
  if (pageIds.length === 0) return { rows: [], total: matches.length };
  // Qualified by hand: drizzle drops the table name from columns in a single-table select.
  const childCount = sql<number>`(select count(*)::int from ${units} c where c.parent_id = "units"."id" and (c.active_to is null or c.active_to >= current_date))`;
  const details = await db
    .select({
      id: units.id,
      name: units.name,
      code: units.code,
      level: units.level,
      activeFrom: units.activeFrom,
      activeTo: units.activeTo,
      childCount,
    })
    .from(units)
    .where(inArray(units.id, pageIds));
  const byId = new Map(details.map((d) => [d.id, d]));
  return { rows: pageIds.map((id) => byId.get(id)!), total: matches.length };
}

/** A unit with its ancestors inside the scope (breadcrumbs), successions and account count. */
export async function getUnit(db: Db, actor: Actor | null, id: string) {
  const scope = requirePermission(actor, "org.unit.read");
  const unit = await findUnitInScope(db, id, scope);
  const predecessor = aliasedTable(units, "predecessor");
  const successor = aliasedTable(units, "successor");
  const [ancestors, successors, predecessors, [accounts]] = await Promise.all([
    db
      .select({ id: units.id, name: units.name })
      .from(units)
      .where(and(sql`${units.path} @> ${unit.path}::ltree`, sql`${units.id} <> ${unit.id}`, inScope(units.path, scope)))
      .orderBy(sql`nlevel(${units.path})`),
    db
      .select({ id: successor.id, name: successor.name, effectiveOn: unitSuccessions.effectiveOn, note: unitSuccessions.note })
      .from(unitSuccessions)
      .innerJoin(successor, eq(successor.id, unitSuccessions.successorId))
      .where(and(eq(unitSuccessions.predecessorId, unit.id), inScope(successor.path, scope))),
    db
      .select({ id: predecessor.id, name: predecessor.name, effectiveOn: unitSuccessions.effectiveOn, note: unitSuccessions.note })
      .from(unitSuccessions)
      .innerJoin(predecessor, eq(predecessor.id, unitSuccessions.predecessorId))
      .where(and(eq(unitSuccessions.successorId, unit.id), inScope(predecessor.path, scope))),
    db.select({ n: sql<number>`count(*)::int` }).from(users).where(eq(users.homeUnitId, unit.id)),
  ]);
  return { unit, ancestors, successors, predecessors, accountCount: accounts?.n ?? 0 };
}

/** Active units where the actor holds a permission, for pickers (never trusted as input). */
export async function listUnitOptions(db: Db, actor: Actor | null, permission: Permission) {
  const scope = requirePermission(actor, permission);
  return db
    .select({ id: units.id, name: units.name, code: units.code, level: units.level, path: units.path })
    .from(units)
    .where(and(inScope(units.path, scope), isActive))
    .orderBy(sql`${units.path}`)
    .limit(2000);
}

async function assertCodeFree(db: Db, code: string, exceptId?: string) {
  const [taken] = await db
    .select({ id: units.id })
    .from(units)
    .where(and(sql`lower(${units.code}) = lower(${code})`, exceptId ? sql`${units.id} <> ${exceptId}` : undefined))
    .limit(1);
  if (taken) throw new ConflictError("unit.codeTaken", { code: "unit.codeTaken" });
}

function assertActive(unit: Unit, field: string) {
  if (unit.activeTo) throw new InvalidInputError({ [field]: "unit.inactive" }, "unit.inactive");
}

export async function createUnit(db: Db, actor: Actor | null, input: CreateUnitInput) {
  const scope = requirePermission(actor, "org.unit.manage");
  return db.transaction(async (tx) => {
    const parent = await findUnitInScope(tx, input.parentId, scope);
    assertActive(parent, "parentId");
    const settings = await getSettings(tx);
    if (input.level <= parent.level) throw new InvalidInputError({ level: "unit.levelBelowParent" });
    if (!settings || input.level >= settings.levelNames.length) throw new InvalidInputError({ level: "unit.levelUnknown" });
    await assertCodeFree(tx, input.code);
    const id = crypto.randomUUID();
    const [created] = await tx
      .insert(units)
      .values({
        id,
        name: input.name,
        code: input.code,
        level: input.level,
        parentId: parent.id,
        path: `${parent.path}.${pathLabel(id)}`,
        ...(input.activeFrom ? { activeFrom: input.activeFrom } : {}),
      })
      .returning();
    await recordAudit(tx, actor, {
      action: "org.createUnit",
      entityType: "unit",
      entityId: id,
      unitId: id,
      changes: { name: { to: input.name }, code: { to: input.code }, level: { to: input.level }, parent: { to: parent.name } },
    });
    return created!;
  });
}

export async function updateUnit(db: Db, actor: Actor | null, input: { id: string; name: string; code: string }) {
  const scope = requirePermission(actor, "org.unit.manage");
  return db.transaction(async (tx) => {
    const unit = await findUnitInScope(tx, input.id, scope, { forUpdate: true });
    assertActive(unit, "name");
    await assertCodeFree(tx, input.code, unit.id);
    const changes = diff(unit, { name: input.name, code: input.code });
    if (Object.keys(changes).length === 0) return unit;
    const [updated] = await tx
      .update(units)
      .set({ name: input.name, code: input.code, updatedAt: new Date() })
      .where(and(eq(units.id, unit.id), inScope(units.path, scope)))
      .returning();
    await recordAudit(tx, actor, { action: "org.updateUnit", entityType: "unit", entityId: unit.id, unitId: unit.id, changes });
    return updated!;
  });
}

/** Re-roots a unit's subtree under a new parent; both must lie in the actor's scope. */
export async function moveUnit(db: Db, actor: Actor | null, input: { id: string; newParentId: string }) {
  const scope = requirePermission(actor, "org.unit.manage");
  return db.transaction(async (tx) => {
    const unit = await findUnitInScope(tx, input.id, scope, { forUpdate: true });
    if (!unit.parentId) throw new InvalidInputError({ newParentId: "unit.moveRoot" });
    assertActive(unit, "newParentId");
    const parent = await findUnitInScope(tx, input.newParentId, scope);
    assertActive(parent, "newParentId");
    if (parent.path === unit.path || parent.path.startsWith(`${unit.path}.`)) {
      throw new InvalidInputError({ newParentId: "unit.moveIntoSelf" });
    }
    if (parent.level >= unit.level) throw new InvalidInputError({ newParentId: "unit.levelBelowParent" });
    if (parent.id === unit.parentId) return unit;
    const [oldParent] = await tx.select({ name: units.name }).from(units).where(eq(units.id, unit.parentId));
    const newPath = `${parent.path}.${pathLabel(unit.id)}`;
    await tx
      .update(units)
      .set({ path: reroot(unit.path, newPath), updatedAt: new Date() })
      .where(sql`${units.path} <@ ${unit.path}::ltree`);
    await tx.update(units).set({ parentId: parent.id }).where(eq(units.id, unit.id));
    await recordAudit(tx, actor, {
      action: "org.moveUnit",
      entityType: "unit",
      entityId: unit.id,
      unitId: unit.id,
      changes: { parent: { from: oldParent?.name, to: parent.name } },
    });
    return { ...unit, parentId: parent.id, path: newPath };
  });
}

/**
 * Merges a unit into a successor: its children and accounts move to the successor, roles held
 * at it move too, and the unit stays on record as dissolved with a succession link.
 */
export async function mergeUnit(
  db: Db,
  actor: Actor | null,
  input: { id: string; targetId: string; effectiveOn: string; note: string },
) {
  const scope = requirePermission(actor, "org.unit.manage");
  return db.transaction(async (tx) => {
    const unit = await findUnitInScope(tx, input.id, scope, { forUpdate: true });
    if (!unit.parentId) throw new InvalidInputError({ targetId: "unit.moveRoot" });
    assertActive(unit, "targetId");
    const target = await findUnitInScope(tx, input.targetId, scope, { forUpdate: true });
    if (target.activeTo) throw new InvalidInputError({ targetId: "unit.mergeInactive" });
    if (target.path === unit.path || target.path.startsWith(`${unit.path}.`)) {
      throw new InvalidInputError({ targetId: "unit.mergeSelf" });
    }
    const children = await tx.select().from(units).where(and(eq(units.parentId, unit.id), isActive));
    for (const child of children) {
      const newPath = `${target.path}.${pathLabel(child.id)}`;
      await tx
        .update(units)
        .set({ path: reroot(child.path, newPath), updatedAt: new Date() })
        .where(sql`${units.path} <@ ${child.path}::ltree`);
      await tx.update(units).set({ parentId: target.id }).where(eq(units.id, child.id));
    }
    const movedUsers = await tx
      .update(users)
      .set({ homeUnitId: target.id, updatedAt: new Date() })
      .where(eq(users.homeUnitId, unit.id))
      .returning({ id: users.id });
    // Roles held at the dissolved unit carry over, unless the person already holds it there.
    const heldRoles = await tx.select().from(roleAssignments).where(eq(roleAssignments.unitId, unit.id));
    if (heldRoles.length > 0) {
      await tx
        .insert(roleAssignments)
        .values(heldRoles.map((r) => ({ userId: r.userId, role: r.role, unitId: target.id })))
        .onConflictDoNothing();
      await tx.delete(roleAssignments).where(inArray(roleAssignments.id, heldRoles.map((r) => r.id)));
    }
    const dayBefore = sql`(${input.effectiveOn}::date - 1)`;
    await tx.update(units).set({ activeTo: dayBefore, updatedAt: new Date() }).where(eq(units.id, unit.id));
    await tx.insert(unitSuccessions).values({
      predecessorId: unit.id,
      successorId: target.id,
      kind: "merge",
      effectiveOn: input.effectiveOn,
      note: input.note,
    });
    await recordAudit(tx, actor, {
      action: "org.mergeUnit",
      entityType: "unit",
      entityId: unit.id,
      unitId: target.id,
      changes: {
        successor: { to: target.name },
        effectiveOn: { to: input.effectiveOn },
        movedChildren: { to: children.length },
        movedAccounts: { to: movedUsers.length },
        movedRoles: { to: heldRoles.length },
      },
    });
    return { unit, target, movedChildren: children.length, movedAccounts: movedUsers.length };
  });
}

/** Public: active provincial-level units and dissolved ones with their successors, for the portal. */
export async function listPublicUnits(db: Db) {
  const successorName = sql<string | null>`(select s.name from ${unitSuccessions} us join ${units} s on s.id = us.successor_id where us.predecessor_id = "units"."id" limit 1)`;
  return db
    .select({ id: units.id, name: units.name, level: units.level, activeTo: units.activeTo, successorName })
    .from(units)
    .where(eq(units.level, 1));
}
