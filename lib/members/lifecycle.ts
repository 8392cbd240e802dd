import { and, eq, inArray, sql } from "drizzle-orm";
import { memberEvaluations, memberEvents, members, memberTransfers, units } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { ConflictError, InvalidInputError, NotFoundError } from "@/lib/auth/errors";
import { inScope, requirePermission } from "@/lib/auth/guard";
import { recordAudit } from "@/lib/audit/service";
import type { Db } from "@/lib/db";
import { todayInVietnam } from "@/lib/i18n/format";
import { findUnitInScope } from "@/lib/org/units";
import { findMemberInScope } from "./access";
import type { EVALUATION_LEVELS, EXIT_KINDS } from "./schemas";
import { outer } from "@/lib/db/sql";

/** Active members of a unit's subtree among the given ids: all of them, or the call is refused. */
async function activeMembersUnder(db: Db, ids: string[], unitPath: string) {
  const rows = await db
    .select({ id: members.id, unitId: members.unitId })
    .from(members)
    .innerJoin(units, eq(units.id, members.unitId))
    .where(and(inArray(members.id, ids), eq(members.status, "active"), sql`${units.path} <@ ${unitPath}::ltree`))
    .for("update", { of: members });
  if (rows.length !== new Set(ids).size) throw new NotFoundError("member.notFound");
  return rows;
}

/** A year's results for members of one unit, entered together; a second entry for a year replaces the first. */
export async function recordEvaluations(
  db: Db,
  actor: Actor | null,
  input: { unitId: string; year: number; results: { memberId: string; level: (typeof EVALUATION_LEVELS)[number] }[] },
) {
  const scope = requirePermission(actor, "member.manage");
  return db.transaction(async (tx) => {
    const unit = await findUnitInScope(tx, input.unitId, scope);
    const found = await activeMembersUnder(tx, input.results.map((r) => r.memberId), unit.path);
    const unitOf = new Map(found.map((m) => [m.id, m.unitId]));
    const today = todayInVietnam();
    for (const result of input.results) {
      await tx
        .insert(memberEvaluations)
        .values({ memberId: result.memberId, year: input.year, level: result.level, unitId: unitOf.get(result.memberId)! })
        .onConflictDoUpdate({ target: [memberEvaluations.memberId, memberEvaluations.year], set: { level: result.level } });
    }
    await tx.insert(memberEvents).values(
      input.results.map((r) => ({
        memberId: r.memberId,
        kind: "evaluated" as const,
        occurredOn: today,
        unitId: unitOf.get(r.memberId)!,
        actorId: actor!.userId,
        details: { year: input.year, level: r.level },
      })),
    );
    await recordAudit(tx, actor, {
      action: "member.recordEvaluations",
      entityType: "unit",
      entityId: unit.id,
      unitId: unit.id,
      changes: { year: { to: input.year }, count: { to: input.results.length } },
    });
    return { count: input.results.length };
  });
}

/** Active members of a unit's subtree with their result for the year, for entering a year's evaluation. */
export async function listEvaluationSheet(db: Db, actor: Actor | null, input: { unitId: string; year: number }) {
  const scope = requirePermission(actor, "member.manage");
  const unit = await findUnitInScope(db, input.unitId, scope);
  return db
    .select({ id: members.id, fullName: members.fullName, unitName: units.name, level: memberEvaluations.level })
    .from(members)
    .innerJoin(units, eq(units.id, members.unitId))
    .leftJoin(memberEvaluations, and(eq(memberEvaluations.memberId, members.id), eq(memberEvaluations.year, input.year)))
    .where(and(sql`${units.path} <@ ${unit.path}::ltree`, eq(members.status, "active")))
    .orderBy(sql`${members.sortKey} collate "C"`)
    .limit(500);
}

