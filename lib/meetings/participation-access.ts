import { and, eq, or } from "drizzle-orm";
import { meetings, units, type Meeting } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { ForbiddenError, NotFoundError, UnauthenticatedError } from "@/lib/auth/errors";
import { holdsPermission, inScope, requirePermission } from "@/lib/auth/guard";
import type { Db } from "@/lib/db";

/** A signed-in account that may act (not one that must first replace its password). */
export function requireSignedIn(actor: Actor | null): Actor {
  if (!actor) throw new UnauthenticatedError();
  if (actor.mustChangePassword) throw new ForbiddenError();
  return actor;
}

export interface MeetingAccess {
  meeting: Meeting;
  unitPath: string;
  unitName: string;
  unitCode: string;
  unitParentId: string | null;
  isChair: boolean;
}

/**
 * The meeting, if the actor chairs it or holds the permission over its unit (the scope is in the
 * WHERE); any other meeting reads as "not found", as if it did not exist.
 */
export async function findMeetingFor(
  db: Db,
  actor: Actor | null,
  meetingId: string,
  permission: "meeting.read" | "meeting.manage",
): Promise<MeetingAccess> {
  const me = requireSignedIn(actor);
  const chairs = eq(meetings.chairId, me.userId);
  const access = holdsPermission(me, permission) ? or(chairs, inScope(units.path, requirePermission(me, permission))) : chairs;
  const [row] = await db
    .select({ meeting: meetings, unitPath: units.path, unitName: units.name, unitCode: units.code, unitParentId: units.parentId })
    .from(meetings)
    .innerJoin(units, eq(units.id, meetings.unitId))
    .where(and(eq(meetings.id, meetingId), access))
    .limit(1);
  if (!row) throw new NotFoundError("meetingParticipation.notFound");
  return { ...row, isChair: row.meeting.chairId === me.userId };
}
