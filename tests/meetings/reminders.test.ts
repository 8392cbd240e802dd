import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mailOutbox, meetingInvitations, meetingReminders, meetingRooms, meetings } from "@/db/schema";
import { seedDemo } from "@/db/seed/demo";
import type { DatabaseHandle, Db } from "@/lib/db";
import { formatDate } from "@/lib/i18n/format";
import { sendDueReminders } from "@/lib/meetings/reminders";
import { onlineRoomUrl } from "@/lib/meetings/rooms";
import { createTestDatabase, onPostgres } from "../helpers/db";
import { makeUser, uniqueName, unitByCode, type MadeUser } from "../helpers/fixtures";

/**
 * Reminders the day before and 30 minutes before, driven by `now`: each test's meeting lies on its
 * own day far ahead, so the sweeps of one test never reach another's meeting.
 */

let handle: DatabaseHandle;
let db: Db;
let hanoiId: string;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** Monday 09:00 in Hà Nội, some years ahead; each test adds its own whole weeks. */
const base = Date.UTC(new Date().getUTCFullYear() + 3, 2, 4, 2, 0);
let week = 0;
const nextStart = () => new Date(base + ++week * 7 * 24 * HOUR);
const before = (start: Date, ms: number) => new Date(start.getTime() - ms);

beforeAll(async () => {
  handle = await createTestDatabase();
  db = handle.db;
  await seedDemo(db);
  hanoiId = (await unitByCode(db, "HA-NOI")).id;
}, 120_000);
afterAll(async () => {
  await handle?.close();
});

async function makeMeeting(start: Date, invitees: { user: MadeUser; reply?: "pending" | "attend" | "decline" | "deputy" }[], options: { roomId?: string; title?: string } = {}) {
  const [meeting] = await db
    .insert(meetings)
    .values({ unitId: hanoiId, title: options.title ?? `Giao ban ${uniqueName("g")}`, startsAt: start, endsAt: new Date(start.getTime() + 90 * MINUTE), roomId: options.roomId ?? null })
    .returning();
  if (invitees.length > 0) await db.insert(meetingInvitations).values(invitees.map((i) => ({ meetingId: meeting!.id, userId: i.user.id, reply: i.reply ?? "pending" })));
  return meeting!;
}

const person = (options: { email?: string | null; disabled?: boolean } = {}) => makeUser(db, { unitCode: "HA-NOI", role: null, ...options });

async function mailsTo(...people: MadeUser[]) {
  return db.select().from(mailOutbox).where(inArray(mailOutbox.toAddress, people.map((p) => p.email!)));
}

async function remindersOf(meetingId: string) {
  return (await db.select().from(meetingReminders).where(eq(meetingReminders.meetingId, meetingId))).map((r) => `${r.userId}:${r.kind}`).sort();
}

