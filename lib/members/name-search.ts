import { sql, type SQL } from "drizzle-orm";
import { members } from "@/db/schema";
import type { Db } from "@/lib/db";
import { queryRows } from "@/lib/db/sql";
import { foldVietnamese } from "@/lib/i18n/format";
import { decodeSortKeyField, sortKeyLetters } from "@/lib/i18n/sort-key";

/**
 * Member search by name, a page in name order, over a million members.
 *
 * What matches: the query (diacritics folded, or as typed for the exact ranking) inside the
 * family and middle names, or touching the given name — inside it for one word; for several,
 * the last word at the start of the given name and the others at the end of the middle names.
 * The given name is compared by its letters (as the sort key keeps them), so "anhthu" finds
 * "Anh-Thư". A query with diacritics lists the matches spelled exactly so first.
 *
 * How it stays fast: given names lead the sort key, so everyone with the same given name sits in
 * one run of members_sort_idx. The runs are listed by skipping from one to the next (a probe per
 * given name in use), chosen by reading the given name back from the key, and a page needs only
 * the first rows of the first runs. Family and middle names (`name_rest`) have a trigram index:
 * when they hold fewer than REST_PROBE matches they are all read; when more, the matches are
 * dense and walking members_sort_idx (which carries name_rest) finds the page quickly, stopping
 * at the last row the given names already offer. No step reads every match, and apart from the
 * scope and filters (checked per row found) everything is read from the two indexes.
 */

/** A search counts its matches up to this many; beyond it the list says "more than 1,000". */
export const SEARCH_COUNT_CAP = 1000;
const REST_PROBE = SEARCH_COUNT_CAP + 1;
/** Shorter words give the trigram index nothing to look up. */
const TRIGRAM = 3;
/** In name_rest: between its words, and between its folded and written parts; END marks its end (in queries). */
const JOIN = "ß";
const SEP = "\u001f";
const END = "\u001e";

export interface NameQuery {
  /** Folded, lower case, single spaces. */
  folded: string;
  /** Lower case with its diacritics, when the query has any: those matches come first. */
  exact: string | null;
}

/** The query as typed → what the search looks for; null when nothing is left to look for. */
export function parseNameQuery(q: string): NameQuery | null {
  const typed = q.normalize("NFC").toLowerCase().trim().replace(/\s+/g, " ");
  const folded = foldVietnamese(typed);
  if (!folded) return null;
  return { folded, exact: folded === typed ? null : typed };
}

