import { and, eq, sql } from "drizzle-orm";
import { members, units, type Member } from "@/db/schema";
import { NotFoundError } from "@/lib/auth/errors";
import { inScope, type Scope } from "@/lib/auth/guard";
import type { Db } from "@/lib/db";
import { outer } from "@/lib/db/sql";

/** A member whose primary unit lies in the scope; any other reads as "not found". */
export async function findMemberInScope(db: Db, id: string, scope: Scope, options: { forUpdate?: boolean } = {}) {
  const query = db
    .select({ member: members, unitPath: units.path, unitName: units.name })
    .from(members)
    .innerJoin(units, eq(units.id, members.unitId))
    .where(and(eq(members.id, id), inScope(units.path, scope)))
    .limit(1);
  const [row] = options.forUpdate ? await query.for("update", { of: members }) : await query;
  if (!row) throw new NotFoundError("member.notFound");
  return row as { member: Member; unitPath: string; unitName: string };
}

/** Whoever holds the root sees every member. */
export function seesEveryMember(scope: Scope): boolean {
  return scope.paths.some((p) => !p.includes("."));
}

/** Members visible from a scope: by primary unit, by a secondary participation, or on their way in. */
export function memberVisibleIn(scope: Scope) {
  // No need to make the planner weigh three subqueries for the root.
  if (seesEveryMember(scope)) return sql`true`;
  return sql`(
    exists (select 1 from ${units} u where u.id = ${outer(members.unitId)} and ${inScope(sql`u.path`, scope)})
    or exists (select 1 from member_participations p join ${units} u on u.id = p.unit_id where p.member_id = ${outer(members.id)} and ${inScope(sql`u.path`, scope)})
    or exists (select 1 from member_transfers tr join ${units} u on u.id = tr.to_unit_id where tr.member_id = ${outer(members.id)} and tr.status = 'pending' and ${inScope(sql`u.path`, scope)})
  )`;
}
