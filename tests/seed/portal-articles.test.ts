import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { articleEvents, articles } from "@/db/schema";
import { seedDemo } from "@/db/seed/demo";
import type { DatabaseHandle, Db } from "@/lib/db";
import { featuredArticles, latestPerCategory } from "@/lib/portal/articles/public";
import { listArticles } from "@/lib/portal/articles/service";
import { createTestDatabase } from "../helpers/db";
import { actorFor } from "../helpers/fixtures";

let handle: DatabaseHandle;
let db: Db;

beforeAll(async () => {
  handle = await createTestDatabase();
  db = handle.db;
  await seedDemo(db, { today: "2026-11-21" });
});
afterAll(async () => handle?.close());

describe("the demo's news", () => {
  it("fills the home page: featured stories and every top-level category", async () => {
    expect((await featuredArticles(db, 3)).every((a) => a.publishedAt !== null)).toBe(true);
    expect((await featuredArticles(db, 3)).length).toBeGreaterThanOrEqual(2);
    const perCategory = await latestPerCategory(db, 4);
    expect(perCategory.map((c) => c.slug)).toEqual(["tin-hoat-dong", "van-ban-chi-dao", "mat-tran-va-cac-doan-the", "xay-dung-nong-thon-moi", "guong-dien-hinh"]);
  });

  it("gives the editor a queue and the collaborator a story returned with a note", async () => {
    const queue = await listArticles(db, await actorFor(db, "bientap"), { page: 1, pageSize: 50, view: "review" });
    expect(queue.rows.map((r) => r.status)).toEqual(["submitted"]);
    const mine = await listArticles(db, await actorFor(db, "hanoi.ctv"), { page: 1, pageSize: 50 });
    const returned = mine.rows.find((r) => r.status === "returned")!;
    const [note] = await db.select().from(articleEvents).where(eq(articleEvents.articleId, returned.id)).orderBy(articleEvents.id).offset(2);
    expect(note).toMatchObject({ kind: "returned" });
    expect(note!.comment.length).toBeGreaterThan(0);
  });

  it("keeps each published story's history and views consistent", async () => {
    const published = await db.select().from(articles).where(eq(articles.status, "published"));
    expect(published.length).toBeGreaterThanOrEqual(7);
    for (const a of published) {
      const events = await db.select({ kind: articleEvents.kind, at: articleEvents.at }).from(articleEvents).where(eq(articleEvents.articleId, a.id)).orderBy(articleEvents.at);
      expect(events.at(-1)).toEqual({ kind: "published", at: a.publishedAt });
      expect(a.viewCount).toBeGreaterThan(0);
    }
    const scheduled = await db.select().from(articles).where(eq(articles.status, "scheduled"));
    expect(scheduled).toHaveLength(1);
    expect(scheduled[0]!.publishAt!.getTime()).toBeGreaterThan(new Date("2026-11-21T12:00:00+07:00").getTime());
  });
});
