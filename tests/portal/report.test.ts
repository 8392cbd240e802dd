import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { articleCategories, articleEvents, articles, articleViewDays, units, type ArticleEvent, type ArticleStatus } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { DomainError } from "@/lib/auth/errors";
import type { DatabaseHandle, Db } from "@/lib/db";
import { t } from "@/lib/i18n";
import { todayInVietnam } from "@/lib/i18n/format";
import { editorialReport, formatWait, type EditorialReport } from "@/lib/portal/report";
import { exportEditorialReport } from "@/lib/portal/report-xlsx";
import { createTestDatabase } from "../helpers/db";
import { actorFor, makeUser, uniqueCode, uniqueName, unitByCode } from "../helpers/fixtures";

let handle: DatabaseHandle;
let db: Db;

const HOUR = 3600;
const people = {} as Record<"anh" | "bao" | "cuc" | "dung" | "top" | "leader", { id: string; username: string }>;
const cat = {} as Record<"news" | "base" | "models" | "corner" | "hidden", string>;
const code = {} as Record<"root" | "hanoi" | "baDinh" | "branch" | "tuyenQuang", string>;

/**
 * A unit tree of the test's own rather than the demo seed, which brings its own categories (and
 * may bring articles): every figure below then comes from the rows this file inserts.
 */
async function unit(name: string, parentCode?: string) {
  const parent = parentCode ? await unitByCode(db, parentCode) : null;
  const id = crypto.randomUUID();
  const label = id.replace(/-/g, "");
  const unitCode = uniqueCode("BC");
  await db.insert(units).values({ id, name, code: unitCode, level: parent ? parent.level + 1 : 0, parentId: parent?.id ?? null, path: parent ? `${parent.path}.${label}` : label });
  return unitCode;
}

async function category(name: string, position: number, options: { parentId?: string; active?: boolean } = {}) {
  const [row] = await db
    .insert(articleCategories)
    .values({ name, slug: uniqueName("cm").replace(/\./g, "-"), position, parentId: options.parentId ?? null, active: options.active ?? true })
    .returning();
  return row!.id;
}

/** An article inserted directly with its history (kind, UTC instant) and its views per Vietnam day. */
async function article(options: {
  unitCode: string;
  categoryId: string;
  authorId: string;
  status: ArticleStatus;
  events: [ArticleEvent["kind"], string][];
  views?: [string, number][];
}) {
  const published = options.events.filter(([kind]) => kind === "published").map(([, at]) => new Date(at));
  const [row] = await db
    .insert(articles)
    .values({
      unitId: (await unitByCode(db, options.unitCode)).id,
      categoryId: options.categoryId,
      authorId: options.authorId,
      title: `Tin thử ${uniqueName("a")}`,
      slug: uniqueName("tin").replace(/\./g, "-"),
      status: options.status,
      publishedAt: published[0] ?? null,
    })
    .returning();
  const id = row!.id;
  await db.insert(articleEvents).values(options.events.map(([kind, at]) => ({ articleId: id, kind, actorId: options.authorId, at: new Date(at) })));
  if (options.views?.length) await db.insert(articleViewDays).values(options.views.map(([day, views]) => ({ articleId: id, day, views })));
  return id;
}

