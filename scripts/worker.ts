/**
 * A separate job worker for deployments that run the app with JOBS_IN_PROCESS=false (PostgreSQL
 * only: PGlite belongs to one process). Any number of workers may run; pg-boss hands each job to one.
 */
import { env } from "@/lib/env";
import { openDatabase } from "@/lib/db/open";
import { startJobRunner } from "@/lib/jobs/queue";

const e = env();
if (!e.DATABASE_URL) {
  console.error("npm run worker cần DATABASE_URL (PostgreSQL). Với PGlite, hàng đợi chạy ngay trong tiến trình ứng dụng.");
  process.exit(1);
}
const handle = await openDatabase({ url: e.DATABASE_URL });
const runner = await startJobRunner(handle, { work: true });
console.log("Tiến trình xử lý công việc nền đã chạy. Nhấn Ctrl+C để dừng.");
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, async () => {
    await runner.stop();
    await handle.close();
    process.exit(0);
  });
}
