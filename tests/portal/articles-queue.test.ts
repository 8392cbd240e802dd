import { createHmac } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { articleCategories, articleEvents, articles } from "@/db/schema";
import { seedDemo } from "@/db/seed/demo";
import { authSecret } from "@/lib/auth/secret";
import { verifiedRevalidation } from "@/lib/cache/revalidate";
import type { DatabaseHandle, Db } from "@/lib/db";
import { resetEnvCache } from "@/lib/env";
import { startJobRunner, type JobRunner } from "@/lib/jobs/queue";
import { createTestDatabase } from "../helpers/db";
import { uniqueName, unitByCode, waitFor } from "../helpers/fixtures";

/**
 * Scheduled publishing through the real queue: a story whose time came while no worker ran is
 * published by the first sweep after a start, once, although two workers sweep; and the worker
 * asks the app (here a stand-in HTTP server at APP_URL) to expire the cached pages, signed.
 */

let handle: DatabaseHandle;
let db: Db;
let app: Server;
const received: { tags: string[] | null }[] = [];
const savedAppUrl = process.env.APP_URL;

beforeAll(async () => {
  app = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString()));
    request.on("end", () => {
      if (request.url === "/api/noi-bo/lam-moi") received.push({ tags: verifiedRevalidation(body, request.headers["x-ket-noi-signature"] as string | undefined ?? null) });
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => app.listen(0, "127.0.0.1", resolve));
  process.env.APP_URL = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
  resetEnvCache();
  handle = await createTestDatabase();
  db = handle.db;
  await seedDemo(db);
});

afterAll(async () => {
  if (savedAppUrl === undefined) delete process.env.APP_URL;
  else process.env.APP_URL = savedAppUrl;
  resetEnvCache();
  await handle?.close();
  await new Promise((resolve) => app.close(resolve));
});

describe("scheduled publishing on the job queue", () => {
  it("publishes a story that fell due while no worker ran, once, and has its cached pages expired", async () => {
    const [category] = await db.insert(articleCategories).values({ name: "Lịch đăng thử", slug: uniqueName("lich") }).returning();
    const unit = await unitByCode(db, "HA-NOI");
    const [story] = await db
      .insert(articles)
      .values({ unitId: unit.id, categoryId: category!.id, title: "Tin hẹn giờ", slug: uniqueName("hen-gio"), bodyHtml: "<p>Nội dung.</p>", status: "scheduled", publishAt: new Date(Date.now() - 60_000) })
      .returning();

    const workers: JobRunner[] = [];
    try {
      for (let i = 0; i < 2; i++) workers.push(await startJobRunner(handle, { work: true, pollingSeconds: 0.5 }));
      // Both instances sweep (as their minute schedules would).
      await Promise.all(workers.map((w) => w.boss.send("articles.publishDue", {})));
      await waitFor(async () => (await db.select({ status: articles.status }).from(articles).where(eq(articles.id, story!.id)))[0]?.status === "published", {
        timeoutMs: 30_000,
        intervalMs: 100,
        what: "the scheduled story to be published",
      });
      await waitFor(async () => received.some((r) => r.tags?.includes(`article:${story!.id}`)), { timeoutMs: 10_000, intervalMs: 100, what: "the request to expire its pages" });
    } finally {
      for (const w of workers) await w.stop();
    }
    const published = await db.select().from(articleEvents).where(and(eq(articleEvents.articleId, story!.id), eq(articleEvents.kind, "published")));
    expect(published).toHaveLength(1);
    const [row] = await db.select().from(articles).where(eq(articles.id, story!.id));
    expect(row!.publishedAt).toEqual(story!.publishAt);
    // Only signed requests are obeyed, and these were.
    expect(received.every((r) => r.tags !== null)).toBe(true);
    expect(received.flatMap((r) => r.tags!)).toContain("articles");
  });

  it("refuses an unsigned, forged or stale request to expire pages", () => {
    const sign = (body: string) => createHmac("sha256", authSecret()).update(`revalidate\n${body}`).digest("base64url");
    const fresh = JSON.stringify({ tags: ["articles"], at: Date.now() });
    expect(verifiedRevalidation(fresh, sign(fresh))).toEqual(["articles"]);
    expect(verifiedRevalidation(fresh, null)).toBeNull();
    expect(verifiedRevalidation(fresh, sign(`${fresh} `))).toBeNull();
    const stale = JSON.stringify({ tags: ["articles"], at: Date.now() - 10 * 60_000 });
    expect(verifiedRevalidation(stale, sign(stale))).toBeNull();
  });
});
