import { and, desc, eq, gte, ilike, lte, or, sql, type SQL } from "drizzle-orm";
import { auditLog, units, users } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { inScope, requirePermission } from "@/lib/auth/guard";
import type { Db } from "@/lib/db";
import { maskChanges } from "./mask";

export interface AuditRecord {
  action: string;
  entityType: string;
  entityId?: string | null;
  unitId?: string | null;
  changes?: Record<string, { from?: unknown; to?: unknown }>;
  outcome?: "ok" | "denied";
}

/** Appends one entry; call it inside the transaction of the write it describes. */
export async function recordAudit(db: Db, actor: Actor | null, record: AuditRecord) {
  await db.insert(auditLog).values({
    actorId: actor?.userId ?? null,
    actorName: actor ? `${actor.fullName} (${actor.username})` : "—",
    unitId: record.unitId ?? null,
    action: record.action,
    entityType: record.entityType,
    entityId: record.entityId ?? null,
    changes: maskChanges(record.changes ?? {}),
    ip: actor?.ip ?? null,
    outcome: record.outcome ?? "ok",
  });
}

export interface AuditQuery {
  page: number;
  pageSize: number;
  action?: string;
  actor?: string;
  outcome?: "ok" | "denied";
  from?: string;
  to?: string;
}

/**
 * Entries about units in the actor's scope, or made by accounts whose home unit is in scope.
 * Entries with no unit (sign-ins of unknown accounts) are visible only from the root.
 */
export async function listAuditEntries(db: Db, actor: Actor | null, query: AuditQuery) {
  const scope = requirePermission(actor, "audit.read");
  const filters: SQL[] = [
    or(
      sql`${auditLog.unitId} in (select ${units.id} from ${units} where ${inScope(units.path, scope)})`,
      sql`${auditLog.actorId} in (select ${users.id} from ${users} join ${units} on ${units.id} = ${users.homeUnitId} where ${inScope(units.path, scope)})`,
      and(sql`${auditLog.unitId} is null`, sql`exists (select 1 from ${units} where ${units.parentId} is null and ${inScope(units.path, scope)})`),
    )!,
  ];
  if (query.action) filters.push(ilike(auditLog.action, `%${query.action}%`));
  if (query.actor) filters.push(ilike(auditLog.actorName, `%${query.actor}%`));
  if (query.outcome) filters.push(eq(auditLog.outcome, query.outcome));
  if (query.from) filters.push(gte(auditLog.at, new Date(`${query.from}T00:00:00+07:00`)));
  if (query.to) filters.push(lte(auditLog.at, new Date(`${query.to}T23:59:59.999+07:00`)));
  const where = and(...filters);
  const [rows, [{ total } = { total: 0 }]] = await Promise.all([
    db
      .select({
        id: auditLog.id,
        at: auditLog.at,
        actorName: auditLog.actorName,
        unitName: units.name,
        action: auditLog.action,
        entityType: auditLog.entityType,
        entityId: auditLog.entityId,
        changes: auditLog.changes,
        ip: auditLog.ip,
        outcome: auditLog.outcome,
      })
      .from(auditLog)
      .leftJoin(units, eq(units.id, auditLog.unitId))
      .where(where)
      .orderBy(desc(auditLog.at), desc(auditLog.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ total: sql<number>`count(*)::int` }).from(auditLog).where(where),
  ]);
  return { rows, total };
}
