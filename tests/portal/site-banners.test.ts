import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, portalBanners } from "@/db/schema";
import { seedDemo } from "@/db/seed/demo";
import type { Actor } from "@/lib/auth/actor";
import { ForbiddenError, InvalidInputError } from "@/lib/auth/errors";
import type { DatabaseHandle, Db } from "@/lib/db";
import { getFileStorage, sha256Hex } from "@/lib/files/storage";
import { todayInVietnam } from "@/lib/i18n/format";
import { deleteBannerAction } from "@/lib/portal/site/actions";
import { bannerImageResponse, saveBannerFromForm } from "@/lib/portal/site/banner-http";
import { createBanner, currentBanner, deleteBanner, updateBanner } from "@/lib/portal/site/banners";
import { createBannerInput } from "@/lib/portal/site/schemas";
import { createTestDatabase } from "../helpers/db";
import { actorFor, countRows, makeUser, rowsOf, unitByCode } from "../helpers/fixtures";
import { samplePng } from "../publications/sample-files";

let handle: DatabaseHandle;
let db: Db;
let centralEditor: Actor;
let provinceEditor: Actor;
let rootId: string;

beforeAll(async () => {
  handle = await createTestDatabase();
  db = handle.db;
  await seedDemo(db);
  centralEditor = await actorFor(db, "bientap");
  provinceEditor = await actorFor(db, (await makeUser(db, { unitCode: "HA-NOI", role: "editor" })).username);
  rootId = (await unitByCode(db, "TW")).id;
});
afterAll(async () => handle?.close());

// The demo seed's banners run from a month before the real today: these tests use 2001 and 2002.
const banner = (fields: Record<string, unknown>) => createBanner(db, centralEditor, createBannerInput.parse({ slogan: "Khẩu hiệu", ...fields }));

/** A multipart POST as the banner form sends it. */
function post(fields: Record<string, string>, image?: { name: string; bytes: Uint8Array }, url = "http://localhost/api/cong-thong-tin/bieu-ngu") {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  if (image) form.set("image", new File([Buffer.from(image.bytes)], image.name));
  return new Request(url, { method: "POST", body: form });
}

async function snapshot() {
  const [row] = await rowsOf<{ h: string }>(db, sql`select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as h from portal_banners t`);
  return row!.h;
}

describe("the banner showing on a day", () => {
  it("is the one whose dates cover the day: from its first day through its last, then none", async () => {
    const march = await banner({ slogan: "Tháng Ba", startsOn: "2001-03-01", endsOn: "2001-03-10" });
    expect(await currentBanner(db, "2001-02-28")).toBeNull();
    expect(await currentBanner(db, "2001-03-01")).toMatchObject({ id: march.id, slogan: "Tháng Ba", imageUrl: null, startsOn: "2001-03-01", endsOn: "2001-03-10" });
    expect((await currentBanner(db, "2001-03-10"))?.id).toBe(march.id);
    expect(await currentBanner(db, "2001-03-11")).toBeNull();
  });

  it("among overlapping banners, is the lowest position, then the latest start; one with no end shows until replaced", async () => {
    const base = await banner({ slogan: "Nền", startsOn: "2002-05-01", endsOn: "2002-05-31", position: "0" });
    const open = await banner({ slogan: "Không hạn", startsOn: "2002-05-05", position: "1" });
    const later = await banner({ slogan: "Đợt cao điểm", startsOn: "2002-05-10", endsOn: "2002-05-12", position: "0" });
    expect((await currentBanner(db, "2002-05-05"))?.id).toBe(base.id);
    expect((await currentBanner(db, "2002-05-10"))?.id).toBe(later.id);
    expect((await currentBanner(db, "2002-05-13"))?.id).toBe(base.id);
    expect((await currentBanner(db, "2002-06-01"))?.id).toBe(open.id);
    expect((await currentBanner(db, "2009-01-01"))?.id).toBe(open.id);
  });

  it("today, is the demo's current slogan (text only)", async () => {
    expect(await currentBanner(db)).toMatchObject({ slogan: "Ở đâu cần thanh niên có, việc gì khó có thanh niên", imageUrl: null, endsOn: null });
  });
});

