import { and, desc, eq, sql } from "drizzle-orm";
import { memberCorrections, memberEvents, members, units } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { ConflictError, InvalidInputError, NotFoundError } from "@/lib/auth/errors";
import { inScope, requireActor, requirePermission } from "@/lib/auth/guard";
import { recordAudit } from "@/lib/audit/service";
import type { Db } from "@/lib/db";
import { foldVietnamese, todayInVietnam } from "@/lib/i18n/format";
import { personNameSortKey } from "@/lib/i18n/sort-key";
import { memberFields } from "./schemas";

/** Fields a member may ask to have corrected in their own record. */
export const CORRECTABLE_FIELDS = ["fullName", "birthDate", "hometown", "currentAddress", "phone", "email", "education", "qualification", "occupation"] as const;
export type CorrectableField = (typeof CORRECTABLE_FIELDS)[number];

/** The signed-in person's own member record (their account is linked to it), with their requests. */
export async function getOwnRecord(db: Db, actor: Actor | null) {
  const self = requireActor(actor);
  const [row] = await db
    .select({ member: members, unitName: units.name })
    .from(members)
    .innerJoin(units, eq(units.id, members.unitId))
    .where(eq(members.userId, self.userId));
  if (!row) return null;
  const requests = await db.select().from(memberCorrections).where(eq(memberCorrections.memberId, row.member.id)).orderBy(desc(memberCorrections.requestedAt));
  await recordAudit(db, self, { action: "member.viewOwn", entityType: "member", entityId: row.member.id, unitId: row.member.unitId });
  return { ...row, requests };
}

export async function requestCorrection(db: Db, actor: Actor | null, input: { changes: Partial<Record<CorrectableField, string>>; note: string }) {
  const self = requireActor(actor);
  const changes = Object.fromEntries(Object.entries(input.changes).filter(([, v]) => v !== undefined && v !== "")) as Record<string, string>;
  if (Object.keys(changes).length === 0) throw new InvalidInputError({ note: "member.correctionEmpty" }, "member.correctionEmpty");
  // Each proposed value must be valid on its own, as the officer would have to enter it.
  const check = memberFields.pick(Object.fromEntries(Object.keys(changes).map((k) => [k, true])) as never).safeParse(changes);
  if (!check.success) {
    throw new InvalidInputError(Object.fromEntries(check.error.issues.map((i) => [`changes.${String(i.path[0])}`, i.message])) as never);
  }
  return db.transaction(async (tx) => {
    const [member] = await tx.select({ id: members.id, unitId: members.unitId }).from(members).where(eq(members.userId, self.userId));
    if (!member) throw new NotFoundError("member.notFound");
    const [created] = await tx.insert(memberCorrections).values({ memberId: member.id, changes, note: input.note }).returning();
    await recordAudit(tx, self, { action: "member.requestCorrection", entityType: "member", entityId: member.id, unitId: member.unitId, changes: Object.fromEntries(Object.entries(changes).map(([k, v]) => [k, { to: v }])) });
    return created!;
  });
}

/** Pending correction requests of members of the actor's units. */
export async function listPendingCorrections(db: Db, actor: Actor | null, memberId?: string) {
  const scope = requirePermission(actor, "member.manage");
  return db
    .select({ id: memberCorrections.id, memberId: members.id, fullName: members.fullName, changes: memberCorrections.changes, note: memberCorrections.note, requestedAt: memberCorrections.requestedAt })
    .from(memberCorrections)
    .innerJoin(members, eq(members.id, memberCorrections.memberId))
    .innerJoin(units, eq(units.id, members.unitId))
    .where(and(eq(memberCorrections.status, "pending"), inScope(units.path, scope), memberId ? eq(members.id, memberId) : undefined))
    .orderBy(memberCorrections.requestedAt);
}

/** An officer of the member's unit approves (the changes are applied) or declines a request. */
export async function decideCorrection(db: Db, actor: Actor | null, input: { correctionId: string; approve: boolean }) {
  const scope = requirePermission(actor, "member.manage");
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ correction: memberCorrections, member: members })
      .from(memberCorrections)
      .innerJoin(members, eq(members.id, memberCorrections.memberId))
      .innerJoin(units, eq(units.id, members.unitId))
      .where(and(eq(memberCorrections.id, input.correctionId), inScope(units.path, scope)))
      .for("update", { of: [memberCorrections, members] });
    if (!row) throw new NotFoundError("member.correctionNotFound");
    if (row.correction.status !== "pending") throw new ConflictError("member.correctionDecided");
    await tx
      .update(memberCorrections)
      .set({ status: input.approve ? "approved" : "declined", decidedBy: actor!.userId, decidedAt: new Date() })
      .where(eq(memberCorrections.id, row.correction.id));
    if (input.approve) {
      const changes = row.correction.changes;
      const names = changes.fullName ? { nameFolded: foldVietnamese(changes.fullName), sortKey: personNameSortKey(changes.fullName) } : {};
      await tx
        .update(members)
        .set({ ...changes, ...names, version: sql`${members.version} + 1`, updatedAt: new Date() })
        .where(eq(members.id, row.member.id));
      await tx.insert(memberEvents).values({
        memberId: row.member.id, kind: "correction_approved", occurredOn: todayInVietnam(), unitId: row.member.unitId, actorId: actor!.userId, details: { fields: Object.keys(changes) },
      });
    }
    await recordAudit(tx, actor, {
      action: "member.decideCorrection",
      entityType: "member",
      entityId: row.member.id,
      unitId: row.member.unitId,
      changes: Object.fromEntries(Object.entries(row.correction.changes).map(([k, v]) => [k, { from: row.member[k as CorrectableField], to: input.approve ? v : row.member[k as CorrectableField] }])),
    });
    return { memberId: row.member.id };
  });
}
