import { spawnSync } from "node:child_process";
import path from "node:path";
import { expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");

// The worker runs under Node's own module loader (tsx), not a bundler: a package that only a
// bundler can import (rrule's ES build, say) would stop every background job. Load what it loads.
it("the worker's job handlers load under tsx, as `npm run worker` loads them", () => {
  const run = spawnSync(process.execPath, [path.join(ROOT, "node_modules", "tsx", "dist", "cli.mjs"), "-e", 'import("./lib/jobs/handlers.ts").then((m) => console.log(Object.keys(m.JOB_HANDLERS).sort().join(",")))'], {
    cwd: ROOT,
    encoding: "utf8",
    timeout: 60_000,
  });
  expect(run.stderr).not.toMatch(/SyntaxError|does not provide an export/);
  expect(run.status).toBe(0);
  expect(run.stdout.trim().split(",")).toEqual(expect.arrayContaining(["mail.deliver", "articles.publishDue", "meetings.remind", "meetings.materialise"]));
}, 90_000);
