import type { JobName } from "./handlers";
import type { JobRunner } from "./queue";

const globalForJobs = globalThis as unknown as { __ketNoiJobs?: Promise<JobRunner> };

export function setJobRunner(runner: Promise<JobRunner>) {
  globalForJobs.__ketNoiJobs = runner;
}

export function getJobRunner(): Promise<JobRunner> | undefined {
  return globalForJobs.__ketNoiJobs;
}

/**
 * Asks the queue to deliver queued work now rather than at the next scheduled sweep. Called after
 * a transaction commits; losing the kick loses nothing, since the rows themselves are durable.
 */
export function kickJobs(name: JobName = "mail.deliver") {
  const runner = getJobRunner();
  if (!runner) return;
  runner
    .then((r) => r.send(name, {}, { singletonKey: name }))
    .catch((error: unknown) => console.error("[jobs] kick", error instanceof Error ? error.message : error));
}
