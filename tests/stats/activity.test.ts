import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { articleCategories, articles, articleViewDays, units, type ArticleStatus } from "@/db/schema";
import { DomainError, ForbiddenError, InvalidInputError, NotFoundError, UnauthenticatedError } from "@/lib/auth/errors";
import type { DatabaseHandle, Db } from "@/lib/db";
import { addDays, todayInVietnam } from "@/lib/i18n/format";
import { monthsOf, unitActivity } from "@/lib/stats/activity";
import type { ActivityCounts, ActivityFigures } from "@/lib/stats/types";
import { createTestDatabase } from "../helpers/db";
import { actorFor, makeDocument, makeUser, uniqueCode, uniqueName, unitByCode } from "../helpers/fixtures";

let handle: DatabaseHandle;
let db: Db;

type UnitKey = "root" | "hanoi" | "anhDuong" | "bachMai" | "branch" | "cuoiKy" | "dissolved" | "later" | "empty" | "tuyenQuang";
const unit = {} as Record<UnitKey, { id: string; code: string }>;
const user = {} as Record<"central" | "tqLeader" | "hnOfficer" | "adOfficer" | "clerk" | "collaborator", string>;
let categoryId: string;

/** A unit tree of the test's own (the demo seed's units would add their own documents and news). */
async function makeUnit(key: UnitKey, name: string, parent: UnitKey | null, dates: { activeFrom?: string; activeTo?: string } = {}) {
  const parentRow = parent ? await unitByCode(db, unit[parent].code) : null;
  const id = crypto.randomUUID();
  const label = id.replace(/-/g, "");
  const code = uniqueCode("AC");
  await db.insert(units).values({
    id,
    name,
    code,
    level: parentRow ? parentRow.level + 1 : 0,
    parentId: parentRow?.id ?? null,
    path: parentRow ? `${parentRow.path}.${label}` : label,
    // Units made today would not be active on the days the test asks about.
    activeFrom: dates.activeFrom ?? "2020-01-01",
    activeTo: dates.activeTo ?? null,
  });
  unit[key] = { id, code };
}

/** A document published at a UTC instant (public, not secret), with its running view count. */
function document(at: UnitKey, publishedAt: string | null, viewCount: number, overrides: Parameters<typeof makeDocument>[2] = {}) {
  return makeDocument(db, unit[at].id, { publishedAt: publishedAt ? new Date(publishedAt) : null, viewCount, ...overrides });
}

/** An article with its first publication (UTC instant) and its views per Vietnam day. */
async function article(at: UnitKey, status: ArticleStatus, publishedAt: string | null, views: [string, number][] = []) {
  const [row] = await db
    .insert(articles)
    .values({
      unitId: unit[at].id,
      categoryId,
      title: `Tin thử ${uniqueName("a")}`,
      slug: uniqueName("tin").replace(/\./g, "-"),
      status,
      publishedAt: publishedAt ? new Date(publishedAt) : null,
    })
    .returning({ id: articles.id });
  if (views.length) await db.insert(articleViewDays).values(views.map(([day, n]) => ({ articleId: row!.id, day, views: n })));
}

async function as(key: keyof typeof user) {
  return actorFor(db, user[key]);
}

const counts = (documentsPublished: number, documentViews: number, articlesPublished: number, articleViews: number): ActivityCounts => ({
  documentsPublished,
  documentViews,
  articlesPublished,
  articleViews,
});
const zeros = counts(0, 0, 0, 0);

