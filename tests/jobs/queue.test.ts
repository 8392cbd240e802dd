import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { inArray, sql } from "drizzle-orm";
import { mailOutbox } from "@/db/schema";
import type { DatabaseHandle, Db } from "@/lib/db";
import { resetEnvCache } from "@/lib/env";
import { startJobRunner, type JobRunner } from "@/lib/jobs/queue";
import { queueMail } from "@/lib/mail/service";
import { createTestDatabase } from "../helpers/db";
import { rowsOf, uniqueName, waitFor } from "../helpers/fixtures";

// pg-boss's shortest polling interval; the waits below are bounded well under the test timeout.
const POLLING_SECONDS = 0.5;
const WAIT = { timeoutMs: 30_000, intervalMs: 100 };

let handle: DatabaseHandle;
let db: Db;
const running = new Set<JobRunner>();
const savedSmtp = process.env.SMTP_URL;

async function start(work: boolean) {
  const runner = await startJobRunner(handle, { work, pollingSeconds: POLLING_SECONDS });
  running.add(runner);
  return runner;
}

async function stop(runner: JobRunner) {
  running.delete(runner);
  await runner.stop();
}

async function queue(count: number) {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    ids.push(await queueMail(db, { to: `${uniqueName("job")}@example.vn`, subject: `Thư ${i}`, body: "Nội dung" }));
  }
  return ids;
}

const rowsFor = (ids: string[]) => db.select().from(mailOutbox).where(inArray(mailOutbox.id, ids));

async function jobState(runner: JobRunner, id: string) {
  const job = await runner.boss.getJobById("mail.deliver", id);
  return job?.state ?? null;
}

beforeAll(async () => {
  // Without SMTP the delivery job keeps messages in the outbox: enough to see it ran.
  delete process.env.SMTP_URL;
  resetEnvCache();
  handle = await createTestDatabase();
  db = handle.db;
});

afterEach(async () => {
  for (const runner of [...running]) await stop(runner);
});

afterAll(async () => {
  if (savedSmtp !== undefined) process.env.SMTP_URL = savedSmtp;
  resetEnvCache();
  await handle?.close();
});

describe("job runner", () => {
  it("a job sent is processed by a worker", async () => {
    const runner = await start(true);
    const ids = await queue(2);
    const jobId = await runner.send("mail.deliver", { reason: "thử", count: 2 });
    expect(jobId).toEqual(expect.any(String));
    await waitFor(async () => (await jobState(runner, jobId!)) === "completed", { ...WAIT, what: "the job to complete" });
    // The job's data went in and came back as JSON, not as a string of it.
    expect((await runner.boss.getJobById("mail.deliver", jobId!))!.data).toEqual({ reason: "thử", count: 2 });
    const rows = await rowsFor(ids);
    expect(rows.map((r) => [r.status, r.attempts])).toEqual([
      ["kept", 1],
      ["kept", 1],
    ]);
  });

  it("a job sent while no worker runs is processed after a restart", async () => {
    // The app instance that only sends (work: false), with no worker anywhere.
    const sender = await start(false);
    const ids = await queue(3);
    const jobId = await sender.send("mail.deliver");
    await new Promise((resolve) => setTimeout(resolve, 3 * POLLING_SECONDS * 1000));
    expect(await jobState(sender, jobId!)).toBe("created");
    expect((await rowsFor(ids)).every((r) => r.status === "queued" && r.attempts === 0)).toBe(true);
    await stop(sender);

    // A worker starts later on the same database and picks the stored job up.
    const worker = await start(true);
    await waitFor(async () => (await jobState(worker, jobId!)) === "completed", { ...WAIT, what: "the stored job to complete" });
    expect((await rowsFor(ids)).every((r) => r.status === "kept" && r.attempts === 1)).toBe(true);
  });

  it("a worker stopped and started again keeps processing (restart of the same process)", async () => {
    const first = await start(true);
    await stop(first);
    const second = await start(true);
    const ids = await queue(1);
    const jobId = await second.send("mail.deliver");
    await waitFor(async () => (await jobState(second, jobId!)) === "completed", { ...WAIT, what: "the job after restart" });
    expect((await rowsFor(ids))[0]).toMatchObject({ status: "kept", attempts: 1 });
  });

  it("two workers on one database deliver 40 messages, each exactly once", async () => {
    const a = await start(true);
    const b = await start(true);
    const ids: string[] = [];
    const jobIds: string[] = [];
    // Messages arrive in waves, each followed by kicks from both instances, so the two workers
    // compete for overlapping work.
    for (let wave = 0; wave < 4; wave++) {
      ids.push(...(await queue(10)));
      for (const runner of [a, b, a]) {
        const id = await runner.send("mail.deliver");
        if (id) jobIds.push(id);
      }
    }
    expect(ids).toHaveLength(40);
    await waitFor(
      async () => {
        const rows = await rowsFor(ids);
        return rows.every((r) => r.status !== "queued" && r.status !== "sending");
      },
      { ...WAIT, what: "every message to leave the queue" },
    );
    const rows = await rowsFor(ids);
    expect(rows).toHaveLength(40);
    for (const row of rows) expect(row, row.id).toMatchObject({ status: "kept", attempts: 1 });
    // Every kick completes (the late ones find nothing to do).
    await waitFor(async () => (await Promise.all(jobIds.map((id) => jobState(a, id)))).every((s) => s === "completed"), {
      ...WAIT,
      what: "every job to complete",
    });
  });
});

describe("executeSql, the queue's way into the database", () => {
  it("runs several statements in one string, transaction included, and returns the last result's rows", async () => {
    const table = `kn_exec_probe_${Date.now().toString(36)}`;
    await handle.executeSql(`begin; create table ${table} (n int); insert into ${table} values (1), (2); commit;`);
    expect((await handle.executeSql(`select count(*)::int as n from ${table}`)).rows).toEqual([{ n: 2 }]);
    // A failing statement inside rolls the whole string back.
    await expect(handle.executeSql(`begin; insert into ${table} values (3); select 1/0; commit;`)).rejects.toThrow();
    expect((await handle.executeSql(`select count(*)::int as n from ${table}`, [])).rows).toEqual([{ n: 2 }]);
    // …and leaves no connection behind in an aborted transaction: enough queries at once to use them all.
    const all = await Promise.all(Array.from({ length: 25 }, (_, i) => rowsOf<{ i: number }>(db, sql`select ${i}::int as i`)));
    expect(all.map((r) => r[0]!.i)).toEqual(Array.from({ length: 25 }, (_, i) => i));
    expect((await handle.executeSql("select 41 + 1 as answer; select 'last' as which")).rows).toEqual([{ which: "last" }]);
    await handle.executeSql(`drop table ${table}`);
  });

  it("sends parameters as node-postgres would: objects as JSON, undefined as null, arrays as arrays", async () => {
    const { rows } = await handle.executeSql(
      "select $1::jsonb as data, $2::text is null as missing, cardinality($3::text[]) as n, $4::timestamptz as at",
      [{ a: 1, b: ["x"] }, undefined, ["p", "q", "r"], new Date("2026-01-02T03:04:05Z")],
    );
    expect(rows[0]).toMatchObject({ data: { a: 1, b: ["x"] }, missing: true, n: 3 });
    expect(new Date(rows[0]!.at as string | Date).toISOString()).toBe("2026-01-02T03:04:05.000Z");
  });
});