describe("meeting reminders", () => {
  it("sends the day-before reminder once it is within 24 hours and the 30-minute one at 30 minutes, each once", async () => {
    const start = nextStart();
    const [room] = await db.insert(meetingRooms).values({ unitId: hanoiId, name: "Phòng họp trực tuyến", kind: "online", onlineSlug: uniqueName("KetNoi-thu") }).returning();
    const a = await person();
    const meeting = await makeMeeting(start, [{ user: a }], { roomId: room!.id, title: "Giao ban đầu tuần" });
    const sweep = async (at: Date) => (await sendDueReminders(db, at)).sent;

    expect(await sweep(before(start, 25 * HOUR))).toBe(0);
    expect(await sweep(before(start, 24 * HOUR))).toBe(1);
    expect(await sweep(before(start, 23 * HOUR))).toBe(0);
    expect(await sweep(before(start, 31 * MINUTE))).toBe(0);
    expect(await sweep(before(start, 30 * MINUTE))).toBe(1);
    expect(await sweep(before(start, 10 * MINUTE))).toBe(0);
    expect(await sweep(new Date(start.getTime() + MINUTE))).toBe(0);

    const mails = await mailsTo(a);
    expect(mails).toHaveLength(2);
    const [dayBefore, soon] = [mails.find((m) => m.subject.startsWith("Nhắc lịch họp"))!, mails.find((m) => m.subject.startsWith("Còn 30 phút"))!];
    const day = formatDate(start);
    expect(dayBefore.subject).toBe(`Nhắc lịch họp: Giao ban đầu tuần — ${day} 09:00–10:30`);
    expect(dayBefore.body).toContain(a.fullName);
    expect(dayBefore.body).toContain(onlineRoomUrl(room!.onlineSlug!));
    expect(dayBefore.body).toContain(`/lam-viec/hop/${meeting.id}`);
    expect(soon.subject).toContain(`${day} 09:00`);
    expect(await remindersOf(meeting.id)).toEqual([`${a.id}:day_before`, `${a.id}:thirty_minutes`].sort());
  });

  it("a sweep after a missed minute (or a restart) still sends what is due; a meeting first seen within 30 minutes gets only the 30-minute one", async () => {
    const start = nextStart();
    const a = await person();
    const late = await makeMeeting(start, [{ user: a }]);
    // No sweep ran at 24 hours before: the one 20 hours before sends it.
    expect((await sendDueReminders(db, before(start, 20 * HOUR))).sent).toBe(1);
    const b = await person();
    const sudden = await makeMeeting(new Date(start.getTime() + 2 * HOUR), [{ user: b }]);
    expect((await sendDueReminders(db, new Date(start.getTime() + 2 * HOUR - 12 * MINUTE))).sent).toBe(1);
    expect(await remindersOf(sudden.id)).toEqual([`${b.id}:thirty_minutes`]);
    expect(await remindersOf(late.id)).toEqual([`${a.id}:day_before`]);
  });

  it("only invitees who have not declined, with an e-mail and an open account; nothing for a cancelled meeting", async () => {
    const start = nextStart();
    const [pending, attending, deputy, declined, noEmail, disabled] = await Promise.all([
      person(), person(), person(), person(), person({ email: null }), person({ disabled: true }),
    ]);
    const meeting = await makeMeeting(start, [
      { user: pending! }, { user: attending!, reply: "attend" }, { user: deputy!, reply: "deputy" },
      { user: declined!, reply: "decline" }, { user: noEmail! }, { user: disabled! },
    ]);
    const other = await person();
    const cancelled = await makeMeeting(new Date(start.getTime() + HOUR), [{ user: other }]);
    await db.update(meetings).set({ status: "cancelled", cancelReason: "Hoãn" }).where(eq(meetings.id, cancelled.id));

    expect((await sendDueReminders(db, before(start, 20 * HOUR))).sent).toBe(3);
    expect((await sendDueReminders(db, before(start, 20 * MINUTE))).sent).toBe(3);
    expect(await remindersOf(meeting.id)).toEqual(
      [pending!, attending!, deputy!].flatMap((u) => [`${u.id}:day_before`, `${u.id}:thirty_minutes`]).sort(),
    );
    expect(await mailsTo(declined!, disabled!, other)).toHaveLength(0);
    expect(await remindersOf(cancelled.id)).toEqual([]);
  });

  it("a meeting moved later is reminded again at its new time, not at the old one", async () => {
    const start = nextStart();
    const a = await person();
    const meeting = await makeMeeting(start, [{ user: a }]);
    expect((await sendDueReminders(db, before(start, 24 * HOUR))).sent).toBe(1);
    // Moved two days later, after the day-before reminder went out.
    const moved = new Date(start.getTime() + 48 * HOUR);
    await db.update(meetings).set({ startsAt: moved, endsAt: new Date(moved.getTime() + 90 * MINUTE) }).where(eq(meetings.id, meeting.id));
    expect((await sendDueReminders(db, before(start, 30 * MINUTE))).sent).toBe(0);
    expect((await sendDueReminders(db, before(moved, 25 * HOUR))).sent).toBe(0);
    expect((await sendDueReminders(db, before(moved, 24 * HOUR))).sent).toBe(1);
    expect((await sendDueReminders(db, before(moved, 23 * HOUR))).sent).toBe(0);
    expect((await sendDueReminders(db, before(moved, 30 * MINUTE))).sent).toBe(1);
    const mails = await mailsTo(a);
    expect(mails).toHaveLength(3);
    const newDay = formatDate(moved);
    expect(mails.filter((m) => m.subject.includes(newDay))).toHaveLength(2);
  });

  it(`sweeps running at once send each reminder exactly once (${onPostgres ? "PostgreSQL, separate connections" : "PGlite"})`, async () => {
    const start = nextStart();
    const people = await Promise.all(Array.from({ length: 8 }, () => person()));
    const meeting = await makeMeeting(start, people.map((user) => ({ user })));
    const at = before(start, 20 * HOUR);
    const [first, second] = await Promise.all([sendDueReminders(db, at), sendDueReminders(db, at)]);
    expect(first.sent + second.sent).toBe(8);
    // More instances at once at the 30-minute mark.
    const results = await Promise.all(Array.from({ length: 6 }, () => sendDueReminders(db, before(start, 25 * MINUTE))));
    expect(results.reduce((n, r) => n + r.sent, 0)).toBe(8);
    const mails = await mailsTo(...people);
    expect(mails).toHaveLength(16);
    for (const p of people) expect(mails.filter((m) => m.toAddress === p.email)).toHaveLength(2);
    expect(await remindersOf(meeting.id)).toHaveLength(16);
  });
});
