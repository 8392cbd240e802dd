import { sql } from "drizzle-orm";
import { bigint, boolean, check, date, index, integer, jsonb, pgEnum, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, uuid, type AnyPgColumn } from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { units } from "./org";

/**
 * The portal's news and what the editorial board keeps around it: categories, articles and the
 * steps of their review, the organisation's own pages, banners and slogans, partner links.
 */

/** Chuyên mục: nested (a parent and its children), ordered by position among siblings. */
export const articleCategories = pgTable(
  "article_categories",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    parentId: uuid("parent_id").references((): AnyPgColumn => articleCategories.id),
    name: text("name").notNull(),
    slug: text("slug").notNull(),
    description: text("description").notNull().default(""),
    position: integer("position").notNull().default(0),
    /** A hidden category keeps its articles but is not offered for new ones nor shown in menus. */
    active: boolean("active").notNull().default(true),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("article_categories_slug_key").on(t.slug), index("article_categories_parent_idx").on(t.parentId, t.position)],
);

/**
 * Where an article stands: a collaborator drafts and submits; an editor returns it for changes,
 * rejects it, approves it, schedules it or publishes it, and may unpublish it later.
 */
export const articleStatus = pgEnum("article_status", ["draft", "submitted", "returned", "rejected", "approved", "scheduled", "published", "unpublished"]);

export const articles = pgTable(
  "articles",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    unitId: uuid("unit_id")
      .notNull()
      .references(() => units.id),
    categoryId: uuid("category_id")
      .notNull()
      .references(() => articleCategories.id),
    title: text("title").notNull(),
    /** The address under /tin-tuc: follows the title until first published, then stays. */
    slug: text("slug").notNull(),
    summary: text("summary").notNull().default(""),
    /** Sanitised on the server with an allow-list before it is stored (lib/portal/sanitize.ts). */
    bodyHtml: text("body_html").notNull().default(""),
    coverSha256: text("cover_sha256"),
    coverMime: text("cover_mime"),
    tags: text("tags").array().notNull().default(sql`'{}'::text[]`),
    authorId: uuid("author_id").references(() => users.id),
    status: articleStatus("status").notNull().default("draft"),
    featured: boolean("featured").notNull().default(false),
    /** When a scheduled article goes out (the job queue publishes it). */
    publishAt: timestamp("publish_at", { withTimezone: true }),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    /** The latest submission: the editorial report measures from it to publication. */
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
    viewCount: integer("view_count").notNull().default(0),
    searchText: text("search_text").notNull().default(""),
    /** Optimistic concurrency: a save names the version it was made from. */
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("articles_slug_key").on(t.slug),
    index("articles_published_idx").on(t.categoryId, t.publishedAt).where(sql`${t.status} = 'published'`),
    index("articles_latest_idx").on(t.publishedAt).where(sql`${t.status} = 'published'`),
    index("articles_due_idx").on(t.publishAt).where(sql`${t.status} = 'scheduled'`),
    index("articles_unit_status_idx").on(t.unitId, t.status),
    index("articles_author_idx").on(t.authorId, t.updatedAt),
    check("articles_scheduled_has_time", sql`${t.status} <> 'scheduled' or ${t.publishAt} is not null`),
    check("articles_published_has_time", sql`${t.status} <> 'published' or ${t.publishedAt} is not null`),
  ],
);

export const articleEventKind = pgEnum("article_event_kind", [
  "created",
  "edited",
  "submitted",
  "commented",
  "returned",
  "rejected",
  "approved",
  "scheduled",
  "unscheduled",
  "published",
  "unpublished",
]);

/** Every step of an article's review, with who took it (none when the queue published it) and why. */
export const articleEvents = pgTable(
  "article_events",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    articleId: uuid("article_id")
      .notNull()
      .references(() => articles.id, { onDelete: "cascade" }),
    kind: articleEventKind("kind").notNull(),
    actorId: uuid("actor_id").references(() => users.id),
    comment: text("comment").notNull().default(""),
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("article_events_article_idx").on(t.articleId, t.at), index("article_events_kind_idx").on(t.kind, t.at)],
);

/** Views per article per day (Asia/Ho_Chi_Minh), for the monthly report; articles.view_count is the total. */
export const articleViewDays = pgTable(
  "article_view_days",
  {
    articleId: uuid("article_id")
      .notNull()
      .references(() => articles.id, { onDelete: "cascade" }),
    day: date("day").notNull(),
    views: integer("views").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.articleId, t.day] }), index("article_view_days_day_idx").on(t.day)],
);

/** Who was counted as reading an article, kept only as long as it stops a second count. */
export const articleViewMarks = pgTable(
  "article_view_marks",
  {
    articleId: uuid("article_id")
      .notNull()
      .references(() => articles.id, { onDelete: "cascade" }),
    visitor: text("visitor").notNull(),
    countedAt: timestamp("counted_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.articleId, t.visitor] }), index("article_view_marks_counted_idx").on(t.countedAt)],
);

/** The organisation's own pages: introduction, history and tradition, leadership, contact. */
export const PORTAL_PAGE_KEYS = ["gioi-thieu", "lich-su-truyen-thong", "lanh-dao", "lien-he"] as const;
export type PortalPageKey = (typeof PORTAL_PAGE_KEYS)[number];

export const portalPages = pgTable("portal_pages", {
  key: text("key").primaryKey().$type<PortalPageKey>(),
  title: text("title").notNull(),
  /** Sanitised like an article's body. */
  bodyHtml: text("body_html").notNull().default(""),
  version: integer("version").notNull().default(1),
  updatedBy: uuid("updated_by").references(() => users.id),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * A banner: a slogan (khẩu hiệu) over the top of the portal, optionally with an image, shown from
 * one day to another, so the look and the slogans change on schedule.
 */
export const portalBanners = pgTable(
  "portal_banners",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    slogan: text("slogan").notNull(),
    imageSha256: text("image_sha256"),
    imageMime: text("image_mime"),
    /** Where a click on the banner goes (an article, a campaign page); empty for none. */
    linkUrl: text("link_url").notNull().default(""),
    startsOn: date("starts_on").notNull(),
    /** The last day it shows; none for "until replaced". */
    endsOn: date("ends_on"),
    /** Among banners current on the same day, the lowest position shows. */
    position: smallint("position").notNull().default(0),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("portal_banners_dates_idx").on(t.startsOn, t.endsOn), check("portal_banners_range", sql`${t.endsOn} is null or ${t.endsOn} >= ${t.startsOn}`)],
);

export const partnerLinkGroup = pgEnum("partner_link_group", ["party", "state", "front", "units", "other"]);

/** Links to the websites of the Party, the State, the Front and other units. */
export const partnerLinks = pgTable(
  "partner_links",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    group: partnerLinkGroup("group").notNull(),
    name: text("name").notNull(),
    url: text("url").notNull(),
    position: integer("position").notNull().default(0),
    active: boolean("active").notNull().default(true),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("partner_links_group_idx").on(t.group, t.position)],
);

export type ArticleCategory = typeof articleCategories.$inferSelect;
export type Article = typeof articles.$inferSelect;
export type ArticleStatus = (typeof articleStatus.enumValues)[number];
export type ArticleEvent = typeof articleEvents.$inferSelect;
export type PortalPage = typeof portalPages.$inferSelect;
export type PortalBanner = typeof portalBanners.$inferSelect;
export type PartnerLink = typeof partnerLinks.$inferSelect;
export type PartnerLinkGroup = (typeof partnerLinkGroup.enumValues)[number];
