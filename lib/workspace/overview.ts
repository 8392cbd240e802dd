import { and, eq, gte, inArray, isNull, sql } from "drizzle-orm";
import { mailOutbox, units, users } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { holdsPermission, holdsPermissionAtRoot, inScope, requirePermission } from "@/lib/auth/guard";
import { listAuditEntries } from "@/lib/audit/service";
import type { Db } from "@/lib/db";
import { todayInVietnam } from "@/lib/i18n/format";

/** The figures on a role's home page: each one only when the role may see it, counted in scope. */
export async function workspaceOverview(db: Db, actor: Actor) {
  const result: {
    unitCount?: number;
    accountCount?: number;
    deniedToday?: number;
    outboxWaiting?: number;
    recent?: Awaited<ReturnType<typeof listAuditEntries>>["rows"];
  } = {};
  if (holdsPermission(actor, "org.unit.read")) {
    const scope = requirePermission(actor, "org.unit.read");
    const [row] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(units)
      .where(and(inScope(units.path, scope), isNull(units.activeTo)));
    result.unitCount = row?.n ?? 0;
  }
  if (holdsPermission(actor, "account.read")) {
    const scope = requirePermission(actor, "account.read");
    const [row] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(users)
      .innerJoin(units, eq(units.id, users.homeUnitId))
      .where(and(inScope(units.path, scope), isNull(users.disabledAt)));
    result.accountCount = row?.n ?? 0;
  }
  if (holdsPermission(actor, "audit.read")) {
    const today = todayInVietnam();
    const [denied, recent] = await Promise.all([
      listAuditEntries(db, actor, { page: 1, pageSize: 1, outcome: "denied", from: today, to: today }),
      listAuditEntries(db, actor, { page: 1, pageSize: 5 }),
    ]);
    result.deniedToday = denied.total;
    result.recent = recent.rows;
  }
  if (holdsPermissionAtRoot(actor, "mail.outbox.read")) {
    const [row] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(mailOutbox)
      .where(and(inArray(mailOutbox.status, ["kept", "queued", "failed"]), gte(mailOutbox.createdAt, sql`now() - interval '30 days'`)));
    result.outboxWaiting = row?.n ?? 0;
  }
  const [me] = await db.select({ lastSignInAt: users.lastSignInAt }).from(users).where(eq(users.id, actor.userId));
  return { ...result, lastSignInAt: me?.lastSignInAt ?? null };
}
