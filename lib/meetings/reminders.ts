import { and, asc, eq, gt, isNotNull, isNull, lte, ne, sql } from "drizzle-orm";
import { meetingInvitations, meetingReminders, meetingRooms, meetings, users } from "@/db/schema";
import type { Db } from "@/lib/db";
import { env } from "@/lib/env";
import { t } from "@/lib/i18n";
import { formatDateTime } from "@/lib/i18n/format";
import { queueMail } from "@/lib/mail/service";
import { onlineRoomUrl } from "./rooms";

/**
 * Meeting reminders by e-mail: the day before (sent once the meeting is less than 24 hours away)
 * and 30 minutes before. The sweep is row-based — it looks at what is due now, not at what the
 * last minute did — so a restart or a missed minute loses nothing: the next sweep sends it.
 *
 * Exactly once, whichever instance sweeps: the reminder's row (meeting, person, kind) is written
 * and its mail queued in one transaction, and the mail is queued only when this transaction wrote
 * the row. Two sweeps racing for one row meet at its key: the second waits for the first to commit
 * and then finds the row there.
 */

export type ReminderKind = "day_before" | "thirty_minutes";

const MINUTE = 60_000;
/** At most this many per sweep (the next minute takes the rest), so one transaction stays short. */
const BATCH = 2_000;
/** How long before the start each kind falls due. */
const LEAD: Record<ReminderKind, number> = { day_before: 24 * 60 * MINUTE, thirty_minutes: 30 * MINUTE };

interface Due {
  meetingId: string;
  userId: string;
  kind: ReminderKind;
  email: string;
  fullName: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
  roomName: string | null;
  roomLocation: string | null;
  onlineSlug: string | null;
}

export async function sendDueReminders(db: Db, now: Date = new Date()): Promise<{ sent: number }> {
  const soon = new Date(now.getTime() + LEAD.thirty_minutes);
  const tomorrow = new Date(now.getTime() + LEAD.day_before);
  const soonSql = sql`${soon.toISOString()}::timestamptz`;
  const kindAt = sql`(case when ${meetings.startsAt} <= ${soonSql} then 'thirty_minutes' else 'day_before' end)::meeting_reminder_kind`;
  return db.transaction(async (tx) => {
    // Every invitee who has not declined, of every scheduled meeting starting in the next 24 hours.
    const rows = await tx
      .select({
        meetingId: meetings.id,
        userId: users.id,
        email: users.email,
        fullName: users.fullName,
        title: meetings.title,
        startsAt: meetings.startsAt,
        endsAt: meetings.endsAt,
        roomName: meetingRooms.name,
        roomLocation: meetingRooms.location,
        onlineSlug: meetingRooms.onlineSlug,
      })
      .from(meetings)
      .innerJoin(meetingInvitations, eq(meetingInvitations.meetingId, meetings.id))
      .innerJoin(users, eq(users.id, meetingInvitations.userId))
      .leftJoin(meetingRooms, eq(meetingRooms.id, meetings.roomId))
      .where(
        and(
          eq(meetings.status, "scheduled"),
          gt(meetings.startsAt, now),
          lte(meetings.startsAt, tomorrow),
          ne(meetingInvitations.reply, "decline"),
          isNotNull(users.email),
          ne(users.email, ""),
          isNull(users.disabledAt),
          // Not already reminded of this kind for the meeting's current time (see below).
          sql`not exists (
            select 1 from ${meetingReminders}
            where ${meetingReminders.meetingId} = ${meetings.id} and ${meetingReminders.userId} = ${users.id}
              and ${meetingReminders.kind} = ${kindAt}
              and ${meetingReminders.sentAt} >= ${meetings.startsAt} - case when ${meetings.startsAt} <= ${soonSql} then interval '30 minutes' else interval '24 hours' end
          )`,
        ),
      )
      // One order for every instance, so two sweeps take the keys in the same order and never deadlock.
      .orderBy(asc(meetings.id), asc(users.id))
      .limit(BATCH);

    const due: Due[] = rows.map((r) => ({
      ...r,
      email: r.email!,
      // Within 30 minutes the 30-minute reminder says it all; the day-before one is not sent late.
      kind: r.startsAt <= soon ? "thirty_minutes" : "day_before",
    }));

    let sent = 0;
    for (const item of due) {
      // A reminder sent before this kind's window for the meeting's *current* start belongs to an
      // earlier time: the meeting was moved later since, so it is due again at the new time.
      const windowStart = new Date(item.startsAt.getTime() - LEAD[item.kind]);
      const [written] = await tx
        .insert(meetingReminders)
        .values({ meetingId: item.meetingId, userId: item.userId, kind: item.kind, sentAt: now })
        .onConflictDoUpdate({
          target: [meetingReminders.meetingId, meetingReminders.userId, meetingReminders.kind],
          set: { sentAt: now },
          setWhere: sql`${meetingReminders.sentAt} < ${windowStart.toISOString()}::timestamptz`,
        })
        .returning({ meetingId: meetingReminders.meetingId });
      if (!written) continue;
      await queueMail(tx, reminderMail(item));
      sent++;
    }
    return { sent };
  });
}

function reminderMail(item: Due): { to: string; subject: string; body: string } {
  const when = `${formatDateTime(item.startsAt)}–${formatDateTime(item.endsAt).slice(-5)}`;
  const place = item.onlineSlug
    ? t("meetingReminder.online", { url: onlineRoomUrl(item.onlineSlug) })
    : item.roomName
      ? t("meetingReminder.room", { room: item.roomLocation ? `${item.roomName}, ${item.roomLocation}` : item.roomName })
      : t("meetingReminder.noRoom");
  const link = `${env().APP_URL.replace(/\/+$/, "")}/lam-viec/hop/${item.meetingId}`;
  const values = { name: item.fullName, title: item.title, when, place, link };
  return item.kind === "day_before"
    ? { to: item.email, subject: t("meetingReminder.dayBeforeSubject", values), body: t("meetingReminder.dayBeforeBody", values) }
    : { to: item.email, subject: t("meetingReminder.soonSubject", values), body: t("meetingReminder.soonBody", values) };
}
