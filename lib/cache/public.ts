import { unstable_cache } from "next/cache";
import { isNull } from "drizzle-orm";
import { units } from "@/db/schema";
import { getDb, type Db } from "@/lib/db";
import { getSettings } from "@/lib/org/settings";

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
 * The tags public data is cached under; lib/cache/revalidate.ts expires them when a record changes.
 * Every entry also carries `portal`: the organisation's name and its units appear on every page.
 */
export const publicTags = {
  portal: "portal",
  documents: "documents",
  document: (id: string) => `document:${id}`,
  publications: "publications",
  albums: "albums",
  /** Every list of articles (home page, categories, feeds, sitemap). */
  articles: "articles",
  article: (id: string) => `article:${id}`,
} as const;

/**
 * How long anything public is kept at most, in seconds, even if no change expires it; also the
 * `revalidate` of the statically rendered portal pages (a route segment option must be a literal,
 * so those pages write 3600 and say so).
 */
export const PUBLIC_MAX_AGE_SECONDS = 3600;

/** What a value becomes through the data cache's JSON: dates are ISO strings. */
export type Jsonified<T> = T extends Date ? string : T extends readonly (infer U)[] ? Jsonified<U>[] : T extends object ? { [K in keyof T]: Jsonified<T[K]> } : T;

/**
 * Public data read through Next's data cache under tags, so anonymous pages do not query the
 * database on every visit; services' callers expire the tags when a record changes.
 *
 * Statically rendered pages (the document, publication and album pages: `generateStaticParams`
 * returns no paths, so each is rendered on its first visit and kept) must read their data through
 * here: the tags of what a page read become the page's own, so expiring a tag expires the page.
 * Values pass through JSON: dates come back as strings, and the type says so.
 */
export async function cachedPublic<A extends unknown[], T>(name: string, tags: string[], load: (db: Db, ...args: A) => Promise<T>, ...args: A): Promise<Jsonified<T>> {
  const db = await getDb();
  const identity = await databaseIdentity(db);
  return unstable_cache<(...a: A) => Promise<Jsonified<T>>>((...a: A) => load(db, ...a) as Promise<Jsonified<T>>, [name, identity], { tags: [publicTags.portal, ...tags], revalidate: PUBLIC_MAX_AGE_SECONDS })(...args);
}

/** The organisation's name and contacts for the portal's header, footer and metadata. */
export function publicSettings() {
  return cachedPublic("settings", [], getSettings);
}
