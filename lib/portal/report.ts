import { sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { articleCategories, articleEvents, articles, articleViewDays, units, users } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { InvalidInputError } from "@/lib/auth/errors";
import { inScope, requirePermission } from "@/lib/auth/guard";
import type { Db } from "@/lib/db";
import { queryRows } from "@/lib/db/sql";
import { t, type MessageKey } from "@/lib/i18n";
import { compareVietnameseNames, todayInVietnam } from "@/lib/i18n/format";
import { findUnitInScope } from "@/lib/org/units";

/**
 * The editorial board's monthly report: what was published, per category and per author, and how
 * long articles waited for review. Months are Vietnam's calendar months; every figure is counted
 * in SQL over the articles whose unit lies in the reviewer's scope.
 */

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** "YYYY-MM", from 01/2000 (before the organisation kept news) to the current month in Vietnam. */
export const reportInput = z.object({
  month: z
    .string("report.monthInvalid")
    .regex(MONTH, "report.monthInvalid")
    .refine((m) => m >= "2000-01" && m <= todayInVietnam().slice(0, 7), "report.monthInvalid"),
  unitId: z.uuid("validation.unknownItem").optional(),
});
export type ReportInput = z.input<typeof reportInput>;

export interface MonthTotals {
  published: number;
  submitted: number;
  returned: number;
  rejected: number;
  views: number;
  /** Median seconds from the last submission to the first publication; null when none was measured. */
  medianSeconds: number | null;
  /** Articles first published in the month that had been submitted (the median's sample). */
  measured: number;
  /** Articles first published in the month by an editor without ever being submitted. */
  publishedDirectly: number;
}

export interface CategoryFigures {
  id: string;
  name: string;
  parentName: string | null;
  published: number;
  views: number;
}

export interface AuthorFigures {
  id: string;
  fullName: string;
  submitted: number;
  published: number;
  returned: number;
  rejected: number;
  views: number;
}

export interface EditorialReport {
  month: string;
  previousMonth: string;
  unit: { id: string; name: string } | null;
  categories: CategoryFigures[];
  authors: AuthorFigures[];
  totals: MonthTotals;
  previousTotals: MonthTotals;
}

/** "2026-10" → "10/2026". */
export function formatMonth(month: string): string {
  return `${month.slice(5, 7)}/${month.slice(0, 4)}`;
}

export function previousMonthOf(month: string): string {
  const [year, m] = [Number(month.slice(0, 4)), Number(month.slice(5, 7))];
  return m === 1 ? `${year - 1}-12` : `${year}-${String(m - 1).padStart(2, "0")}`;
}

function nextMonthOf(month: string): string {
  const [year, m] = [Number(month.slice(0, 4)), Number(month.slice(5, 7))];
  return m === 12 ? `${year + 1}-01` : `${year}-${String(m + 1).padStart(2, "0")}`;
}

/** A wait in days and hours ("1 ngày 4 giờ"); under an hour in minutes, since hours would read as none. */
export function formatWait(seconds: number | null): string {
  if (seconds === null) return t("report.noMedian");
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return t("report.minutes", { minutes });
  const allHours = Math.round(seconds / 3600);
  const days = Math.floor(allHours / 24);
  const hours = allHours % 24;
  const parts = [days > 0 ? t("report.days", { days }) : "", hours > 0 || days === 0 ? t("report.hours", { hours }) : ""];
  return parts.filter(Boolean).join(" ");
}

/** The rows of the totals, in the order the board reads them; shared by the page and the workbook (a wait as text, counts as numbers). */
export const TOTAL_ROWS: { key: MessageKey; value: (totals: MonthTotals) => number | string }[] = [
  { key: "report.total.published", value: (x) => x.published },
  { key: "report.total.submitted", value: (x) => x.submitted },
  { key: "report.total.returned", value: (x) => x.returned },
  { key: "report.total.rejected", value: (x) => x.rejected },
  { key: "report.total.views", value: (x) => x.views },
  { key: "report.total.median", value: (x) => formatWait(x.medianSeconds) },
  { key: "report.total.measured", value: (x) => x.measured },
  { key: "report.total.direct", value: (x) => x.publishedDirectly },
];

/** One month's report for a reviewer, over their whole scope or one unit in it, with the month before for comparison. */
export async function editorialReport(db: Db, actor: Actor | null, input: ReportInput): Promise<EditorialReport> {
  const scope = requirePermission(actor, "article.review");
  const parsed = reportInput.safeParse(input);
  if (!parsed.success) {
    const fieldErrors = Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message as MessageKey]));
    throw new InvalidInputError(fieldErrors, Object.values(fieldErrors)[0] ?? "error.invalid");
  }
  const { month, unitId } = parsed.data;
  const unit = unitId ? await findUnitInScope(db, unitId, scope) : null;
  // The scope always bounds the rows; a chosen unit (itself checked to be in scope) narrows them.
  const where = unit ? sql`${inScope(units.path, scope)} and ${units.path} <@ ${unit.path}::ltree` : inScope(units.path, scope);
  const previousMonth = previousMonthOf(month);
  const [current, previous, categories] = await Promise.all([
    monthFigures(db, where, month),
    monthFigures(db, where, previousMonth),
    db.select().from(articleCategories),
  ]);
  return {
    month,
    previousMonth,
    unit: unit ? { id: unit.id, name: unit.name } : null,
    categories: categoryRows(categories, current.byCategory),
    authors: await authorRows(db, current.byAuthor),
    totals: current.totals,
    previousTotals: previous.totals,
  };
}