beforeAll(async () => {
  handle = await createTestDatabase();
  db = handle.db;
  code.root = await unit("Trung ương Hội");
  code.hanoi = await unit("Thành hội Hà Nội", code.root);
  code.baDinh = await unit("Hội cơ sở phường Ba Đình", code.hanoi);
  code.branch = await unit("Chi hội 1 phường Ba Đình", code.baDinh);
  code.tuyenQuang = await unit("Tỉnh hội Tuyên Quang", code.root);
  // Given names sort Ánh < Bảo < Cúc < Dũng only with Vietnamese collation ("Á" comes after "B" in
  // code points) and only by given name (family names Trần, Lê, Phạm, Hà are in another order).
  people.anh = await makeUser(db, { unitCode: code.baDinh, role: "collaborator", fullName: "Trần Thị Ánh" });
  people.bao = await makeUser(db, { unitCode: code.baDinh, role: "collaborator", fullName: "Lê Văn Bảo" });
  people.cuc = await makeUser(db, { unitCode: code.hanoi, role: "editor", fullName: "Phạm Thị Cúc" });
  people.dung = await makeUser(db, { unitCode: code.tuyenQuang, role: "collaborator", fullName: "Hà Văn Dũng" });
  people.top = await makeUser(db, { unitCode: code.root, role: "editor", fullName: "Phạm Biên Tập" });
  people.leader = await makeUser(db, { unitCode: code.root, role: "leader", fullName: "Trần Lãnh Đạo" });

  cat.news = await category("Tin hoạt động", 0);
  cat.base = await category("Cơ sở", 0, { parentId: cat.news });
  cat.models = await category("Gương điển hình", 1);
  cat.corner = await category("=Góc nhìn", 2);
  cat.hidden = await category("Chuyên mục đã ẩn", 3, { active: false });

  const hn = code.baDinh;
  // A1: submitted in September, returned, resubmitted in October, published, unpublished and
  // published again — one publication, waiting from the resubmission: 02/10 08:00 → 03/10 12:00 (28 h).
  await article({
    unitCode: hn, categoryId: cat.base, authorId: people.anh.id, status: "published",
    events: [
      ["created", "2026-09-27T01:00:00Z"], ["edited", "2026-09-27T02:00:00Z"], ["submitted", "2026-09-28T02:00:00Z"],
      ["returned", "2026-09-29T03:00:00Z"], ["edited", "2026-10-01T01:00:00Z"], ["submitted", "2026-10-02T01:00:00Z"],
      ["commented", "2026-10-02T05:00:00Z"], ["approved", "2026-10-03T04:00:00Z"], ["published", "2026-10-03T05:00:00Z"],
      ["unpublished", "2026-10-10T00:00:00Z"], ["published", "2026-10-12T00:00:00Z"],
    ],
    views: [["2026-09-30", 5], ["2026-10-01", 10], ["2026-10-31", 7], ["2026-11-01", 100]],
  });
  // A2: submitted 30/09 23:30 in Vietnam (September), published 01/10 00:30 (October): 1 h.
  await article({
    unitCode: hn, categoryId: cat.news, authorId: people.bao.id, status: "published",
    events: [["submitted", "2026-09-30T16:30:00Z"], ["published", "2026-09-30T17:30:00Z"]],
    views: [["2026-10-15", 20]],
  });
  // A3: submitted 31/10 23:59:59 (October), published 01/11 00:30 in Vietnam (November).
  await article({
    unitCode: hn, categoryId: cat.models, authorId: people.bao.id, status: "published",
    events: [["submitted", "2026-10-31T16:59:59Z"], ["scheduled", "2026-10-31T17:00:00Z"], ["published", "2026-10-31T17:30:00Z"]],
    views: [["2026-11-01", 3]],
  });
  // A4: written and published by the editor, never submitted.
  await article({
    unitCode: code.hanoi, categoryId: cat.models, authorId: people.cuc.id, status: "published",
    events: [["created", "2026-10-05T02:00:00Z"], ["published", "2026-10-05T03:00:00Z"]],
    views: [["2026-10-06", 8]],
  });
  // A5: submitted at 01/10 00:00 in Vietnam (October's first instant), returned, resubmitted, rejected.
  await article({
    unitCode: hn, categoryId: cat.base, authorId: people.anh.id, status: "rejected",
    events: [["submitted", "2026-09-30T17:00:00Z"], ["returned", "2026-10-08T01:00:00Z"], ["submitted", "2026-10-09T01:00:00Z"], ["rejected", "2026-10-10T01:00:00Z"]],
  });
  // A6: first published in August; unpublished and republished in October, which is no new publication.
  await article({
    unitCode: hn, categoryId: cat.news, authorId: people.bao.id, status: "published",
    events: [["submitted", "2026-08-09T01:00:00Z"], ["published", "2026-08-10T01:00:00Z"], ["unpublished", "2026-10-01T00:00:00Z"], ["published", "2026-10-02T00:00:00Z"]],
    views: [["2026-10-02", 4]],
  });
  // A7: submitted, returned, resubmitted 16/10 08:00, published 18/10 10:00: 50 h (98 h from the first submission).
  await article({
    unitCode: hn, categoryId: cat.news, authorId: people.anh.id, status: "published",
    events: [["submitted", "2026-10-14T01:00:00Z"], ["returned", "2026-10-15T01:00:00Z"], ["submitted", "2026-10-16T01:00:00Z"], ["published", "2026-10-18T03:00:00Z"]],
    views: [["2026-10-20", 30]],
  });
  // A8, A9: September's publications, 24 h and 60 h.
  await article({
    unitCode: hn, categoryId: cat.models, authorId: people.bao.id, status: "published",
    events: [["submitted", "2026-09-01T01:00:00Z"], ["published", "2026-09-02T01:00:00Z"]],
    views: [["2026-09-05", 6]],
  });
  await article({
    unitCode: hn, categoryId: cat.base, authorId: people.anh.id, status: "published",
    events: [["submitted", "2026-09-10T00:00:00Z"], ["published", "2026-09-12T12:00:00Z"]],
  });
  // T1: another province's article, 24 h.
  await article({
    unitCode: code.tuyenQuang, categoryId: cat.news, authorId: people.dung.id, status: "published",
    events: [["submitted", "2026-10-05T01:00:00Z"], ["published", "2026-10-06T01:00:00Z"]],
    views: [["2026-10-07", 50]],
  });
});
afterAll(async () => handle?.close());

