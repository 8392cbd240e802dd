import { and, eq, inArray } from "drizzle-orm";
import { meetingInvitations } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { ConflictError, InvalidInputError } from "@/lib/auth/errors";
import { recordAudit } from "@/lib/audit/service";
import type { Db } from "@/lib/db";
import { formatDateTime, todayInVietnam } from "@/lib/i18n/format";
import { findMeetingFor } from "./participation-access";
import type { AttendanceInput } from "./participation-schemas";

/** Attendance opens this long before the start (people arrive early). */
export const ATTENDANCE_OPENS_BEFORE_MINUTES = 30;

/**
 * When attendance may be taken: from 30 minutes before the start until the end of the day after
 * the meeting ends (Vietnam's calendar), so a secretary can still correct it the next day.
 */
export function attendanceWindow(meeting: { startsAt: Date; endsAt: Date }): { opensAt: Date; closesAt: Date } {
  const opensAt = new Date(meeting.startsAt.getTime() - ATTENDANCE_OPENS_BEFORE_MINUTES * 60_000);
  const endDay = todayInVietnam(meeting.endsAt);
  // Midnight at the start of the second day after the end day, in Vietnam (UTC+7, no daylight saving).
  const closesAt = new Date(new Date(`${endDay}T00:00:00+07:00`).getTime() + 2 * 86_400_000);
  return { opensAt, closesAt };
}

/** Where now lies against the window: for the attendance panel (the service checks again). */
export function attendanceWindowState(meeting: { startsAt: Date; endsAt: Date }, now: Date = new Date()): "before" | "open" | "closed" {
  const { opensAt, closesAt } = attendanceWindow(meeting);
  return now < opensAt ? "before" : now >= closesAt ? "closed" : "open";
}

/**
 * The chair, or whoever holds meeting.manage over the meeting's unit, marks who is present and
 * who is absent. Everyone named must be invited; those not named keep what they had.
 */
export async function takeAttendance(db: Db, actor: Actor | null, input: AttendanceInput, now: Date = new Date()) {
  const { meeting } = await findMeetingFor(db, actor, input.meetingId, "meeting.manage");
  if (meeting.status === "cancelled") throw new ConflictError("meetingAttendance.cancelled");
  const { opensAt, closesAt } = attendanceWindow(meeting);
  if (now < opensAt) throw new ConflictError("meetingAttendance.tooEarly", {}, { values: { time: formatDateTime(opensAt) } });
  if (now >= closesAt) throw new ConflictError("meetingAttendance.closed");
  const named = [...new Set([...input.present, ...input.absent])];
  return db.transaction(async (tx) => {
    const invited = named.length
      ? await tx
          .select({ userId: meetingInvitations.userId })
          .from(meetingInvitations)
          .where(and(eq(meetingInvitations.meetingId, meeting.id), inArray(meetingInvitations.userId, named)))
          .for("update")
      : [];
    if (invited.length !== named.length) throw new InvalidInputError({ present: "meetingAttendance.notInvited" }, "meetingAttendance.notInvited");
    const mark = async (userIds: string[], attended: boolean) => {
      if (userIds.length === 0) return;
      await tx
        .update(meetingInvitations)
        .set({ attended, attendanceBy: actor!.userId })
        .where(and(eq(meetingInvitations.meetingId, meeting.id), inArray(meetingInvitations.userId, userIds)));
    };
    await mark([...new Set(input.present)], true);
    await mark([...new Set(input.absent)], false);
    await recordAudit(tx, actor, {
      action: "meeting.attendance",
      entityType: "meeting",
      entityId: meeting.id,
      unitId: meeting.unitId,
      changes: { present: { to: input.present.length }, absent: { to: input.absent.length } },
    });
    return { present: new Set(input.present).size, absent: new Set(input.absent).size };
  });
}