describe("saving a banner through the upload route", () => {
  it("refuses a last day before the first with the message next to that field, and writes nothing", async () => {
    const before = await snapshot();
    const response = await saveBannerFromForm(post({ slogan: "Ngược ngày", startsOn: "2001-06-10", endsOn: "2001-06-01", linkUrl: "", position: "0" }), { db, actor: centralEditor });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ ok: false, fieldErrors: { endsOn: "Ngày kết thúc không được trước ngày bắt đầu." } });
    // The service says the same to any caller that skips the schema.
    const error = await createBanner(db, centralEditor, { slogan: "Ngược ngày", linkUrl: "", startsOn: "2001-06-10", endsOn: "2001-06-01", position: 0 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).fieldErrors).toEqual({ endsOn: "site.banner.endsBeforeStarts" });
    expect(await snapshot()).toBe(before);
  });

  it("refuses a link that is neither http(s) nor a path of the site, and every other bad field at once", async () => {
    const response = await saveBannerFromForm(post({ slogan: "", startsOn: "2001-06-10", endsOn: "", linkUrl: "javascript:alert(1)", position: "x" }), { db, actor: centralEditor });
    const body = (await response.json()) as { fieldErrors: Record<string, string> };
    expect(Object.keys(body.fieldErrors).sort()).toEqual(["linkUrl", "position", "slogan"]);
    expect(body.fieldErrors.linkUrl).toContain("http://");
    for (const linkUrl of ["//ket-noi.example.vn/x", "ftp://a.vn/x", "/\\\\evil"]) expect(createBannerInput.safeParse({ slogan: "a", startsOn: "2001-01-01", linkUrl }).success).toBe(false);
    for (const linkUrl of ["/tin-tuc/dai-hoi", "https://dangcongsan.vn/a?b=1"]) expect(createBannerInput.safeParse({ slogan: "a", startsOn: "2001-01-01", linkUrl }).success).toBe(true);
  });

  it("refuses a file that is not an image though named .png, naming it; nothing is written or stored", async () => {
    const before = await snapshot();
    const fake = new TextEncoder().encode("Đây không phải là ảnh, chỉ là chữ.");
    const response = await saveBannerFromForm(post({ slogan: "Có ảnh giả", startsOn: "2001-07-01" }, { name: "bieu-ngu.png", bytes: fake }), { db, actor: centralEditor });
    expect(response.status).toBe(422);
    const body = (await response.json()) as { fieldErrors: Record<string, string> };
    expect(body.fieldErrors.image).toContain("bieu-ngu.png");
    expect(await snapshot()).toBe(before);
    expect(await getFileStorage().has(sha256Hex(fake))).toBe(false);
  });

  it("stores a real image by content and serves it with a year's cache under its fingerprinted address", async () => {
    const png = samplePng(41);
    const response = await saveBannerFromForm(post({ slogan: "Có ảnh thật", startsOn: "2001-08-01", endsOn: "2001-08-31", linkUrl: "/tin-tuc/ngay-truyen-thong", position: "2" }, { name: "anh.png", bytes: png }), { db, actor: centralEditor });
    expect(response.status).toBe(200);
    const { id } = (await response.json()) as { id: string };
    const [saved] = await db.select().from(portalBanners).where(eq(portalBanners.id, id));
    expect(saved).toMatchObject({ slogan: "Có ảnh thật", imageSha256: sha256Hex(png), imageMime: "image/png", linkUrl: "/tin-tuc/ngay-truyen-thong", position: 2, createdBy: centralEditor.userId });
    const shown = await currentBanner(db, "2001-08-15");
    expect(shown?.imageUrl).toBe(`/api/cong-thong-tin/bieu-ngu/${id}/anh?v=${sha256Hex(png).slice(0, 16)}`);

    const image = await bannerImageResponse(new Request(`http://localhost${shown!.imageUrl}`), db, async () => null, id);
    expect(image.status).toBe(200);
    expect(image.headers.get("content-type")).toBe("image/png");
    expect(image.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(new Uint8Array(await image.arrayBuffer())).toEqual(png);
    const stale = await bannerImageResponse(new Request(`http://localhost/api/cong-thong-tin/bieu-ngu/${id}/anh?v=0000`), db, async () => null, id);
    expect(stale.headers.get("cache-control")).toBe("public, max-age=300");
    const again = await bannerImageResponse(new Request(`http://localhost${shown!.imageUrl}`, { headers: { "if-none-match": `"${sha256Hex(png)}"` } }), db, async () => null, id);
    expect(again.status).toBe(304);

    // Edited: new dates, image taken off; the change is audited under the root.
    const edit = await saveBannerFromForm(
      post({ slogan: "Có ảnh thật", startsOn: "2001-08-01", endsOn: "2001-09-30", linkUrl: "", position: "2", removeImage: "1" }, undefined, `http://localhost/api/cong-thong-tin/bieu-ngu/${id}`),
      { db, actor: centralEditor },
      id,
    );
    expect(await edit.json()).toMatchObject({ ok: true, message: "Đã lưu biểu ngữ." });
    expect((await currentBanner(db, "2001-09-30"))?.id).toBe(id);
    const [after] = await db.select().from(portalBanners).where(eq(portalBanners.id, id));
    expect(after).toMatchObject({ endsOn: "2001-09-30", imageSha256: null, imageMime: null, linkUrl: "" });
    const [audit] = await db.select().from(auditLog).where(and(eq(auditLog.entityId, id), eq(auditLog.action, "site.updateBanner")));
    expect(audit).toMatchObject({ unitId: rootId, outcome: "ok" });
    expect(Object.keys(audit!.changes as object).sort()).toEqual(["endsOn", "imageMime", "imageSha256", "linkUrl"]);
  });

  it("keeps a banner still to come, and its image, for the editors until its first day", async () => {
    const png = samplePng(42);
    const future = await createBanner(db, centralEditor, { slogan: "Sắp tới", linkUrl: "", startsOn: "2099-01-01", endsOn: null, position: 0, image: { fileName: "sap-toi.png", bytes: png } });
    const url = `http://localhost/api/cong-thong-tin/bieu-ngu/${future.id}/anh`;
    expect((await bannerImageResponse(new Request(url), db, async () => null, future.id)).status).toBe(404);
    expect((await bannerImageResponse(new Request(url), db, async () => provinceEditor, future.id)).status).toBe(404);
    const forEditor = await bannerImageResponse(new Request(url), db, async () => centralEditor, future.id);
    expect(forEditor.status).toBe(200);
    expect(forEditor.headers.get("cache-control")).toBe("private, no-store");
    expect((await bannerImageResponse(new Request(url), db, async () => null, future.id, "2099-01-01")).status).toBe(200);
  });

  it("deletes a banner through its action, audited", async () => {
    const gone = await banner({ slogan: "Sẽ xóa", startsOn: "2001-10-01" });
    expect(await deleteBannerAction.execute({ db, actor: centralEditor }, { id: gone.id })).toMatchObject({ ok: true, message: "Đã xóa biểu ngữ." });
    expect(await db.select().from(portalBanners).where(eq(portalBanners.id, gone.id))).toEqual([]);
    expect(await countRows(db, auditLog, and(eq(auditLog.entityId, gone.id), eq(auditLog.action, "site.deleteBanner")))).toBe(1);
  });
});

