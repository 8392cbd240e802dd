/**
 * A separate job worker for deployments that run the app with JOBS_IN_PROCESS=false (PostgreSQL
 * only: PGlite belongs to one process). Any number of workers may run; pg-boss hands each job to one.
 */
import { env } from "@/lib/env";
import { openDatabase } from "@/lib/db/open";
import { t } from "@/lib/i18n";
import { startJobRunner } from "@/lib/jobs/queue";

const e = env();
if (!e.DATABASE_URL) {
  console.error(t("cli.worker.needsPostgres"));
  process.exit(1);
}
const handle = await openDatabase({ url: e.DATABASE_URL });
const runner = await startJobRunner(handle, { work: true });
console.log(t("cli.worker.started"));
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, async () => {
    await runner.stop();
    await handle.close();
    process.exit(0);
  });
}
