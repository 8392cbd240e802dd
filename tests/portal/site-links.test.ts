import { and, eq, gt, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, partnerLinks } from "@/db/schema";
import { seedDemo } from "@/db/seed/demo";
import type { Actor } from "@/lib/auth/actor";
import type { DatabaseHandle, Db } from "@/lib/db";
import { createLinkAction, deleteLinkAction, reorderLinkAction, setLinkActiveAction, updateLinkAction } from "@/lib/portal/site/actions";
import { listPartnerLinks } from "@/lib/portal/site/links";
import { publicPartnerLinks } from "@/lib/portal/site/public";
import { createTestDatabase } from "../helpers/db";
import { actorFor, makeUser, rowsOf, unitByCode } from "../helpers/fixtures";

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

async function create(group: string, name: string, url = `https://${name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}.example.vn/`) {
  const result = await createLinkAction.execute({ db, actor: centralEditor }, { group, name, url });
  if (!result.ok) throw new Error(JSON.stringify(result));
  return result.data.id;
}

/** The names of a group's links as the editors see them, in order. */
async function names(group: string) {
  return ((await listPartnerLinks(db, centralEditor)).find((g) => g.group === group)?.links ?? []).map((l) => l.name);
}

async function snapshot() {
  const [row] = await rowsOf<{ h: string }>(db, sql`select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as h from partner_links t`);
  return row!.h;
}

describe("partner links on the portal", () => {
  it("are grouped in the groups' order with their Vietnamese labels, each group in its own order, hidden ones left out", async () => {
    const hidden = await create("units", "Hoi tinh An");
    await create("units", "Hoi tinh Binh");
    await create("other", "Trang khac");
    expect((await setLinkActiveAction.execute({ db, actor: centralEditor }, { id: hidden, active: false })).ok).toBe(true);
    const groups = await publicPartnerLinks(db);
    expect(groups.map((g) => [g.group, g.label])).toEqual([
      ["party", "Đảng"],
      ["state", "Nhà nước"],
      ["front", "Mặt trận và các đoàn thể"],
      ["units", "Các đơn vị"],
      ["other", "Khác"],
    ]);
    expect(groups[0]!.links).toEqual([expect.objectContaining({ name: "Báo điện tử Đảng Cộng sản Việt Nam", url: "https://dangcongsan.vn" })]);
    expect(groups[1]!.links.map((l) => l.url)).toEqual(["https://chinhphu.vn", "https://quochoi.vn"]);
    expect(groups[3]!.links.map((l) => l.name)).toEqual(["Hoi tinh Binh"]);
    // The editors still see the hidden one, in its place.
    expect(await names("units")).toEqual(["Hoi tinh An", "Hoi tinh Binh"]);
  });

  it("move up and down within their group only, and a new one goes to the end of its group", async () => {
    const a = await create("other", "Mot");
    const b = await create("other", "Hai");
    const before = await names("other");
    expect(before.slice(-2)).toEqual(["Mot", "Hai"]);
    await reorderLinkAction.execute({ db, actor: centralEditor }, { id: b, direction: "up" });
    expect(await names("other")).toEqual([...before.slice(0, -2), "Hai", "Mot"]);
    expect(await reorderLinkAction.execute({ db, actor: centralEditor }, { id: a, direction: "down" })).toMatchObject({ ok: true, data: { moved: false } });
    const front = await names("front");
    await reorderLinkAction.execute({ db, actor: centralEditor }, { id: b, direction: "up" });
    expect(await names("front")).toEqual(front);
    // Moved to another group by editing: it goes to the end there.
    expect(await updateLinkAction.execute({ db, actor: centralEditor }, { id: a, group: "front", name: "Mot (sua)", url: "https://mot-moi.example.vn/" })).toMatchObject({ ok: true, message: "Đã lưu liên kết." });
    expect(await names("front")).toEqual([...front, "Mot (sua)"]);
    expect(await names("other")).not.toContain("Mot");
    const [audit] = await db.select().from(auditLog).where(and(eq(auditLog.entityId, a), eq(auditLog.action, "site.updateLink")));
    expect(audit).toMatchObject({ unitId: rootId, outcome: "ok" });
    expect(audit!.changes).toMatchObject({ group: { from: "other", to: "front" }, name: { from: "Mot", to: "Mot (sua)" }, url: { to: "https://mot-moi.example.vn/" } });
  });

  it("are deleted through their action", async () => {
    const id = await create("other", "Se xoa");
    expect(await deleteLinkAction.execute({ db, actor: centralEditor }, { id })).toMatchObject({ ok: true, message: "Đã xóa liên kết." });
    expect(await db.select().from(partnerLinks).where(eq(partnerLinks.id, id))).toEqual([]);
  });
});

describe("a link's address", () => {
  it("must be absolute http(s) with a host: anything else is refused with a Vietnamese message on the url field, and nothing is written", async () => {
    const before = await snapshot();
    for (const url of ["chinhphu.vn", "ftp://chinhphu.vn", "javascript:alert(1)", "https://localhost", "https://nguoi:matkhau@chinhphu.vn", "/tin-tuc", ""]) {
      const result = await createLinkAction.execute({ db, actor: centralEditor }, { group: "state", name: "Sai địa chỉ", url });
      expect(result, url).toMatchObject({ ok: false, code: "invalid" });
      expect(!result.ok && result.fieldErrors.url, url).toMatch(url ? /^Địa chỉ phải đầy đủ, bắt đầu bằng http:\/\/ hoặc https:\/\/ và có tên miền/ : /^Vui lòng nhập/);
    }
    expect(await snapshot()).toBe(before);
  });
});

describe("an editor of a province", () => {
  it("is refused every change to the links; nothing is written, and the refusals are logged", async () => {
    const id = await create("other", "Cua Trung uong");
    const before = await snapshot();
    const [{ maxId } = { maxId: 0 }] = await db.select({ maxId: sql<number>`coalesce(max(${auditLog.id}), 0)::int` }).from(auditLog);
    const ctx = { db, actor: provinceEditor };
    const results = [
      await createLinkAction.execute(ctx, { group: "units", name: "Hội tỉnh", url: "https://hoitinh.example.vn" }),
      await updateLinkAction.execute(ctx, { id, group: "other", name: "Đổi tên", url: "https://doi.example.vn" }),
      await reorderLinkAction.execute(ctx, { id, direction: "up" }),
      await setLinkActiveAction.execute(ctx, { id, active: false }),
      await deleteLinkAction.execute(ctx, { id }),
    ];
    for (const result of results) expect(result).toMatchObject({ ok: false, code: "forbidden" });
    expect(await snapshot()).toBe(before);
    const logged = await db.select().from(auditLog).where(gt(auditLog.id, maxId));
    expect(logged.every((l) => l.outcome === "denied")).toBe(true);
    expect(logged.map((l) => l.action)).toEqual(["site.createLink", "site.updateLink", "site.reorderLink", "site.setLinkActive", "site.deleteLink"]);
  });
});
