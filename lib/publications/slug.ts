import { and, eq, like, ne, or, sql } from "drizzle-orm";
import { articleCategories, articles, mediaAlbums, publications } from "@/db/schema";
import type { Db } from "@/lib/db";
import { foldVietnamese } from "@/lib/i18n/format";

const MAX_SLUG = 80;

/** "Bản tin số 3 năm 2026" → "ban-tin-so-3-nam-2026": unaccented, lower case, hyphenated. */
export function slugify(text: string, fallback = "an-pham"): string {
  const slug = foldVietnamese(text.normalize("NFC"))
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+/, "")
    .slice(0, MAX_SLUG)
    .replace(/-+$/, "");
  return slug || fallback;
}

/** The base itself when free, otherwise the first free base-2, base-3, … */
export function firstFreeSlug(base: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) if (!used.has(`${base}-${n}`)) return `${base}-${n}`;
}

const TABLES = { publications, media_albums: mediaAlbums, articles, article_categories: articleCategories } as const;

/**
 * A slug free in the table, claimed for this transaction: a transaction-scoped advisory lock on
 * the base makes two editors saving the same title at once take -2 and -3 instead of one failing
 * on the unique index. `exceptId` is the row being renamed (its own slug does not count).
 */
export async function claimSlug(tx: Db, table: keyof typeof TABLES, base: string, exceptId?: string): Promise<string> {
  const target = TABLES[table];
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`${table}:${base}`}))`);
  // Slugs hold only [a-z0-9-], so the base has no LIKE wildcards in it.
  const rows = await tx
    .select({ slug: target.slug })
    .from(target)
    .where(and(or(eq(target.slug, base), like(target.slug, `${base}-%`)), exceptId ? ne(target.id, exceptId) : undefined));
  return firstFreeSlug(base, rows.map((r) => r.slug));
}
