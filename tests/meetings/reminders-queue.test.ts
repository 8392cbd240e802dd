import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mailOutbox, meetingInvitations, meetingReminders, meetings } from "@/db/schema";
import { seedDemo } from "@/db/seed/demo";
import type { DatabaseHandle, Db } from "@/lib/db";
import { SCHEDULES } from "@/lib/jobs/handlers";
import { startJobRunner, type JobRunner } from "@/lib/jobs/queue";
import { createTestDatabase } from "../helpers/db";
import { makeUser, unitByCode, waitFor } from "../helpers/fixtures";

/**
 * Reminders through the real queue: a meeting 20 minutes away whose reminder fell due while no
 * worker ran is reminded by the first sweeps after a start — once per person, although two
 * workers sweep at the same moment (as two app instances' minute schedules would).
 */

let handle: DatabaseHandle;
let db: Db;

beforeAll(async () => {
  handle = await createTestDatabase();
  db = handle.db;
  await seedDemo(db);
}, 120_000);
afterAll(async () => {
  await handle?.close();
});

describe("meeting reminders on the job queue", () => {
  it("is scheduled every minute", () => {
    expect(SCHEDULES).toContainEqual({ name: "meetings.remind", cron: "* * * * *" });
  });

  it("two workers sweeping at once send each person's reminder exactly once", async () => {
    const unit = await unitByCode(db, "HA-NOI");
    const people = await Promise.all(Array.from({ length: 4 }, () => makeUser(db, { unitCode: "HA-NOI", role: null })));
    const start = new Date(Date.now() + 20 * 60_000);
    const [meeting] = await db.insert(meetings).values({ unitId: unit.id, title: "Họp khẩn", startsAt: start, endsAt: new Date(start.getTime() + 3_600_000) }).returning();
    await db.insert(meetingInvitations).values(people.map((p) => ({ meetingId: meeting!.id, userId: p.id })));

    const workers: JobRunner[] = [];
    try {
      for (let i = 0; i < 2; i++) workers.push(await startJobRunner(handle, { work: true, pollingSeconds: 0.5 }));
      for (let round = 0; round < 3; round++) {
        await Promise.all(workers.map((w) => w.boss.send("meetings.remind", {})));
        await new Promise((resolve) => setTimeout(resolve, 300));
      }
      await waitFor(async () => (await db.select().from(meetingReminders).where(eq(meetingReminders.meetingId, meeting!.id))).length === people.length, {
        timeoutMs: 30_000,
        intervalMs: 100,
        what: "every invitee's reminder",
      });
      // Let any queued sweep finish before counting.
      await waitFor(async () => (await workers[0]!.boss.getQueueSize("meetings.remind")) === 0, { timeoutMs: 10_000, intervalMs: 100, what: "the queue to drain" });
      await new Promise((resolve) => setTimeout(resolve, 1_500));
    } finally {
      for (const w of workers) await w.stop();
    }
    const reminders = await db.select().from(meetingReminders).where(eq(meetingReminders.meetingId, meeting!.id));
    expect(reminders.map((r) => r.kind)).toEqual(people.map(() => "thirty_minutes"));
    const mails = await db.select().from(mailOutbox).where(inArray(mailOutbox.toAddress, people.map((p) => p.email!)));
    expect(mails).toHaveLength(people.length);
    expect(new Set(mails.map((m) => m.toAddress)).size).toBe(people.length);
  });
});
