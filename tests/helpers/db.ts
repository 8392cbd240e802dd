import postgres from "postgres";
import { inject } from "vitest";
import { openDatabase } from "@/lib/db/open";
import type { DatabaseHandle } from "@/lib/db";
import { withDatabase } from "../global-setup";

export const onPostgres = Boolean(process.env.TEST_DATABASE_URL);

/** A fresh, migrated database for one test file: a copy of the run's template, or PGlite in memory. */
export async function createTestDatabase(): Promise<DatabaseHandle> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) return openDatabase({ dataDir: "memory://" });
  const template = inject("templateDatabase");
  const name = `kn_t_${template}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name} template ${template}`);
  const handle = await openDatabase({ url: withDatabase(url, name), migrate: false });
  return {
    ...handle,
    async close() {
      await handle.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}
