import fs from "node:fs";
import path from "node:path";
import postgres from "postgres";

const runId = process.env.E2E_RUN_ID;
if (!runId) throw new Error("E2E_RUN_ID is not set (playwright.config.ts sets it)");
const name = `kn_e2e_${runId}`;
const dataDir = path.join(".data", `e2e-${runId}`);

/** Refuses anything but a database server on this machine: e2e tests write freely. */
function localUrl() {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) return null;
  const host = new URL(url).hostname;
  if (!["127.0.0.1", "localhost", "::1", "[::1]"].includes(host)) {
    throw new Error(`e2e: TEST_DATABASE_URL must point at a local server, not ${host}`);
  }
  return url;
}

function withDatabase(url, database) {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export const e2eDatabase = {
  async create() {
    const url = localUrl();
    if (!url) {
      fs.rmSync(dataDir, { recursive: true, force: true });
      return { env: { DATA_DIR: dataDir, DATABASE_URL: "" } };
    }
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.unsafe(`create database ${name}`);
    await admin.end();
    return { env: { DATABASE_URL: withDatabase(url, name), DATA_DIR: dataDir } };
  },
  async drop() {
    const url = localUrl();
    if (url) {
      const admin = postgres(url, { max: 1, onnotice: () => {} });
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  },
};