type Dir = "asc" | "desc";
type Kind = "folded" | "exact";
interface Hit {
  id: string;
  sk: string;
}
interface RestRow extends Hit {
  rest: string;
}
interface GivenGroup {
  /** The run's sort keys start with `key` (then a space or nothing); the next run starts at key + "!". */
  key: string;
  folded: string;
  exact: string;
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** One spelling of the query (folded, or exact) in name_rest's terms. */
interface Pattern {
  kind: Kind;
  /** The query with its words joined as name_rest joins them. */
  text: string;
  /** Given names (runs) the query can touch. */
  touches: (group: GivenGroup) => boolean;
  /** Several words: all but the last, joined; else null. */
  before: string | null;
  /** The last word's letters. */
  lastLetters: string;
  /** Several words: what `name_rest || END` contains when the rest ends with all but the last. */
  restEnds: string | null;
  /** The same, tested on a rest read back (name_rest). */
  restEndsWith: (rest: string) => boolean;
}

function pattern(search: NameQuery, kind: Kind): Pattern {
  const text = kind === "exact" ? search.exact! : search.folded;
  const words = text.split(" ");
  const last = sortKeyLetters(words.at(-1)!);
  const letters = kind === "exact" ? last : foldVietnamese(last);
  const before = words.slice(0, -1).join(JOIN);
  const read = (g: GivenGroup) => (kind === "exact" ? g.exact : g.folded);
  const part = (rest: string) => (kind === "exact" ? rest.slice(rest.indexOf(SEP) + 1) : rest.slice(0, rest.indexOf(SEP)));
  return {
    kind,
    text: text.replaceAll(" ", JOIN),
    before: words.length === 1 ? null : before,
    lastLetters: letters,
    touches: !letters ? () => false : words.length === 1 ? (g) => read(g).includes(letters) : (g) => read(g).startsWith(letters),
    restEnds: words.length === 1 ? null : `${before}${kind === "exact" ? END : SEP}`,
    restEndsWith: words.length === 1 ? () => true : (rest) => part(rest).endsWith(before),
  };
}

/**
 * Conditions on name_rest (of `table`) as plain substring tests: the planner can neither estimate
 * nor misuse them (a LIKE of fewer than three letters would scan the whole trigram index), so
 * they stay filters on the walk they are given. probe()'s LIKE is the one meant for the index.
 */
const restContains = (table: SQL, p: Pattern) => sql`strpos(${table}.name_rest, ${p.text}) > 0`;
const restEnds = (table: SQL, p: Pattern) => (p.restEnds ? sql` and strpos(${table}.name_rest || chr(30), ${p.restEnds}) > 0` : sql``);
const S = sql`s`;

/** Same order as `sort_key collate "C", id` (sort keys are ASCII; uuids compare as their hex). */
function compareHits(a: Hit, b: Hit, dir: Dir): number {
  const c = a.sk < b.sk ? -1 : a.sk > b.sk ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  return dir === "asc" ? c : -c;
}

function mergeTop(lists: Hit[][], k: number, dir: Dir): Hit[] {
  const unique = new Map<string, Hit>();
  for (const list of lists) for (const hit of list) unique.set(hit.id, hit);
  return [...unique.values()].sort((a, b) => compareHits(a, b, dir)).slice(0, k);
}


/** The given names in use, in name order: one index probe per name. */
async function givenGroups(db: Db): Promise<GivenGroup[]> {
  const keys = await queryRows<{ k: string }>(
    db,
    sql`with recursive g(k) as (
      (select split_part(sort_key, ' ', 1) from members order by sort_key collate "C" limit 1)
      union all
      select (select split_part(m.sort_key, ' ', 1) from members m where m.sort_key collate "C" >= g.k || '!' order by m.sort_key collate "C" limit 1)
      from g where g.k is not null
    ) select k from g where k is not null`,
  );
  return keys.map(({ k }) => ({ key: k, ...decodeSortKeyField(k) }));
}

interface Context {
  db: Db;
  /** Scope and list filters on the members row; undefined when there are none. */
  where: SQL | undefined;
  dir: Dir;
}

/**
 * Entries of members_sort_idx (alias s) meeting `condition`, in order, at most `limit`. The row
 * itself is read, by its key, only to check the scope and filters of what the index lets through
 * — in a correlated subquery on purpose: as a join, the planner (which cannot estimate a LIKE)
 * may prefer to sort every match.
 */
function indexWalk(ctx: Context, condition: SQL, limit: number): SQL {
  const dir = sql.raw(ctx.dir);
  const rowTest = ctx.where ? sql` and coalesce((select true from members where members.id = s.id and ${ctx.where}), false)` : sql``;
  return sql`select s.id::text as id, s.sort_key collate "C" as sk from members s
    where ${condition}${rowTest}
    order by s.sort_key collate "C" ${dir}, s.id ${dir} limit ${limit}`;
}

function runs(groups: GivenGroup[]): SQL {
  return sql`unnest(${sql.param(groups.map((g) => g.key))}::text[], ${sql.param(groups.map((g) => `${g.key}!`))}::text[]) as g(lo, hi)`;
}

function inRun(p: Pattern): SQL {
  return sql`s.sort_key collate "C" >= g.lo and s.sort_key collate "C" < g.hi${restEnds(S, p)}`;
}

/** The first `k` matches touching a given name, from the first runs on (more runs per round). */
async function givenSide(ctx: Context, p: Pattern, groups: GivenGroup[], k: number): Promise<Hit[]> {
  const hits: Hit[] = [];
  for (let from = 0, size = 1; from < groups.length && hits.length < k; from += size, size *= 4) {
    const found = await queryRows<Hit>(ctx.db, sql`select x.id, x.sk from ${runs(groups.slice(from, from + size))} cross join lateral (${indexWalk(ctx, inRun(p), k - hits.length)}) x`);
    hits.push(...found.sort((a, b) => compareHits(a, b, ctx.dir)).slice(0, k - hits.length));
  }
  return hits;
}

/** How many rows touch a chosen given name, counted up to REST_PROBE. */
async function countGivenSide(ctx: Context, p: Pattern, groups: GivenGroup[]): Promise<number> {
  if (groups.length === 0) return 0;
  const [row] = await queryRows<{ n: number }>(
    ctx.db,
    sql`select count(*)::int as n from (select 1 from ${runs(groups)} cross join lateral (${indexWalk(ctx, inRun(p), REST_PROBE)}) x limit ${REST_PROBE}) c`,
  );
  return row?.n ?? 0;
}

interface Probe {
  rows: RestRow[];
  /** Fewer than REST_PROBE: every such row. */
  complete: boolean;
}

/** Rows whose name_rest is LIKE `like` (its trigram index), up to REST_PROBE of them. */
async function probe(ctx: Context, like: string): Promise<Probe> {
  const rows = await queryRows<RestRow>(
    ctx.db,
    sql`select ${members.id}::text as id, ${members.sortKey} as sk, ${members.nameRest} as rest from ${members}
      where ${members.nameRest} like ${like}${ctx.where ? sql` and ${ctx.where}` : sql``}
      limit ${REST_PROBE}`,
  );
  return { rows, complete: rows.length < REST_PROBE };
}

const runKey = (sk: string) => sk.split(" ")[0]!;
const longestWord = (text: string) => Math.max(...text.split(/[^\p{L}\p{N}]+/u).map((w) => w.length));

/** What is known of one spelling of the query before a page is put together. */
interface Prepared {
  p: Pattern;
  /** The given names it touches, in list order. */
  groups: GivenGroup[];
  /** Rests containing it; null when its words are too short for trigrams. */
  rest: Probe | null;
  /**
   * Several words and a last one too short to pick few given names: rests ending with the other
   * words (then their given names are checked), when these words have trigrams; else null.
   */
  ends: Probe | null;
}

async function prepare(ctx: Context, p: Pattern, groups: GivenGroup[], from?: Prepared): Promise<Prepared> {
  const ownGroups = groups.filter(p.touches);
  const written = (r: RestRow) => r.rest.slice(r.rest.indexOf(SEP) + 1);
  // The exact spellings are among the folded matches: filter those when all were read.
  const rest = from?.rest?.complete
    ? { rows: from.rest.rows.filter((r) => written(r).includes(p.text)), complete: true }
    : longestWord(p.text) >= TRIGRAM
      ? await probe(ctx, `%${escapeLike(p.text)}%`)
      : null;
  let ends: Probe | null = null;
  if (p.before !== null && p.lastLetters.length < TRIGRAM && longestWord(p.before) >= TRIGRAM) {
    ends = from?.ends?.complete
      ? { rows: from.ends.rows.filter((r) => p.restEndsWith(r.rest)), complete: true }
      : await probe(ctx, p.kind === "exact" ? `%${escapeLike(p.before)}` : `%${escapeLike(p.before)}${SEP}%`);
  }
  return { p, groups: ownGroups, rest, ends };
}

/** The given-name side from the rests already read: those whose given name it touches. */
function givenFromEnds(prep: Prepared): Hit[] {
  const keys = new Set(prep.groups.map((g) => g.key));
  return prep.ends!.rows.filter((r) => keys.has(runKey(r.sk)));
}

/** The first `k` matches of one spelling, in order. */
async function top(ctx: Context, prep: Prepared, k: number): Promise<Hit[]> {
  const given = prep.ends?.complete ? mergeTop([givenFromEnds(prep)], k, ctx.dir) : await givenSide(ctx, prep.p, prep.groups, k);
  if (prep.rest?.complete) return mergeTop([given, prep.rest.rows], k, ctx.dir);
  // Many matches in family and middle names (or too short a query to look them up): walk
  // members_sort_idx, up to the k-th given-name match if there is one.
  const op = sql.raw(ctx.dir === "asc" ? "<=" : ">=");
  const bound = given.length >= k ? sql`s.sort_key collate "C" ${op} ${given[k - 1]!.sk} and ` : sql``;
  const walked = await queryRows<Hit>(ctx.db, indexWalk(ctx, sql`${bound}${restContains(S, prep.p)}`, k));
  return mergeTop([given, walked], k, ctx.dir);
}

/** The number of matches, up to the cap. */
async function countMatches(ctx: Context, prep: Prepared) {
  const capped = { total: SEARCH_COUNT_CAP, totalCapped: true };
  const { p, groups, rest } = prep;
  if (rest && !rest.complete) return capped;
  const given = prep.ends?.complete ? givenFromEnds(prep).length : await countGivenSide(ctx, p, groups);
  if (given > SEARCH_COUNT_CAP) return capped;
  let total: number;
  if (rest) {
    // A row found on both sides counts once.
    const keys = new Set(groups.map((g) => g.key));
    total = rest.rows.length + given - rest.rows.filter((r) => keys.has(runKey(r.sk)) && p.restEndsWith(r.rest)).length;
  } else {
    // Too short for trigrams: the rests are counted along members_sort_idx.
    const [row] = await queryRows<{ n: number }>(ctx.db, sql`select count(*)::int as n from (${indexWalk(ctx, sql`${restContains(S, p)} and not ${inAnyRun(groups, p, S)}`, REST_PROBE)}) c`);
    total = given + (row?.n ?? 0);
  }
  return total > SEARCH_COUNT_CAP ? capped : { total, totalCapped: false };
}

export interface NameSearch {
  /** The page's member ids, in order. */
  ids: string[];
  total: number;
  /** More than `total` members match. */
  totalCapped: boolean;
}

/**
 * A page of the members whose name matches, in name order (exact spellings first when the query
 * has diacritics), with the number of matches counted up to SEARCH_COUNT_CAP.
 */
export async function searchMembersByName(
  db: Db,
  search: NameQuery,
  options: { where: SQL | undefined; dir: Dir; offset: number; limit: number },
): Promise<NameSearch> {
  const ctx: Context = { db, where: options.where, dir: options.dir };
  const k = options.offset + options.limit;
  const groups = await givenGroups(db);
  if (ctx.dir === "desc") groups.reverse();
  const folded = await prepare(ctx, pattern(search, "folded"), groups);

  let ranked: Hit[];
  let matches: Hit[] | null = null;
  if (search.exact) {
    const exact = await top(ctx, await prepare(ctx, pattern(search, "exact"), groups, folded), k);
    if (exact.length >= k) ranked = exact;
    else {
      // Every exact match is known: the other folded ones follow.
      const exactIds = new Set(exact.map((h) => h.id));
      matches = await top(ctx, folded, k);
      ranked = [...exact, ...matches.filter((h) => !exactIds.has(h.id))];
    }
  } else ranked = matches = await top(ctx, folded, k);

  // Fewer than asked for: that is every match.
  const counted = matches && matches.length < k ? { total: matches.length, totalCapped: false } : await countMatches(ctx, folded);
  return { ids: ranked.slice(options.offset, k).map((h) => h.id), ...counted };
}

/** Rows (of `table`) in one of the runs, meeting the pattern's condition on the rest. */
function inAnyRun(groups: GivenGroup[], p: Pattern, table: SQL): SQL {
  if (groups.length === 0) return sql`false`;
  const key = sql`${table}.sort_key collate "C"`;
  const run = sql.join(groups.map((g) => sql`(${key} >= ${g.key} and ${key} < ${`${g.key}!`})`), sql` or `);
  return sql`((${run})${restEnds(table, p)})`;
}

/**
 * The same matches as a condition, for lists in another order than the name: the rest's trigram
 * index or the given names' runs, or'ed (a bitmap of every match).
 */
export async function nameCondition(db: Db, search: NameQuery): Promise<SQL> {
  const folded = pattern(search, "folded");
  const groups = (await givenGroups(db)).filter(folded.touches);
  const inRest = longestWord(folded.text) >= TRIGRAM ? sql`${members.nameRest} like ${`%${escapeLike(folded.text)}%`}` : restContains(sql`"members"`, folded);
  return sql`(${inRest} or ${inAnyRun(groups, folded, sql`"members"`)})`;
}

/** Exact spellings first, for the same lists. */
export async function exactFirst(db: Db, search: NameQuery): Promise<SQL | undefined> {
  if (!search.exact) return undefined;
  const exact = pattern(search, "exact");
  const groups = (await givenGroups(db)).filter(exact.touches);
  return sql`case when ${restContains(sql`"members"`, exact)} or ${inAnyRun(groups, exact, sql`"members"`)} then 0 else 1 end`;
}
