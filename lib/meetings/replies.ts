import { and, asc, eq } from "drizzle-orm";
import { meetingInvitations, meetings, units, users } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { ConflictError, InvalidInputError, NotFoundError } from "@/lib/auth/errors";
import { recordAudit } from "@/lib/audit/service";
import type { Db } from "@/lib/db";
import { compareVietnameseNames } from "@/lib/i18n/format";
import { findMeetingFor, requireSignedIn } from "./participation-access";
import type { ReplyInput } from "./participation-schemas";

export type InvitationReplyValue = (typeof meetingInvitations.$inferSelect)["reply"];

/** One's own invitation to a meeting, or null when one is not invited (for the reply panel). */
export async function getMyInvitation(db: Db, actor: Actor | null, meetingId: string) {
  const me = requireSignedIn(actor);
  const [row] = await db
    .select()
    .from(meetingInvitations)
    .where(and(eq(meetingInvitations.meetingId, meetingId), eq(meetingInvitations.userId, me.userId)));
  return row ?? null;
}

/**
 * The invited person answers for themself: attend, decline, or send a deputy (named). Nobody
 * answers for another: someone else's invitation, like a meeting one is not invited to, is
 * "not found". A cancelled meeting or one that has ended takes no more replies.
 */
export async function replyToInvitation(db: Db, actor: Actor | null, input: ReplyInput, now: Date = new Date()) {
  const me = requireSignedIn(actor);
  const deputyName = input.reply === "deputy" ? input.deputyName.trim() : "";
  if (input.reply === "deputy" && !deputyName) throw new InvalidInputError({ deputyName: "meetingReply.deputyNameRequired" });
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ invitation: meetingInvitations, status: meetings.status, endsAt: meetings.endsAt, unitId: meetings.unitId })
      .from(meetingInvitations)
      .innerJoin(meetings, eq(meetings.id, meetingInvitations.meetingId))
      .where(and(eq(meetingInvitations.meetingId, input.meetingId), eq(meetingInvitations.userId, me.userId)))
      .for("update", { of: meetingInvitations });
    if (!row) throw new NotFoundError("meetingParticipation.notFound");
    if (row.status === "cancelled") throw new ConflictError("meetingReply.cancelled");
    if (row.endsAt <= now) throw new ConflictError("meetingReply.finished");
    const [updated] = await tx
      .update(meetingInvitations)
      .set({ reply: input.reply, deputyName, note: input.note, repliedAt: now })
      .where(and(eq(meetingInvitations.meetingId, input.meetingId), eq(meetingInvitations.userId, me.userId)))
      .returning();
    await recordAudit(tx, me, {
      action: "meeting.reply",
      entityType: "meeting",
      entityId: input.meetingId,
      unitId: row.unitId,
      changes: {
        reply: { from: row.invitation.reply, to: input.reply },
        ...(deputyName !== row.invitation.deputyName ? { deputyName: { from: row.invitation.deputyName, to: deputyName } } : {}),
      },
    });
    return updated!;
  });
}

export interface InvitationRow {
  userId: string;
  fullName: string;
  unitName: string;
  reply: InvitationReplyValue;
  deputyName: string;
  note: string;
  repliedAt: Date | null;
  attended: boolean | null;
}

export interface InvitationCounts {
  total: number;
  pending: number;
  attend: number;
  decline: number;
  deputy: number;
  /** From the attendance taken: present, absent, not yet marked. */
  present: number;
  absent: number;
  unmarked: number;
}

export function countInvitations(rows: Pick<InvitationRow, "reply" | "attended">[]): InvitationCounts {
  const counts: InvitationCounts = { total: rows.length, pending: 0, attend: 0, decline: 0, deputy: 0, present: 0, absent: 0, unmarked: 0 };
  for (const row of rows) {
    counts[row.reply] += 1;
    if (row.attended === true) counts.present += 1;
    else if (row.attended === false) counts.absent += 1;
    else counts.unmarked += 1;
  }
  return counts;
}

/** The invitations with each reply, in Vietnamese name order: for the chair and those who may read the unit's meetings. */
export async function listInvitations(db: Db, actor: Actor | null, meetingId: string) {
  const access = await findMeetingFor(db, actor, meetingId, "meeting.read");
  const invitations = await invitationRows(db, meetingId);
  return { meeting: access.meeting, isChair: access.isChair, invitations, counts: countInvitations(invitations) };
}

/** Every invitation of a meeting with the person's name and home unit (callers check access). */
export async function invitationRows(db: Db, meetingId: string): Promise<InvitationRow[]> {
  const rows = await db
    .select({
      userId: meetingInvitations.userId,
      fullName: users.fullName,
      unitName: units.name,
      reply: meetingInvitations.reply,
      deputyName: meetingInvitations.deputyName,
      note: meetingInvitations.note,
      repliedAt: meetingInvitations.repliedAt,
      attended: meetingInvitations.attended,
    })
    .from(meetingInvitations)
    .innerJoin(users, eq(users.id, meetingInvitations.userId))
    .innerJoin(units, eq(units.id, users.homeUnitId))
    .where(eq(meetingInvitations.meetingId, meetingId))
    .orderBy(asc(users.fullName));
  return rows.sort((a, b) => compareVietnameseNames(a.fullName, b.fullName));
}
