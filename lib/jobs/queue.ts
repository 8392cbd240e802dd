import PgBoss from "pg-boss";
import type { DatabaseHandle } from "@/lib/db";
import { JOB_HANDLERS, SCHEDULES, type JobName } from "./handlers";

export interface JobRunner {
  boss: PgBoss;
  send(name: JobName, data?: object, options?: { singletonKey?: string }): Promise<string | null>;
  stop(): Promise<void>;
}

/**
 * The durable queue: pg-boss tables in PostgreSQL (or PGlite), so jobs survive restarts and
 * SKIP LOCKED hands each job to exactly one worker even when several app instances share a
 * database. `work: false` gives a sender only (an app instance whose jobs run in a worker).
 */
export async function startJobRunner(handle: DatabaseHandle, options: { work: boolean; pollingSeconds?: number }): Promise<JobRunner> {
  // On PostgreSQL pg-boss keeps a small pool of its own (its transactions need one connection
  // each); PGlite has a single connection, which pg-boss reaches through executeSql.
  const connection = handle.url
    ? { connectionString: handle.url, max: 4 }
    : { db: { executeSql: (text: string, values: unknown[]) => handle.executeSql(text, values) } };
  const boss = new PgBoss({
    ...connection,
    schema: "pgboss",
    // Maintenance and schedules run on one instance at a time; pg-boss coordinates that itself.
    supervise: options.work,
    schedule: options.work,
  } as ConstructorParameters<typeof PgBoss>[0]);
  boss.on("error", (error: Error) => console.error("[jobs]", error.message));
  await boss.start();
  for (const name of Object.keys(JOB_HANDLERS) as JobName[]) {
    // "short": at most one waiting job per queue, so many kicks in a row make one delivery run.
    await boss.createQueue(name, { name, policy: "short" });
  }
  if (options.work) {
    for (const [name, handler] of Object.entries(JOB_HANDLERS)) {
      await boss.work(name, { pollingIntervalSeconds: options.pollingSeconds ?? 2, batchSize: 1 }, async (jobs) => {
        for (const job of jobs) await (handler as (h: DatabaseHandle, d: unknown) => Promise<void>)(handle, job.data);
      });
    }
    for (const { name, cron } of SCHEDULES) {
      await boss.schedule(name, cron, {}, { tz: "Asia/Ho_Chi_Minh" });
    }
  }
  return {
    boss,
    send: (name, data = {}, sendOptions = {}) => boss.send(name, data, sendOptions),
    stop: () => boss.stop({ graceful: true, wait: true }),
  };
}
