import { unstable_cache } from "next/cache";
import { isNull } from "drizzle-orm";
import { units } from "@/db/schema";
import { getDb, type Db } from "@/lib/db";

const globalForCache = globalThis as unknown as { __ketNoiCacheIdentity?: Promise<string> };

/**
 * Which database the cache belongs to (its root unit's random id): cached public data of one database
 * is never served for another (a re-seeded demo, a test run on a fresh database).
 */
function databaseIdentity(db: Db): Promise<string> {
  globalForCache.__ketNoiCacheIdentity ??= db
    .select({ id: units.id })
    .from(units)
    .where(isNull(units.parentId))
    .limit(1)
    .then(([row]) => row?.id ?? "empty")
    .catch((error: unknown) => {
      globalForCache.__ketNoiCacheIdentity = undefined;
      throw error;
    });
  return globalForCache.__ketNoiCacheIdentity;
}

/**
 * Public data read through Next's data cache under tags, so anonymous pages do not query the
 * database on every visit; services expire the tags when a record changes (lib/cache/revalidate).
 * Values pass through JSON: dates come back as strings.
 */
export async function cachedPublic<A extends unknown[], T>(name: string, tags: string[], load: (db: Db, ...args: A) => Promise<T>, ...args: A): Promise<T> {
  const db = await getDb();
  const identity = await databaseIdentity(db);
  return unstable_cache((...a: A) => load(db, ...a), [name, identity], { tags, revalidate: 3600 })(...args);
}
