import path from "node:path";
import * as schema from "@/db/schema";
import type { DatabaseHandle, Db } from "./types";
import { acquireDataDirLock } from "./lock";

const migrationsFolder = path.join(process.cwd(), "drizzle");

export interface OpenOptions {
  /** postgres:// URL; without it, embedded PGlite. */
  url?: string;
  /** PGlite data directory; "memory://" for a throw-away database. */
  dataDir?: string;
  migrate?: boolean;
}

/** Opens the database and applies the drizzle-kit migration journal, on either driver. */
export async function openDatabase(options: OpenOptions): Promise<DatabaseHandle> {
  const handle = options.url ? await openPostgres(options.url) : await openPglite(options.dataDir ?? ".data");
  if (options.migrate !== false) await migrateDatabase(handle);
  return handle;
}

export async function migrateDatabase(handle: DatabaseHandle) {
  if (handle.kind === "pglite") {
    const { migrate } = await import("drizzle-orm/pglite/migrator");
    await migrate(handle.db as never, { migrationsFolder });
  } else {
    const { migrate } = await import("drizzle-orm/postgres-js/migrator");
    await migrate(handle.db as never, { migrationsFolder });
  }
}

async function openPglite(dataDir: string): Promise<DatabaseHandle> {
  const { PGlite } = await import("@electric-sql/pglite");
  const [{ ltree }, { pg_trgm }, { unaccent }, { btree_gist }] = await Promise.all([
    import("@electric-sql/pglite/contrib/ltree"),
    import("@electric-sql/pglite/contrib/pg_trgm"),
    import("@electric-sql/pglite/contrib/unaccent"),
    import("@electric-sql/pglite/contrib/btree_gist"),
  ]);
  const { drizzle } = await import("drizzle-orm/pglite");
  const inMemory = dataDir.startsWith("memory://");
  const release = inMemory ? () => {} : acquireDataDirLock(dataDir);
  let client: InstanceType<typeof PGlite>;
  try {
    client = await PGlite.create(inMemory ? dataDir : path.join(dataDir, "pglite"), {
      extensions: { ltree, pg_trgm, unaccent, btree_gist },
    });
  } catch (error) {
    release();
    throw error;
  }
  const db = drizzle({ client, schema }) as unknown as Db;
  return {
    db,
    kind: "pglite",
    async executeSql(text, values) {
      if (values && values.length > 0) {
        const result = await client.query<Record<string, unknown>>(text, values);
        return { rows: result.rows };
      }
      // Several statements in one string (the job queue's own transactions) need exec.
      try {
        const results = await client.exec(text);
        return { rows: (results.at(-1)?.rows ?? []) as Record<string, unknown>[] };
      } catch (error) {
        // A failure after a BEGIN in the string leaves the session in an aborted transaction.
        await client.exec("rollback").catch(() => {});
        throw error;
      }
    },
    async close() {
      await client.close();
      release();
    },
  };
}

async function openPostgres(url: string): Promise<DatabaseHandle> {
  const { default: postgres } = await import("postgres");
  const { drizzle } = await import("drizzle-orm/postgres-js");
  // JIT compilation pays off for long analytical queries, not for the short ones of a web app:
  // with it, a scoped list over a million members spent seconds compiling (see bench/members).
  const client = postgres(url, { max: 10, onnotice: () => {}, connection: { jit: "off" } });
  const db = drizzle({ client, schema }) as unknown as Db;
  return {
    db,
    kind: "postgres",
    url,
    async executeSql(text, values) {
      if (!values || values.length === 0) {
        // Several statements in one string, often BEGIN … COMMIT (the job queue's own transactions):
        // the simple protocol runs them, on a connection of their own so the pool allows the BEGIN.
        const reserved = await client.reserve();
        try {
          const result = (await reserved.unsafe(text).simple()) as unknown as unknown[];
          const last = Array.isArray(result.at(-1)) ? (result.at(-1) as unknown[]) : result;
          return { rows: [...last] as Record<string, unknown>[] };
        } catch (error) {
          // A failure after a BEGIN in the string leaves the connection in an aborted transaction.
          await reserved.unsafe("rollback").simple().catch(() => {});
          throw error;
        } finally {
          reserved.release();
        }
      }
      const rows = await client.unsafe(text, values.map(asParameter) as never[]);
      return { rows: [...rows] as Record<string, unknown>[] };
    },
    async close() {
      await client.end({ timeout: 5 });
    },
  };
}

/** As node-postgres sends them (what the job queue expects): undefined as null, dates and objects as text. */
function asParameter(value: unknown): unknown {
  if (value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (value === null || typeof value !== "object" || Buffer.isBuffer(value) || Array.isArray(value)) return value;
  return JSON.stringify(value);
}