/** Leaving the organisation in one of its ways, for one member or a whole list (e.g. turning 30). */
export async function recordExit(
  db: Db,
  actor: Actor | null,
  input: { memberIds: string[]; kind: (typeof EXIT_KINDS)[number]; occurredOn: string; reason: string },
) {
  const scope = requirePermission(actor, "member.manage");
  return db.transaction(async (tx) => {
    const found: { id: string; unitId: string }[] = [];
    for (const id of new Set(input.memberIds)) {
      const { member } = await findMemberInScope(tx, id, scope, { forUpdate: true });
      if (member.status !== "active") throw new InvalidInputError({ memberIds: "member.notActive" }, "member.notActive");
      found.push({ id: member.id, unitId: member.unitId });
    }
    await tx
      .update(members)
      .set({ status: input.kind, statusSince: input.occurredOn, version: sql`${members.version} + 1`, updatedAt: new Date() })
      .where(inArray(members.id, found.map((m) => m.id)));
    await tx.insert(memberEvents).values(
      found.map((m) => ({ memberId: m.id, kind: input.kind, occurredOn: input.occurredOn, unitId: m.unitId, reason: input.reason, actorId: actor!.userId })),
    );
    for (const m of found) {
      await recordAudit(tx, actor, {
        action: "member.recordExit",
        entityType: "member",
        entityId: m.id,
        unitId: m.unitId,
        changes: { status: { from: "active", to: input.kind }, reason: { to: input.reason } },
      });
    }
    return { count: found.length };
  });
}

/** Active members of the actor's units who turn 30 in the given year (Youth Union maturing out). */
export async function listTurningAge(db: Db, actor: Actor | null, input: { year: number; age?: number }) {
  const scope = requirePermission(actor, "member.read");
  return db
    .select({ id: members.id, fullName: members.fullName, birthDate: members.birthDate, unitName: units.name })
    .from(members)
    .innerJoin(units, eq(units.id, members.unitId))
    .where(
      and(
        inScope(units.path, scope),
        eq(members.status, "active"),
        sql`extract(year from ${members.birthDate}) = ${input.year - (input.age ?? 30)}`,
      ),
    )
    .orderBy(sql`${members.sortKey} collate "C"`)
    .limit(2000);
}

/**
 * The sending unit starts a transfer: the member is "in transit", still counted at the sending
 * unit and already visible to the receiving one, until the receiving unit accepts or rejects.
 */
export async function requestTransfer(db: Db, actor: Actor | null, input: { memberId: string; toUnitId: string; reason: string }) {
  const scope = requirePermission(actor, "member.manage");
  return db.transaction(async (tx) => {
    const { member } = await findMemberInScope(tx, input.memberId, scope, { forUpdate: true });
    if (member.status !== "active") throw new InvalidInputError({ memberId: "member.notActive" }, "member.notActive");
    // The receiving unit may be anywhere in the organisation: only its name is shown to the sender.
    const [target] = await tx.select().from(units).where(eq(units.id, input.toUnitId));
    if (!target || target.activeTo) throw new InvalidInputError({ toUnitId: "unit.notFound" });
    if (target.id === member.unitId) throw new InvalidInputError({ toUnitId: "member.transferSameUnit" });
    const [transfer] = await tx
      .insert(memberTransfers)
      .values({ memberId: member.id, fromUnitId: member.unitId, toUnitId: target.id, reason: input.reason, requestedBy: actor!.userId })
      .returning();
    await tx.update(members).set({ status: "in_transit", version: sql`${members.version} + 1`, updatedAt: new Date() }).where(eq(members.id, member.id));
    await tx.insert(memberEvents).values({
      memberId: member.id, kind: "transfer_requested", occurredOn: todayInVietnam(), unitId: member.unitId, otherUnitId: target.id, reason: input.reason, actorId: actor!.userId,
    });
    await recordAudit(tx, actor, {
      action: "member.requestTransfer", entityType: "member", entityId: member.id, unitId: member.unitId, changes: { toUnit: { to: target.name } },
    });
    return transfer!;
  });
}