interface GroupRow {
  level: "total" | "category" | "author";
  key: string | null;
  published: number;
  submitted: number;
  returned: number;
  rejected: number;
  views: number;
  median_seconds: number | null;
  measured: number;
  direct: number;
}

/**
 * One pass over the month's activity, grouped three ways at once (grouping sets): per category,
 * per author and in total. An article counts as published in the month when its first `published`
 * event falls in it, so a republication after an unpublication never counts again.
 */
async function monthFigures(db: Db, where: SQL, month: string) {
  const firstDay = `${month}-01`;
  const nextFirstDay = `${nextMonthOf(month)}-01`;
  const start = sql`(${firstDay}::timestamp at time zone 'Asia/Ho_Chi_Minh')`;
  const end = sql`(${nextFirstDay}::timestamp at time zone 'Asia/Ho_Chi_Minh')`;
  const rows = await queryRows<GroupRow>(
    db,
    sql`with scoped as not materialized (
      select ${articles.id} as id, ${articles.categoryId} as category_id, ${articles.authorId} as author_id
      from ${articles} join ${units} on ${units.id} = ${articles.unitId}
      where ${where}
    ),
    first_published as (
      select e.article_id, min(e.at) as at
      from ${articleEvents} e join scoped s on s.id = e.article_id
      where e.kind = 'published' and e.at >= ${start} and e.at < ${end}
        and not exists (select 1 from ${articleEvents} p where p.article_id = e.article_id and p.kind = 'published' and p.at < ${start})
      group by e.article_id
    ),
    -- The wait runs from the latest submission before that first publication (a resubmission
    -- after a return restarts it); none for an article an editor published without a submission.
    waits as (
      select f.article_id, true as published,
        extract(epoch from f.at - (select max(e.at) from ${articleEvents} e
          where e.article_id = f.article_id and e.kind = 'submitted' and e.at < f.at)) as wait_seconds
      from first_published f
    ),
    steps as (
      select e.article_id,
        count(*) filter (where e.kind = 'submitted') as submitted,
        count(*) filter (where e.kind = 'returned') as returned,
        count(*) filter (where e.kind = 'rejected') as rejected
      from ${articleEvents} e join scoped s on s.id = e.article_id
      where e.kind in ('submitted', 'returned', 'rejected') and e.at >= ${start} and e.at < ${end}
      group by e.article_id
    ),
    viewed as (
      select v.article_id, sum(v.views) as views
      from ${articleViewDays} v join scoped s on s.id = v.article_id
      where v.day >= ${firstDay}::date and v.day < ${nextFirstDay}::date
      group by v.article_id
    ),
    active as (
      select s.id, s.category_id, s.author_id, coalesce(w.published, false) as published, w.wait_seconds,
        coalesce(st.submitted, 0) as submitted, coalesce(st.returned, 0) as returned, coalesce(st.rejected, 0) as rejected,
        coalesce(vw.views, 0) as views
      from scoped s
        left join waits w on w.article_id = s.id
        left join steps st on st.article_id = s.id
        left join viewed vw on vw.article_id = s.id
      where w.article_id is not null or st.article_id is not null or vw.article_id is not null
    )
    select
      case when grouping(category_id) = 0 then 'category' when grouping(author_id) = 0 then 'author' else 'total' end as level,
      case when grouping(category_id) = 0 then category_id::text when grouping(author_id) = 0 then author_id::text end as key,
      (count(*) filter (where published))::int as published,
      sum(submitted)::int as submitted,
      sum(returned)::int as returned,
      sum(rejected)::int as rejected,
      sum(views)::bigint as views,
      percentile_cont(0.5) within group (order by wait_seconds) as median_seconds,
      (count(wait_seconds))::int as measured,
      (count(*) filter (where published and wait_seconds is null))::int as direct
    from active
    group by grouping sets ((category_id), (author_id), ())`,
  );
  const figures = rows.map((r) => ({
    ...r,
    published: Number(r.published),
    submitted: Number(r.submitted),
    returned: Number(r.returned),
    rejected: Number(r.rejected),
    views: Number(r.views),
    median_seconds: r.median_seconds === null ? null : Number(r.median_seconds),
    measured: Number(r.measured),
    direct: Number(r.direct),
  }));
  const total = figures.find((r) => r.level === "total");
  return {
    byCategory: new Map(figures.filter((r) => r.level === "category").map((r) => [r.key!, r])),
    // Articles without a recorded author count in the totals but have no row of their own.
    byAuthor: figures.filter((r) => r.level === "author" && r.key !== null),
    totals: {
      published: total?.published ?? 0,
      submitted: total?.submitted ?? 0,
      returned: total?.returned ?? 0,
      rejected: total?.rejected ?? 0,
      views: total?.views ?? 0,
      medianSeconds: total?.median_seconds ?? null,
      measured: total?.measured ?? 0,
      publishedDirectly: total?.direct ?? 0,
    } satisfies MonthTotals,
  };
}

