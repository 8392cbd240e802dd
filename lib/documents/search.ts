import { and, asc, inArray, sql, type SQL } from "drizzle-orm";
import { documents } from "@/db/schema";
import type { Db } from "@/lib/db";
import { foldVietnamese } from "@/lib/i18n/format";

/**
 * Text search over documents, shared by the public library and the workspace list.
 *
 * - Words match whole syllables, diacritics ignored, through search_vector (a generated tsvector
 *   of the folded search_text) and its GIN index.
 * - A query with a digit, "/" or "-" is a number or symbol: it matches the documents' own symbols
 *   through a trigram index ("374-TB" finds 374-TB/HCCB); only when no document has such a symbol
 *   does it look for those words anywhere in the text (a symbol cited in other documents).
 * - The rank (an exact symbol, words spelled with the same diacritics, the whole phrase) orders the
 *   first RANKED_MATCHES matches in the list's own order; later matches keep that order. Ranking
 *   every match would read the text of tens of thousands of rows for a common word.
 * - A total above SEARCH_COUNT_CAP is shown as "more than" it: counting every match of a common
 *   word costs more than the page itself.
 */

export const RANKED_MATCHES = 200;
export const SEARCH_COUNT_CAP = 1000;
/** Longer queries keep their first words. */
export const MAX_SEARCH_WORDS = 16;

export type MatchPath = "words" | "symbol" | "text";

export interface TextSearch {
  /** The condition a matching document meets. */
  match: SQL;
  /** Lower ranks first. */
  rank: SQL;
  path: MatchPath;
}

export function escapeLike(value: string) {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

const looksLikeSymbol = (folded: string) => /[\d/-]/.test(folded);

/**
 * The folded query as a regular expression over lower(number_symbol), where "đ" is still "đ"; a
 * number at either end stands whole ("1-kh" is not the end of "11-kh/hctnxp").
 */
export function symbolPattern(folded: string) {
  const body = folded.replace(/[^\p{L}\p{N} ]/gu, (c) => `\\${c}`).replace(/d/g, "[dđ]");
  return `${/^\d/.test(folded) ? "(^|[^0-9])" : ""}${body}${/\d$/.test(folded) ? "([^0-9]|$)" : ""}`;
}

/**
 * How `q` matches, or null when it has no words. `within` is what the caller may see (and its
 * filters): a symbol counts as found only if a document there has it.
 */
export async function textSearch(db: Db, q: string | undefined, within: SQL): Promise<TextSearch | null> {
  const typed = (q ?? "").trim().toLowerCase().replace(/\s+/g, " ");
  const words = foldVietnamese(typed).split(" ").filter(Boolean).slice(0, MAX_SEARCH_WORDS);
  if (words.length === 0) return null;
  const phrase = words.join(" ");
  // A number/symbol typed exactly, then how many words are spelled exactly as typed (with their
  // diacritics: "dương" before "đường"), then the whole phrase, folded.
  const exactWords = typed.split(" ").slice(0, MAX_SEARCH_WORDS);
  const misses = exactWords.map((w) => sql`(case when lower(${documents.abstract}) like ${`%${escapeLike(w)}%`} then 0 else 2 end)`);
  const rank = sql`((case when lower(${documents.numberSymbol}) = ${typed} then 0 else 100 end)
    + ${sql.join(misses, sql` + `)}
    + (case when ${documents.searchText} like ${`%${escapeLike(phrase)}%`} then 0 else 1 end))`;

  if (looksLikeSymbol(phrase)) {
    const symbol = sql`lower(${documents.numberSymbol}) ~ ${symbolPattern(phrase)}`;
    const [hit] = await db.select({ one: sql`1` }).from(documents).where(and(within, symbol)).limit(1);
    if (hit) return { match: symbol, rank, path: "symbol" };
    // Every word somewhere in the text (the trigram index on search_text).
    return { match: and(...words.map((w) => sql`${documents.searchText} like ${`%${escapeLike(w)}%`}`))!, rank, path: "text" };
  }
  return { match: sql`${documents.searchVector} @@ plainto_tsquery('simple', ${phrase})`, rank, path: "words" };
}

/** Rows of one page for a condition, in an order, as the caller selects them. */
export type PageRows<R> = (condition: SQL, orderBy: SQL[], limit: number, offset: number) => Promise<R[]>;

/**
 * One page of a list whose order is `order` (ending with a unique column). With a text search, the
 * first RANKED_MATCHES rows of that order are ranked first; the rows after them keep the order.
 */
export async function searchPage<R>(
  db: Db,
  input: { condition: SQL; search: TextSearch | null; order: SQL[]; page: number; pageSize: number },
  rows: PageRows<R>,
): Promise<R[]> {
  const { condition, search, order, pageSize } = input;
  const offset = (input.page - 1) * pageSize;
  if (!search) return rows(condition, order, pageSize, offset);
  const parts: Promise<R[]>[] = [];
  if (offset < RANKED_MATCHES) {
    const ranked = db.select({ id: documents.id }).from(documents).where(condition).orderBy(...order).limit(RANKED_MATCHES);
    parts.push(rows(inArray(documents.id, ranked), [asc(search.rank), ...order], Math.min(pageSize, RANKED_MATCHES - offset), offset));
  }
  const end = offset + pageSize;
  if (end > RANKED_MATCHES) {
    const from = Math.max(offset, RANKED_MATCHES);
    parts.push(rows(condition, order, end - from, from));
  }
  return (await Promise.all(parts)).flat();
}

/** How many documents meet the condition; with `capped`, counted up to SEARCH_COUNT_CAP + 1 only. */
export async function countDocuments(db: Db, condition: SQL, capped: boolean): Promise<{ total: number; totalCapped: boolean }> {
  if (!capped) {
    const [row] = await db.select({ total: sql<number>`count(*)::int` }).from(documents).where(condition);
    return { total: row?.total ?? 0, totalCapped: false };
  }
  const matches = db
    .select({ one: sql`1`.as("one") })
    .from(documents)
    .where(condition)
    .limit(SEARCH_COUNT_CAP + 1)
    .as("matches");
  const [row] = await db.select({ total: sql<number>`count(*)::int` }).from(matches);
  const total = row?.total ?? 0;
  return total > SEARCH_COUNT_CAP ? { total: SEARCH_COUNT_CAP, totalCapped: true } : { total, totalCapped: false };
}
