// Starts the production build for e2e on a database of its own: a fresh PGlite directory, or a
// fresh database on the PostgreSQL server of TEST_DATABASE_URL (local servers only).
import { spawn, spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { e2eDatabase } from "./database.mjs";

const port = process.env.E2E_PORT ?? "3210";
const { env: dbEnv } = await e2eDatabase.create();
const env = {
  ...process.env,
  ...dbEnv,
  NODE_ENV: "production",
  APP_URL: `http://127.0.0.1:${port}`,
  AUTH_SECRET: process.env.AUTH_SECRET ?? crypto.randomBytes(48).toString("base64"),
};

const bin = (name) => path.join(process.cwd(), "node_modules", ".bin", name);
const seeded = spawnSync(bin("tsx"), ["scripts/seed.ts"], { env, stdio: "inherit" });
if (seeded.status !== 0) process.exit(seeded.status ?? 1);
if (!fs.existsSync(".next/BUILD_ID")) {
  console.error("e2e: no production build; run `npm run build` first (npm run test:e2e does).");
  process.exit(1);
}
const server = spawn(bin("next"), ["start", "-p", port, "-H", "127.0.0.1"], { env, stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