async function refusal(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

beforeAll(async () => {
  handle = await createTestDatabase();
  db = handle.db;
  await makeUnit("root", "Trung ương Hội", null);
  await makeUnit("hanoi", "Thành hội Hà Nội", "root");
  // "Ánh" sorts before "Bạch" and "Cuối" only in Vietnamese order ("Á" is after "C" in code points).
  await makeUnit("anhDuong", "Phường Ánh Dương", "hanoi");
  await makeUnit("bachMai", "Phường Bạch Mai", "hanoi");
  await makeUnit("branch", "Chi hội 1 phường Bạch Mai", "bachMai");
  // Dissolved on the last day of the period: still active on it, so listed.
  await makeUnit("cuoiKy", "Phường Cuối Kỳ", "hanoi", { activeTo: "2026-10-31" });
  // Dissolved before the end of the period, and founded after it: neither is listed.
  await makeUnit("dissolved", "Phường Cũ", "hanoi", { activeTo: "2026-10-15" });
  await makeUnit("later", "Phường Mới", "hanoi", { activeFrom: "2026-11-01" });
  await makeUnit("empty", "Phường Không Hoạt Động", "root");
  await makeUnit("tuyenQuang", "Tỉnh hội Tuyên Quang", "root");

  user.central = (await makeUser(db, { unitCode: unit.root.code, role: "leader" })).username;
  user.tqLeader = (await makeUser(db, { unitCode: unit.tuyenQuang.code, role: "leader" })).username;
  user.hnOfficer = (await makeUser(db, { unitCode: unit.hanoi.code, role: "officer" })).username;
  user.adOfficer = (await makeUser(db, { unitCode: unit.anhDuong.code, role: "officer" })).username;
  user.clerk = (await makeUser(db, { unitCode: unit.hanoi.code, role: "clerk" })).username;
  user.collaborator = (await makeUser(db, { unitCode: unit.hanoi.code, role: "collaborator" })).username;

  const [category] = await db.insert(articleCategories).values({ name: "Tin hoạt động", slug: uniqueName("cm").replace(/\./g, "-") }).returning();
  categoryId = category!.id;

  // Documents (Vietnam is UTC+7). The period asked below is 15/09–31/10/2026.
  await document("hanoi", "2026-10-31T16:30:00Z", 7); // 31/10 23:30: October, inside
  await document("anhDuong", "2026-09-30T16:59:59Z", 11); // 30/09 23:59:59: September
  await document("branch", "2026-09-30T17:00:00Z", 5); // 01/10 00:00: October, under Bạch Mai
  await document("anhDuong", "2026-10-31T17:00:00Z", 100); // 01/11 00:00: after the period
  await document("bachMai", "2026-09-14T16:59:59Z", 1000); // 14/09 23:59:59: before the period
  await document("hanoi", "2026-09-14T17:00:00Z", 3); // 15/09 00:00: September, inside
  await document("dissolved", "2026-10-10T02:00:00Z", 2); // counts in the totals, under no child
  await document("hanoi", null, 50, { visibility: "internal" }); // never published (or taken off): not counted
  await document("bachMai", null, 60); // unpublished: not counted, its views neither
  await document("tuyenQuang", "2026-10-01T02:00:00Z", 999); // another province

  // Articles: first published (published_at) in the period, whatever their status now; views per day.
  await article("hanoi", "published", "2026-10-31T16:30:00Z", [
    ["2026-09-14", 1000],
    ["2026-09-15", 2],
    ["2026-10-31", 3],
    ["2026-11-01", 500],
  ]);
  await article("anhDuong", "unpublished", "2026-09-20T03:00:00Z", [["2026-09-20", 10]]);
  // Published before the period: its views in the period count, the publication does not.
  await article("branch", "published", "2026-08-01T03:00:00Z", [["2026-10-05", 40]]);
  await article("bachMai", "draft", null);
  await article("bachMai", "submitted", null);
  await article("anhDuong", "published", "2026-10-31T17:00:00Z"); // 01/11 00:00
  await article("tuyenQuang", "published", "2026-10-02T03:00:00Z", [["2026-10-02", 777]]);
});

afterAll(async () => {
  await handle?.close();
});

describe("unitActivity: exact figures", () => {
  let figures: ActivityFigures;
  beforeAll(async () => {
    figures = await unitActivity(db, await as("central"), { unitId: unit.hanoi.id, from: "2026-09-15", to: "2026-10-31" });
  });

  it("totals the subtree over the period, by Vietnam days, without other provinces", () => {
    expect(figures.from).toBe("2026-09-15");
    expect(figures.to).toBe("2026-10-31");
    // Documents: 7 + 11 + 5 + 3 + 2; articles: two first published; views 2 + 3 + 10 + 40.
    expect(figures.totals).toEqual(counts(5, 28, 2, 55));
  });

  it("splits by calendar month: 23:30 on the 31st in Vietnam is that month", () => {
    expect(figures.months).toEqual([
      { month: "2026-09", ...counts(2, 14, 1, 12) },
      { month: "2026-10", ...counts(3, 14, 1, 43) },
    ]);
    const sum = (key: keyof ActivityCounts) => figures.months.reduce((total, month) => total + month[key], 0);
    expect(counts(sum("documentsPublished"), sum("documentViews"), sum("articlesPublished"), sum("articleViews"))).toEqual(figures.totals);
  });

  it("lists the children active on the last day in Vietnamese order, each with its subtree", () => {
    expect(figures.children.map((c) => c.unit.name)).toEqual(["Phường Ánh Dương", "Phường Bạch Mai", "Phường Cuối Kỳ"]);
    const [anhDuong, bachMai, cuoiKy] = figures.children;
    expect(anhDuong).toEqual({ unit: { id: unit.anhDuong.id, name: "Phường Ánh Dương", code: unit.anhDuong.code, level: 2, activeTo: null }, ...counts(1, 11, 1, 10) });
    expect(bachMai).toMatchObject(counts(1, 5, 0, 40));
    expect(cuoiKy).toMatchObject({ unit: { activeTo: "2026-10-31" }, ...zeros });
  });

  it("counts a single day at the month boundary on the right side of midnight", async () => {
    const central = await as("central");
    const last = await unitActivity(db, central, { unitId: unit.hanoi.id, from: "2026-10-31", to: "2026-10-31" });
    expect(last.totals).toEqual(counts(1, 7, 1, 3));
    expect(last.months).toEqual([{ month: "2026-10", ...counts(1, 7, 1, 3) }]);
    const first = await unitActivity(db, central, { unitId: unit.hanoi.id, from: "2026-11-01", to: "2026-11-01" });
    expect(first.totals).toEqual(counts(1, 100, 1, 500));
    expect(first.months.map((m) => m.month)).toEqual(["2026-11"]);
    expect(first.children.map((c) => c.unit.name)).toEqual(["Phường Ánh Dương", "Phường Bạch Mai", "Phường Mới"]);
  });

  it("gives a unit below its whole subtree, and the root every province", async () => {
    const central = await as("central");
    const bachMai = await unitActivity(db, central, { unitId: unit.bachMai.id, from: "2026-09-15", to: "2026-10-31" });
    expect(bachMai.totals).toEqual(counts(1, 5, 0, 40));
    expect(bachMai.children).toEqual([{ unit: { id: unit.branch.id, name: "Chi hội 1 phường Bạch Mai", code: unit.branch.code, level: 3, activeTo: null }, ...counts(1, 5, 0, 40) }]);
    const root = await unitActivity(db, central, { unitId: unit.root.id, from: "2026-09-15", to: "2026-10-31" });
    expect(root.totals).toEqual(counts(6, 1027, 3, 832));
    expect(root.children.map((c) => [c.unit.name, c.documentsPublished, c.articleViews])).toEqual([
      ["Phường Không Hoạt Động", 0, 0],
      ["Thành hội Hà Nội", 5, 55],
      ["Tỉnh hội Tuyên Quang", 1, 777],
    ]);
  });

  it("gives an empty unit zeros for every month the period touches", async () => {
    const empty = await unitActivity(db, await as("central"), { unitId: unit.empty.id, from: "2025-11-20", to: "2026-02-03" });
    expect(empty.totals).toEqual(zeros);
    expect(empty.months).toEqual(["2025-11", "2025-12", "2026-01", "2026-02"].map((month) => ({ month, ...zeros })));
    expect(empty.children).toEqual([]);
  });

  it("lets an officer read their own unit", async () => {
    const own = await unitActivity(db, await as("hnOfficer"), { unitId: unit.hanoi.id, from: "2026-09-15", to: "2026-10-31" });
    expect(own.totals).toEqual(figures.totals);
  });
});

describe("unitActivity: bad input and refusals", () => {
  const period = { from: "2026-09-15", to: "2026-10-31" };

  it("refuses a reversed range on the start field", async () => {
    const error = await refusal(unitActivity(db, await as("central"), { unitId: unit.hanoi.id, from: "2026-10-02", to: "2026-10-01" }));
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error.fieldErrors).toEqual({ from: "stats.reversedRange" });
  });

  it("refuses an end after today in Vietnam, and accepts today", async () => {
    const central = await as("central");
    const today = todayInVietnam();
    const error = await refusal(unitActivity(db, central, { unitId: unit.hanoi.id, from: "2026-01-01", to: addDays(today, 1) }));
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error.fieldErrors).toEqual({ to: "stats.futureDate" });
    const upToToday = await unitActivity(db, central, { unitId: unit.empty.id, from: addDays(today, -40), to: today });
    expect(upToToday.months.at(-1)?.month).toBe(today.slice(0, 7));
  });

  it("names every bad field at once, and refuses days that do not exist", async () => {
    const central = await as("central");
    const error = await refusal(unitActivity(db, central, { unitId: unit.hanoi.id, from: "2026-02-30", to: "31/10/2026" }));
    expect(error.fieldErrors).toEqual({ from: "validation.date", to: "validation.date" });
    const both = await refusal(unitActivity(db, central, { unitId: unit.hanoi.id, from: "2999-01-02", to: "2999-01-01" }));
    expect(both.fieldErrors).toEqual({ from: "stats.reversedRange", to: "stats.futureDate" });
  });

  it("answers a unit outside the scope, an unknown id or a malformed one with plain not found", async () => {
    const tq = await as("tqLeader");
    await expect(unitActivity(db, tq, { unitId: unit.hanoi.id, ...period })).rejects.toBeInstanceOf(NotFoundError);
    await expect(unitActivity(db, tq, { unitId: unit.anhDuong.id, ...period })).rejects.toBeInstanceOf(NotFoundError);
    await expect(unitActivity(db, await as("adOfficer"), { unitId: unit.hanoi.id, ...period })).rejects.toBeInstanceOf(NotFoundError);
    await expect(unitActivity(db, tq, { unitId: crypto.randomUUID(), ...period })).rejects.toBeInstanceOf(NotFoundError);
    await expect(unitActivity(db, tq, { unitId: "not-a-unit", ...period })).rejects.toBeInstanceOf(NotFoundError);
    // Their own province they do see.
    const own = await unitActivity(db, tq, { unitId: unit.tuyenQuang.id, ...period });
    expect(own.totals).toEqual(counts(1, 999, 1, 777));
  });

  it("refuses without a session, and roles without stats.read", async () => {
    await expect(unitActivity(db, null, { unitId: unit.hanoi.id, ...period })).rejects.toBeInstanceOf(UnauthenticatedError);
    await expect(unitActivity(db, await as("clerk"), { unitId: unit.hanoi.id, ...period })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(unitActivity(db, await as("collaborator"), { unitId: unit.hanoi.id, ...period })).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe("monthsOf", () => {
  it("lists each month touched, across a year end", () => {
    expect(monthsOf("2025-12-31", "2026-01-01")).toEqual(["2025-12", "2026-01"]);
    expect(monthsOf("2026-03-05", "2026-03-20")).toEqual(["2026-03"]);
  });
});
