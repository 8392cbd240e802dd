import { env } from "@/lib/env";
import { openDatabase } from "./open";
import type { DatabaseHandle, Db } from "./types";

export type { Db, Tx, DatabaseHandle } from "./types";

// Next.js loads server code in several bundles (instrumentation, routes, actions); the handle
// lives on globalThis so they all share one connection pool / one PGlite instance.
const globalForDb = globalThis as unknown as { __ketNoiDb?: Promise<DatabaseHandle> };

export function getDatabase(): Promise<DatabaseHandle> {
  if (!globalForDb.__ketNoiDb) {
    const e = env();
    globalForDb.__ketNoiDb = openDatabase({ url: e.DATABASE_URL, dataDir: e.DATA_DIR }).catch((error) => {
      globalForDb.__ketNoiDb = undefined;
      throw error;
    });
  }
  return globalForDb.__ketNoiDb;
}

export async function getDb(): Promise<Db> {
  return (await getDatabase()).db;
}

/**
 * Whether queries made on `db` outside a transaction run on other connections than the
 * transaction's (a PostgreSQL pool), or wait for it (PGlite: one connection, so a query outside an
 * open transaction would wait for that transaction to end). postgres.js's client is a function,
 * PGlite's an object.
 */
export function hasConnectionPool(db: Db): boolean {
  return typeof (db as unknown as { $client?: unknown }).$client === "function";
}
