import { getDatabase } from "@/lib/db";
import { env } from "@/lib/env";
import { setJobRunner, getJobRunner } from "@/lib/jobs/kick";
import { startJobRunner } from "@/lib/jobs/queue";

/**
 * Server start: validate the environment, open and migrate the database, and run the job queue
 * in this process unless JOBS_IN_PROCESS=false (then `npm run worker` runs it separately).
 */
export async function bootServer() {
  const e = env();
  const handle = await getDatabase();
  if (!getJobRunner()) {
    const runner = startJobRunner(handle, { work: e.JOBS_IN_PROCESS === "true" });
    setJobRunner(runner);
    await runner;
  }
}