/** The receiving unit accepts (placing the member in one of its units) or rejects the transfer. */
export async function decideTransfer(
  db: Db,
  actor: Actor | null,
  input: { transferId: string; accept: boolean; placeUnitId: string | null; note: string },
) {
  const scope = requirePermission(actor, "member.manage");
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ transfer: memberTransfers, toPath: units.path })
      .from(memberTransfers)
      .innerJoin(units, eq(units.id, memberTransfers.toUnitId))
      .where(and(eq(memberTransfers.id, input.transferId), inScope(units.path, scope)))
      .for("update", { of: memberTransfers });
    if (!row) throw new NotFoundError("member.transferNotFound");
    if (row.transfer.status !== "pending") throw new ConflictError("member.transferDecided");
    let placeId = row.transfer.toUnitId;
    if (input.accept && input.placeUnitId) {
      const place = await findUnitInScope(tx, input.placeUnitId, scope);
      if (!(place.path === row.toPath || place.path.startsWith(`${row.toPath}.`)) || place.activeTo) {
        throw new InvalidInputError({ placeUnitId: "member.placeOutside" });
      }
      placeId = place.id;
    }
    const today = todayInVietnam();
    await tx
      .update(memberTransfers)
      .set({ status: input.accept ? "accepted" : "rejected", decidedBy: actor!.userId, decidedAt: new Date(), decisionNote: input.note })
      .where(eq(memberTransfers.id, row.transfer.id));
    await tx
      .update(members)
      .set({
        status: "active",
        ...(input.accept ? { unitId: placeId, statusSince: today } : {}),
        version: sql`${members.version} + 1`,
        updatedAt: new Date(),
      })
      .where(eq(members.id, row.transfer.memberId));
    await tx.insert(memberEvents).values({
      memberId: row.transfer.memberId,
      kind: input.accept ? "transfer_accepted" : "transfer_rejected",
      occurredOn: today,
      unitId: input.accept ? placeId : row.transfer.fromUnitId,
      otherUnitId: input.accept ? row.transfer.fromUnitId : row.transfer.toUnitId,
      reason: input.note,
      actorId: actor!.userId,
    });
    await recordAudit(tx, actor, {
      action: "member.decideTransfer",
      entityType: "member",
      entityId: row.transfer.memberId,
      unitId: row.transfer.toUnitId,
      changes: { decision: { to: input.accept ? "accepted" : "rejected" } },
    });
    return { memberId: row.transfer.memberId };
  });
}

/** Pending transfers into the actor's units and out of them. */
export async function listPendingTransfers(db: Db, actor: Actor | null) {
  const scope = requirePermission(actor, "member.read");
  const rows = await db
    .select({
      id: memberTransfers.id,
      memberId: members.id,
      fullName: members.fullName,
      fromUnitId: memberTransfers.fromUnitId,
      toUnitId: memberTransfers.toUnitId,
      reason: memberTransfers.reason,
      requestedAt: memberTransfers.requestedAt,
      fromName: sql<string>`(select name from units f where f.id = ${outer(memberTransfers.fromUnitId)})`,
      toName: sql<string>`(select name from units t where t.id = ${outer(memberTransfers.toUnitId)})`,
      incoming: sql<boolean>`exists (select 1 from units t where t.id = ${memberTransfers.toUnitId} and ${inScope(sql`t.path`, scope)})`,
      outgoing: sql<boolean>`exists (select 1 from units f where f.id = ${memberTransfers.fromUnitId} and ${inScope(sql`f.path`, scope)})`,
    })
    .from(memberTransfers)
    .innerJoin(members, eq(members.id, memberTransfers.memberId))
    .where(eq(memberTransfers.status, "pending"))
    .orderBy(memberTransfers.requestedAt);
  return rows.filter((r) => r.incoming || r.outgoing);
}
