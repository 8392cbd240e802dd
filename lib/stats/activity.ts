import { and, eq, sql } from "drizzle-orm";
import { articles, articleViewDays, documents, units } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { InvalidInputError, NotFoundError } from "@/lib/auth/errors";
import { inScope, requirePermission } from "@/lib/auth/guard";
import type { Db } from "@/lib/db";
import { queryRows } from "@/lib/db/sql";
import { publiclyVisible } from "@/lib/documents/service";
import type { MessageKey } from "@/lib/i18n";
import { todayInVietnam } from "@/lib/i18n/format";
import { compareUnitNames } from "@/lib/org/sort";
import type { ActivityCounts, ActivityFigures, UnitRef } from "./types";

/**
 * Portal and document activity of a unit's subtree over a period (issue 6, item 4), counted on the
 * fly from the base tables in one grouped statement. Days are Vietnam's calendar days:
 *
 * - documentsPublished: documents on the portal now (published, public, not secret — lib/documents
 *   `publiclyVisible`) whose published_at falls in the period. Unpublishing clears published_at,
 *   so a document taken off the portal no longer counts, and one published again counts on its new day.
 * - documentViews: the running view_count of those documents (no per-day record exists), under
 *   the month each was published.
 * - articlesPublished: articles whose published_at falls in the period. The workflow sets
 *   published_at once, at the first publication (or the scheduled time), and keeps it through
 *   unpublishing and publishing again (lib/portal/articles/workflow.ts), so it is "first published",
 *   whatever the status is now; it is never set on an article that was not published.
 * - articleViews: article_view_days.views on the days of the period, for every article of the
 *   subtree whenever it was published.
 */