const SEPTEMBER = { published: 2, submitted: 4, returned: 1, rejected: 0, views: 11, medianSeconds: 42 * HOUR, measured: 2, publishedDirectly: 0 };

const categoryFigures = (r: EditorialReport) => r.categories.map((c) => [c.name, c.parentName, c.published, c.views]);
const authorFigures = (r: EditorialReport) => r.authors.map((a) => [a.fullName, a.submitted, a.published, a.returned, a.rejected, a.views]);

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

describe("monthly editorial report", () => {
  it("counts a province editor's month in Vietnam time: first publications, steps, views and the median wait", async () => {
    const editor = await actorFor(db, people.cuc.username);
    const report = await editorialReport(db, editor, { month: "2026-10" });
    expect(report.month).toBe("2026-10");
    expect(report.previousMonth).toBe("2026-09");
    expect(report.unit).toBeNull();
    expect(categoryFigures(report)).toEqual([
      ["Tin hoạt động", null, 2, 54],
      ["Cơ sở", "Tin hoạt động", 1, 17],
      ["Gương điển hình", null, 1, 8],
      ["=Góc nhìn", null, 0, 0],
    ]);
    expect(authorFigures(report)).toEqual([
      ["Trần Thị Ánh", 5, 2, 2, 1, 47],
      ["Lê Văn Bảo", 1, 1, 0, 0, 24],
      ["Phạm Thị Cúc", 0, 1, 0, 0, 8],
    ]);
    // Median of 1 h (A2), 28 h (A1) and 50 h (A7); A4 was published directly.
    expect(report.totals).toEqual({ published: 4, submitted: 6, returned: 2, rejected: 1, views: 79, medianSeconds: 28 * HOUR, measured: 3, publishedDirectly: 1 });
    expect(formatWait(report.totals.medianSeconds)).toBe("1 ngày 4 giờ");
    expect(report.previousTotals).toEqual(SEPTEMBER);
    expect(formatWait(report.previousTotals.medianSeconds)).toBe("1 ngày 18 giờ");
  });

  it("gives the whole country to an editor at the top, and narrows to a unit in scope", async () => {
    const editor = await actorFor(db, people.top.username);
    const report = await editorialReport(db, editor, { month: "2026-10" });
    expect(categoryFigures(report)[0]).toEqual(["Tin hoạt động", null, 3, 104]);
    expect(authorFigures(report).map((a) => a[0])).toEqual(["Trần Thị Ánh", "Lê Văn Bảo", "Phạm Thị Cúc", "Hà Văn Dũng"]);
    expect(authorFigures(report)[3]).toEqual(["Hà Văn Dũng", 1, 1, 0, 0, 50]);
    // Median of 1, 24, 28 and 50 h: halfway between 24 and 28.
    expect(report.totals).toEqual({ published: 5, submitted: 7, returned: 2, rejected: 1, views: 129, medianSeconds: 26 * HOUR, measured: 4, publishedDirectly: 1 });
    expect(formatWait(report.totals.medianSeconds)).toBe("1 ngày 2 giờ");

    const hanoi = await unitByCode(db, code.hanoi);
    const narrowed = await editorialReport(db, editor, { month: "2026-10", unitId: hanoi.id });
    expect(narrowed.unit).toEqual({ id: hanoi.id, name: hanoi.name });
    expect(narrowed.totals).toEqual({ published: 4, submitted: 6, returned: 2, rejected: 1, views: 79, medianSeconds: 28 * HOUR, measured: 3, publishedDirectly: 1 });
    expect(authorFigures(narrowed).map((a) => a[0])).toEqual(["Trần Thị Ánh", "Lê Văn Bảo", "Phạm Thị Cúc"]);

    const branch = await unitByCode(db, code.branch);
    const empty = await editorialReport(db, editor, { month: "2026-10", unitId: branch.id });
    expect(empty.authors).toEqual([]);
    expect(empty.totals).toEqual({ published: 0, submitted: 0, returned: 0, rejected: 0, views: 0, medianSeconds: null, measured: 0, publishedDirectly: 0 });
    expect(formatWait(empty.totals.medianSeconds)).toBe("Chưa có");
    // A hidden category with no activity stays out; active ones are listed with zeros.
    expect(empty.categories.map((c) => c.name)).toEqual(["Tin hoạt động", "Cơ sở", "Gương điển hình", "=Góc nhìn"]);
  });

  it("keeps a province editor to their province: another province's unit reads as not found", async () => {
    const editor = await actorFor(db, people.cuc.username);
    const tuyenQuang = await unitByCode(db, code.tuyenQuang);
    expect((await refusal(editorialReport(db, editor, { month: "2026-10", unitId: tuyenQuang.id }))).code).toBe("not_found");
  });

  it("refuses those who do not review articles", async () => {
    for (const username of [people.anh.username, people.leader.username]) {
      const actor = await actorFor(db, username);
      expect((await refusal(editorialReport(db, actor, { month: "2026-10" }))).code).toBe("forbidden");
    }
    expect((await refusal(editorialReport(db, null, { month: "2026-10" }))).code).toBe("unauthenticated");
  });

  it("refuses a month that is malformed, before 2000 or still to come, in Vietnamese", async () => {
    const editor: Actor = await actorFor(db, people.cuc.username);
    const [year, month] = todayInVietnam().slice(0, 7).split("-").map(Number) as [number, number];
    const nextMonth = month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, "0")}`;
    for (const bad of ["2026-13", "2026-1", "10/2026", "1999-12", nextMonth, ""]) {
      const error = await refusal(editorialReport(db, editor, { month: bad }));
      expect(error.code).toBe("invalid");
      expect(t(error.messageKey)).toBe("Tháng báo cáo chưa hợp lệ: chọn một tháng từ 01/2000 đến tháng hiện tại (MM/yyyy).");
      expect(error.fieldErrors).toEqual({ month: "report.monthInvalid" });
    }
    const first = await editorialReport(db, editor, { month: "2000-01" });
    expect(first.previousMonth).toBe("1999-12");
    expect(first.totals.published).toBe(0);
  });

  it("formats waits in days, hours and minutes", () => {
    expect(formatWait(28 * HOUR)).toBe("1 ngày 4 giờ");
    expect(formatWait(48 * HOUR)).toBe("2 ngày");
    expect(formatWait(5 * HOUR + 20 * 60)).toBe("5 giờ");
    expect(formatWait(45 * 60)).toBe("45 phút");
  });

  it("exports the same figures as xlsx, three sheets, formula-like names neutralised", async () => {
    const editor = await actorFor(db, people.cuc.username);
    const file = await exportEditorialReport(db, editor, { month: "2026-10" });
    expect(file.fileName).toBe("bao-cao-bien-tap-2026-10.xlsx");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.bytes.buffer as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(["Chuyên mục", "Cộng tác viên", "Tổng hợp"]);
    const rows = (index: number) => (workbook.worksheets[index]!.getSheetValues().slice(1) as unknown[][]).map((r) => (r ?? []).slice(1));

    const [categories, authors, totals] = [rows(0), rows(1), rows(2)];
    expect(categories[0]).toEqual(["Báo cáo biên tập tháng 10/2026 — Tất cả đơn vị trong phạm vi"]);
    expect(categories.slice(1)).toEqual([
      ["STT", "Chuyên mục", "Thuộc chuyên mục", "Tin bài đăng mới", "Lượt xem"],
      [1, "Tin hoạt động", "", 2, 54],
      [2, "Cơ sở", "Tin hoạt động", 1, 17],
      [3, "Gương điển hình", "", 1, 8],
      [4, "'=Góc nhìn", "", 0, 0],
    ]);
    expect(authors.slice(1)).toEqual([
      ["STT", "Họ và tên", "Lượt gửi duyệt", "Tin bài đăng mới", "Bị trả lại", "Bị từ chối", "Lượt xem"],
      [1, "Trần Thị Ánh", 5, 2, 2, 1, 47],
      [2, "Lê Văn Bảo", 1, 1, 0, 0, 24],
      [3, "Phạm Thị Cúc", 0, 1, 0, 0, 8],
    ]);
    expect(totals.slice(1, 10)).toEqual([
      ["Chỉ tiêu", "Tháng 10/2026", "Tháng 09/2026"],
      ["Tin bài đăng mới", 4, 2],
      ["Lượt gửi duyệt", 6, 4],
      ["Lượt trả lại", 2, 1],
      ["Lượt từ chối", 1, 0],
      ["Lượt xem", 79, 11],
      ["Thời gian trung vị từ gửi duyệt đến đăng", "1 ngày 4 giờ", "1 ngày 18 giờ"],
      ["Số tin bài tính thời gian trung vị", 3, 2],
      ["Đăng trực tiếp (không qua gửi duyệt)", 1, 0],
    ]);
  });

  it("checks the permission when exporting too", async () => {
    const collaborator = await actorFor(db, people.anh.username);
    expect((await refusal(exportEditorialReport(db, collaborator, { month: "2026-10" }))).code).toBe("forbidden");
  });
});
