import { and, eq } from "drizzle-orm";
import { memberParticipations, units } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { ConflictError, InvalidInputError, NotFoundError } from "@/lib/auth/errors";
import { requirePermission } from "@/lib/auth/guard";
import { recordAudit } from "@/lib/audit/service";
import type { Db } from "@/lib/db";
import { todayInVietnam } from "@/lib/i18n/format";
import { findMemberInScope } from "./access";

/**
 * A student takes part at school and where they live: one member with a primary unit and a
 * secondary participation, never two records. The primary unit's officers record it; the other
 * unit may be anywhere in the organisation and then sees the member in its lists.
 */
export async function addParticipation(db: Db, actor: Actor | null, input: { memberId: string; unitId: string }) {
  const scope = requirePermission(actor, "member.manage");
  return db.transaction(async (tx) => {
    const { member } = await findMemberInScope(tx, input.memberId, scope);
    const [unit] = await tx.select().from(units).where(eq(units.id, input.unitId));
    if (!unit || unit.activeTo) throw new InvalidInputError({ unitId: "unit.notFound" });
    if (unit.id === member.unitId) throw new InvalidInputError({ unitId: "member.participationPrimary" });
    const [created] = await tx
      .insert(memberParticipations)
      .values({ memberId: member.id, unitId: unit.id, since: todayInVietnam() })
      .onConflictDoNothing()
      .returning();
    if (!created) throw new ConflictError("member.participationExists", { unitId: "member.participationExists" });
    await recordAudit(tx, actor, { action: "member.addParticipation", entityType: "member", entityId: member.id, unitId: member.unitId, changes: { participation: { to: unit.name } } });
    return created;
  });
}

export async function removeParticipation(db: Db, actor: Actor | null, input: { participationId: string }) {
  const scope = requirePermission(actor, "member.manage");
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ id: memberParticipations.id, memberId: memberParticipations.memberId, unitName: units.name })
      .from(memberParticipations)
      .innerJoin(units, eq(units.id, memberParticipations.unitId))
      .where(eq(memberParticipations.id, input.participationId));
    if (!row) throw new NotFoundError("member.notFound");
    // Only the primary unit's side (the member in scope) removes it.
    const { member } = await findMemberInScope(tx, row.memberId, scope);
    await tx.delete(memberParticipations).where(and(eq(memberParticipations.id, row.id), eq(memberParticipations.memberId, member.id)));
    await recordAudit(tx, actor, { action: "member.removeParticipation", entityType: "member", entityId: member.id, unitId: member.unitId, changes: { participation: { from: row.unitName } } });
    return { id: row.id };
  });
}