export interface ActivityQuery {
  unitId: string;
  /** yyyy-MM-dd, both days included. */
  from: string;
  to: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function isCalendarDay(value: unknown): value is string {
  if (typeof value !== "string" || !DAY.test(value)) return false;
  const [y, m, d] = value.split("-").map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** Every error of the period at once: malformed days, a future end, a reversed range. */
function checkPeriod(from: unknown, to: unknown): asserts from is string {
  const errors: Record<string, MessageKey> = {};
  const fromOk = isCalendarDay(from);
  const toOk = isCalendarDay(to);
  if (!fromOk) errors.from = "validation.date";
  if (!toOk) errors.to = "validation.date";
  else if (to > todayInVietnam()) errors.to = "stats.futureDate";
  if (fromOk && toOk && from > to) errors.from = "stats.reversedRange";
  if (Object.keys(errors).length > 0) throw new InvalidInputError(errors, Object.values(errors)[0]);
}

/** Each calendar month the period touches, "yyyy-MM", in order. */
export function monthsOf(from: string, to: string): string[] {
  const months: string[] = [];
  let [year, month] = [Number(from.slice(0, 4)), Number(from.slice(5, 7))];
  const last = to.slice(0, 7);
  for (;;) {
    const key = `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}`;
    months.push(key);
    if (key >= last) return months;
    [year, month] = month === 12 ? [year + 1, 1] : [year, month + 1];
  }
}

const zero = (): ActivityCounts => ({ documentsPublished: 0, documentViews: 0, articlesPublished: 0, articleViews: 0 });

interface GroupRow {
  month: string | null;
  child_path: string | null;
  grouped_by: "month" | "child" | "total";
  documents_published: string | number;
  document_views: string | number;
  articles_published: string | number;
  article_views: string | number;
}

export async function unitActivity(db: Db, actor: Actor | null, query: ActivityQuery): Promise<ActivityFigures> {
  const scope = requirePermission(actor, "stats.read");
  // An id that is not even a uuid names no unit: not found, like a unit outside the scope.
  if (typeof query.unitId !== "string" || !UUID.test(query.unitId)) throw new NotFoundError("unit.notFound");
  checkPeriod(query.from, query.to);
  const { from, to } = query;

  const [unit] = await db
    .select({ id: units.id, name: units.name, code: units.code, level: units.level, activeTo: units.activeTo, path: units.path })
    .from(units)
    .where(and(eq(units.id, query.unitId), inScope(units.path, scope)))
    .limit(1);
  if (!unit) throw new NotFoundError("unit.notFound");

  // The first and the day after the last instant of the period, in Vietnam: a range on the
  // timestamps themselves, the same days as `(published_at at time zone …)::date between from and to`.
  const start = sql`(${from}::date::timestamp at time zone 'Asia/Ho_Chi_Minh')`;
  const end = sql`((${to}::date + 1)::timestamp at time zone 'Asia/Ho_Chi_Minh')`;
  const vietnamMonth = (instant: PublishedAt) => sql`to_char(${instant} at time zone 'Asia/Ho_Chi_Minh', 'YYYY-MM')`;
  const depth = sql`nlevel(${unit.path}::ltree)`;

  const [children, rows] = await Promise.all([
    db
      .select({ id: units.id, name: units.name, code: units.code, level: units.level, activeTo: units.activeTo, path: units.path })
      .from(units)
      .where(and(eq(units.parentId, unit.id), sql`${units.activeFrom} <= ${to}::date`, sql`(${units.activeTo} is null or ${units.activeTo} >= ${to}::date)`)),
    queryRows<GroupRow>(
      db,
      sql`with subtree as not materialized (
        select ${units.id} as id, ${units.path} as path from ${units} where ${units.path} <@ ${unit.path}::ltree
      ),
      items as (
        select ${documents.unitId} as unit_id, ${vietnamMonth(documents.publishedAt)} as month,
          1 as documents_published, ${documents.viewCount} as document_views, 0 as articles_published, 0 as article_views
        from ${documents}
        where ${documents.unitId} in (select id from subtree) and ${publiclyVisible}
          and ${documents.publishedAt} >= ${start} and ${documents.publishedAt} < ${end}
        union all
        select ${articles.unitId}, ${vietnamMonth(articles.publishedAt)}, 0, 0, 1, 0
        from ${articles}
        where ${articles.unitId} in (select id from subtree)
          and ${articles.publishedAt} >= ${start} and ${articles.publishedAt} < ${end}
        union all
        select a.unit_id, to_char(v.day, 'YYYY-MM'), 0, 0, 0, v.views
        from ${articleViewDays} v join ${articles} a on a.id = v.article_id
        where a.unit_id in (select id from subtree) and v.day between ${from}::date and ${to}::date
      ),
      -- Each item under the child of the unit it lies below (none for the unit's own items).
      placed as (
        select i.*, case when nlevel(s.path) > ${depth} then subpath(s.path, 0, ${depth} + 1)::text end as child_path
        from items i join subtree s on s.id = i.unit_id
      )
      select month, child_path,
        case when grouping(month) = 0 then 'month' when grouping(child_path) = 0 then 'child' else 'total' end as grouped_by,
        count(*) filter (where documents_published = 1) as documents_published,
        coalesce(sum(document_views), 0)::bigint as document_views,
        count(*) filter (where articles_published = 1) as articles_published,
        coalesce(sum(article_views), 0)::bigint as article_views
      from placed
      group by grouping sets ((month), (child_path), ())`,
    ),
  ]);

  const counts = (r: GroupRow | undefined): ActivityCounts =>
    r
      ? {
          documentsPublished: Number(r.documents_published),
          documentViews: Number(r.document_views),
          articlesPublished: Number(r.articles_published),
          articleViews: Number(r.article_views),
        }
      : zero();
  const byMonth = new Map(rows.filter((r) => r.grouped_by === "month").map((r) => [r.month!, r]));
  const byChild = new Map(rows.filter((r) => r.grouped_by === "child" && r.child_path !== null).map((r) => [r.child_path!, r]));

  return {
    from,
    to,
    totals: counts(rows.find((r) => r.grouped_by === "total")),
    months: monthsOf(from, to).map((month) => ({ month, ...counts(byMonth.get(month)) })),
    children: children
      .sort((a, b) => compareUnitNames(a.name, b.name))
      .map(({ path, ...child }) => ({ unit: unitRef(child), ...counts(byChild.get(path)) })),
  };
}

type PublishedAt = typeof documents.publishedAt | typeof articles.publishedAt;

function unitRef(row: { id: string; name: string; code: string; level: number; activeTo: string | null }): UnitRef {
  return { id: row.id, name: row.name, code: row.code, level: row.level, activeTo: row.activeTo };
}

