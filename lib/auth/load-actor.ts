import { and, asc, eq, isNull, or, sql } from "drizzle-orm";
import { roleAssignments, units, users } from "@/db/schema";
import type { Db } from "@/lib/db";
import type { Actor, ActorRole } from "./actor";

/**
 * Builds the actor from what the session token claims, re-checked against the database on every
 * request: a disabled account or an outdated session version gives no actor at all.
 */
export async function loadActor(
  db: Db,
  claims: { userId: string; sessionVersion: number },
  options: { activeUnitId?: string | null; ip?: string | null } = {},
): Promise<Actor | null> {
  const [user] = await db.select().from(users).where(eq(users.id, claims.userId)).limit(1);
  if (!user || user.disabledAt || user.sessionVersion !== claims.sessionVersion) return null;

  const assignments: ActorRole[] = await db
    .select({ role: roleAssignments.role, unitId: units.id, unitPath: units.path, unitName: units.name })
    .from(roleAssignments)
    .innerJoin(units, eq(units.id, roleAssignments.unitId))
    .where(
      and(
        eq(roleAssignments.userId, user.id),
        or(isNull(units.activeTo), sql`${units.activeTo} >= current_date`),
      ),
    )
    .orderBy(sql`nlevel(${units.path})`, asc(units.name), asc(roleAssignments.role));

  const unitIds = [...new Set(assignments.map((a) => a.unitId))];
  const activeUnitId =
    options.activeUnitId && unitIds.includes(options.activeUnitId) ? options.activeUnitId : (unitIds[0] ?? null);
  return {
    userId: user.id,
    username: user.username,
    fullName: user.fullName,
    homeUnitId: user.homeUnitId,
    mustChangePassword: user.mustChangePassword,
    roles: assignments.filter((a) => a.unitId === activeUnitId),
    assignments,
    activeUnitId,
    ip: options.ip ?? null,
  };
}