describe("an editor of a province", () => {
  it("is refused creating, editing and deleting banners, and nothing is written or stored", async () => {
    const existing = await banner({ slogan: "Của Trung ương", startsOn: "2001-11-01" });
    const before = await snapshot();
    const png = samplePng(43);
    const created = await saveBannerFromForm(post({ slogan: "Của tỉnh", startsOn: "2001-11-02" }, { name: "anh.png", bytes: png }), { db, actor: provinceEditor });
    expect(created.status).toBe(403);
    expect(await created.json()).toMatchObject({ ok: false, message: "Bạn không có quyền thực hiện thao tác này." });
    expect(await getFileStorage().has(sha256Hex(png))).toBe(false);
    const edited = await saveBannerFromForm(post({ slogan: "Sửa của tỉnh", startsOn: "2001-11-01" }), { db, actor: provinceEditor }, existing.id);
    expect(edited.status).toBe(403);
    await expect(updateBanner(db, provinceEditor, { id: existing.id, slogan: "Sửa", linkUrl: "", startsOn: "2001-11-01", endsOn: null, position: 0, removeImage: false })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(deleteBanner(db, provinceEditor, { id: existing.id })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await deleteBannerAction.execute({ db, actor: provinceEditor }, { id: existing.id })).toMatchObject({ ok: false, code: "forbidden" });
    expect(await snapshot()).toBe(before);
    expect(await currentBanner(db, todayInVietnam())).toMatchObject({ slogan: "Ở đâu cần thanh niên có, việc gì khó có thanh niên" });
  });
});