type Figures = Awaited<ReturnType<typeof monthFigures>>["byAuthor"][number];
type Category = typeof articleCategories.$inferSelect;

/**
 * Categories in the order of the portal's menu: each parent followed by its children, siblings by
 * position then name. Hidden categories are listed only when they had activity in the month.
 */
function categoryRows(categories: Category[], figures: Map<string, Figures>): CategoryFigures[] {
  const byId = new Map(categories.map((c) => [c.id, c]));
  const children = new Map<string | null, Category[]>();
  for (const c of categories) children.set(c.parentId, [...(children.get(c.parentId) ?? []), c]);
  const collator = new Intl.Collator("vi");
  const result: CategoryFigures[] = [];
  const visit = (parentId: string | null) => {
    const siblings = (children.get(parentId) ?? []).sort((a, b) => a.position - b.position || collator.compare(a.name, b.name));
    for (const c of siblings) {
      const f = figures.get(c.id);
      if (c.active || f) {
        result.push({ id: c.id, name: c.name, parentName: c.parentId ? (byId.get(c.parentId)?.name ?? null) : null, published: f?.published ?? 0, views: f?.views ?? 0 });
      }
      visit(c.id);
    }
  };
  visit(null);
  return result;
}

/** Authors with any activity in the month, by given name in Vietnamese order. */
async function authorRows(db: Db, figures: Figures[]): Promise<AuthorFigures[]> {
  if (figures.length === 0) return [];
  const ids = figures.map((f) => f.key!);
  const names = await queryRows<{ id: string; full_name: string }>(
    db,
    sql`select ${users.id} as id, ${users.fullName} as full_name from ${users} where ${users.id} in (${sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `)})`,
  );
  const nameOf = new Map(names.map((n) => [n.id, n.full_name]));
  return figures
    .map((f) => ({ id: f.key!, fullName: nameOf.get(f.key!) ?? "", submitted: f.submitted, published: f.published, returned: f.returned, rejected: f.rejected, views: f.views }))
    .sort((a, b) => compareVietnameseNames(a.fullName, b.fullName) || (a.id < b.id ? -1 : 1));
}

