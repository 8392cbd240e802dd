import { and, eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { auditLog, publications, units } from "@/db/schema";
import { seedDemo } from "@/db/seed/demo";
import type { Actor } from "@/lib/auth/actor";
import { ForbiddenError, InvalidInputError, NotFoundError } from "@/lib/auth/errors";
import type { DatabaseHandle, Db } from "@/lib/db";
import { verificationCode } from "@/lib/documents/verification";
import { resetEnvCache } from "@/lib/env";
import { getFileStorage, sha256Hex } from "@/lib/files/storage";
import { getPublicPublication, listPublicPublications, publicationSitemapEntries } from "@/lib/publications/public";
import { createPublicationInput, updatePublicationInput } from "@/lib/publications/schemas";
import { readPublicationFile } from "@/lib/publications/serve";
import {
  createPublication,
  deletePublication,
  getPublication,
  listPublications,
  publishPublication,
  unpublishPublication,
  updatePublication,
} from "@/lib/publications/service";
import { FilesRefused } from "@/lib/publications/uploads";
import { createTestDatabase } from "../helpers/db";
import { actorFor, countRows, makeUser, unitByCode } from "../helpers/fixtures";
import { makePublication } from "./fixtures";
import { samplePdf, samplePng } from "./sample-files";

let handle: DatabaseHandle;
let db: Db;
let centralEditor: Actor;
let hanoiEditor: Actor;
let tqEditor: Actor;
let hanoiOfficer: Actor;
let hanoiId: string;
let tqId: string;

async function actorWith(unitCode: string, role: "editor" | "officer" = "editor") {
  return actorFor(db, (await makeUser(db, { unitCode, role })).username);
}

beforeAll(async () => {
  handle = await createTestDatabase();
  db = handle.db;
  await seedDemo(db);
  centralEditor = await actorFor(db, "bientap");
  hanoiEditor = await actorWith("HA-NOI");
  tqEditor = await actorWith("TUYEN-QUANG");
  hanoiOfficer = await actorWith("HA-NOI", "officer");
  hanoiId = (await unitByCode(db, "HA-NOI")).id;
  tqId = (await unitByCode(db, "TUYEN-QUANG")).id;
});
afterAll(async () => handle?.close());
afterEach(() => {
  delete process.env.FILE_MAX_MB;
  resetEnvCache();
});

const fields = (overrides: Record<string, unknown> = {}) =>
  createPublicationInput.parse({ unitId: hanoiId, kind: "newsletter", title: "Bản tin số 3 năm 2026", issueNumber: "3", year: "2026", description: "Tin hoạt động quý I.", ...overrides });

const pdfFile = async (text = "Ban tin so 3", fileName = "Bản tin số 3.pdf") => ({ fileName, bytes: await samplePdf(text) });

describe("creating a publication", () => {
  it("stores the PDF and cover by content, with a slug, a verification code and an audit entry", async () => {
    const pdf = await pdfFile();
    const cover = { fileName: "bia.png", bytes: samplePng(1) };
    const created = await createPublication(db, hanoiEditor, { ...fields(), pdf, cover });
    const sha = sha256Hex(pdf.bytes);
    expect(created).toMatchObject({
      slug: "ban-tin-so-3-nam-2026",
      kind: "newsletter",
      issueNumber: "3",
      year: 2026,
      pdfSha256: sha,
      pdfFileName: "Bản tin số 3.pdf",
      pdfSize: pdf.bytes.length,
      verificationCode: verificationCode(sha),
      coverSha256: sha256Hex(cover.bytes),
      coverMime: "image/png",
      publishedAt: null,
      unitId: hanoiId,
    });
    expect(created.verificationCode).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
    expect(await getFileStorage().has(sha)).toBe(true);
    expect(await getFileStorage().has(sha256Hex(cover.bytes))).toBe(true);
    const [audit] = await db.select().from(auditLog).where(and(eq(auditLog.entityId, created.id), eq(auditLog.action, "publication.create")));
    expect(audit).toMatchObject({ unitId: hanoiId, outcome: "ok", actorId: hanoiEditor.userId });
  });

  it("suffixes the slug -2, -3 when the title is taken", async () => {
    const title = "Sách truyền thống Thanh niên xung phong";
    const a = await createPublication(db, hanoiEditor, { ...fields({ kind: "book", title, issueNumber: "" }), pdf: await pdfFile("a") });
    const b = await createPublication(db, hanoiEditor, { ...fields({ kind: "book", title, issueNumber: "" }), pdf: await pdfFile("b") });
    const c = await createPublication(db, centralEditor, { ...fields({ kind: "book", title, issueNumber: "" }), pdf: await pdfFile("c") });
    expect([a.slug, b.slug, c.slug]).toEqual(["sach-truyen-thong-thanh-nien-xung-phong", "sach-truyen-thong-thanh-nien-xung-phong-2", "sach-truyen-thong-thanh-nien-xung-phong-3"]);
  });

  it("refuses a PNG named .pdf, and a PDF given as the cover, naming each file; nothing is saved", async () => {
    const before = await countRows(db, publications);
    const error = await createPublication(db, hanoiEditor, {
      ...fields({ title: "Bản tin giả" }),
      pdf: { fileName: "ban-tin.pdf", bytes: samplePng(2) },
      cover: { fileName: "bia.pdf", bytes: await samplePdf("bia") },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FilesRefused);
    const texts = (error as FilesRefused).texts;
    expect(texts.pdf).toContain("ban-tin.pdf");
    expect(texts.pdf).toContain("PNG");
    expect(texts.cover).toContain("bia.pdf");
    expect((error as FilesRefused).fieldErrors).toEqual({ pdf: "publication.fileRefused", cover: "publication.fileRefused" });
    expect(await countRows(db, publications)).toBe(before);
    expect(await getFileStorage().has(sha256Hex(samplePng(2)))).toBe(false);
  });

  it("refuses a file over FILE_MAX_MB, saying the limit", async () => {
    process.env.FILE_MAX_MB = "1";
    resetEnvCache();
    const before = await countRows(db, publications);
    const big = new Uint8Array(1024 * 1024 + 1);
    big.set(new TextEncoder().encode("%PDF-1.4\n"));
    const error = await createPublication(db, hanoiEditor, { ...fields({ title: "Bản tin quá lớn" }), pdf: { fileName: "lon.pdf", bytes: big } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FilesRefused);
    expect((error as FilesRefused).texts.pdf).toMatch(/lon\.pdf.*tối đa 1 MB/);
    expect(await countRows(db, publications)).toBe(before);
  });

  it("requires the PDF and checks the fields", async () => {
    const error = await createPublication(db, hanoiEditor, { ...fields(), pdf: null }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).fieldErrors).toEqual({ pdf: "publication.pdfRequired" });
    const bad = createPublicationInput.safeParse({ unitId: hanoiId, kind: "magazine", title: " ", year: "năm ngoái" });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => [i.path.join("."), i.message])).toEqual(
      expect.arrayContaining([
        ["kind", "validation.choice"],
        ["title", "validation.required"],
        ["year", "publication.yearRange"],
      ]),
    );
  });
});

describe("publishing", () => {
  it("shows a publication to the public only while it is published", async () => {
    const created = await createPublication(db, hanoiEditor, { ...fields({ title: "Bản tin công bố thử" }), pdf: await pdfFile("cong bo") });
    const isListed = async () => (await listPublicPublications(db, { page: 1, pageSize: 100 })).rows.some((r) => r.id === created.id);
    const inSitemap = async () => (await publicationSitemapEntries(db)).some((e) => e.url === `/an-pham/${created.slug}`);

    expect(await isListed()).toBe(false);
    expect(await getPublicPublication(db, created.slug)).toBeNull();
    expect(await inSitemap()).toBe(false);
    await expect(readPublicationFile(db, null, created.id, "pdf")).rejects.toBeInstanceOf(NotFoundError);
    // Its editors can open the draft's file; an editor elsewhere cannot.
    expect((await readPublicationFile(db, hanoiEditor, created.id, "pdf")).isPublic).toBe(false);
    expect((await readPublicationFile(db, centralEditor, created.id, "pdf")).mime).toBe("application/pdf");
    await expect(readPublicationFile(db, tqEditor, created.id, "pdf")).rejects.toBeInstanceOf(NotFoundError);

    await publishPublication(db, hanoiEditor, { id: created.id });
    expect(await isListed()).toBe(true);
    expect(await getPublicPublication(db, created.slug)).toMatchObject({ id: created.id, verificationCode: created.verificationCode, unitName: "Hội Cựu TNXP thành phố Hà Nội" });
    expect(await inSitemap()).toBe(true);
    const file = await readPublicationFile(db, null, created.id, "pdf");
    expect(file).toMatchObject({ isPublic: true, mime: "application/pdf", fileName: "Bản tin số 3.pdf" });
    expect(sha256Hex(file.bytes)).toBe(created.pdfSha256);

    await unpublishPublication(db, hanoiEditor, { id: created.id });
    expect(await isListed()).toBe(false);
    expect(await getPublicPublication(db, created.slug)).toBeNull();
    await expect(readPublicationFile(db, null, created.id, "pdf")).rejects.toBeInstanceOf(NotFoundError);
    const actions = await db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, created.id));
    expect(actions.map((a) => a.action)).toEqual(expect.arrayContaining(["publication.create", "publication.publish", "publication.unpublish"]));
  });

  it("filters the public list by kind and pages it", async () => {
    for (let i = 0; i < 3; i++) {
      const p = await makePublication(db, hanoiId, { kind: "book", title: `Sách ${i}`, publishedAt: new Date() });
      expect(p.publishedAt).not.toBeNull();
    }
    const books = await listPublicPublications(db, { page: 1, pageSize: 2, kind: "book" });
    expect(books.rows).toHaveLength(2);
    expect(books.total).toBeGreaterThanOrEqual(3);
    expect(books.rows.every((r) => r.kind === "book")).toBe(true);
    const page2 = await listPublicPublications(db, { page: 2, pageSize: 2, kind: "book" });
    expect(page2.rows.map((r) => r.id)).not.toContain(books.rows[0]!.id);
  });
});

describe("editing", () => {
  it("renames the slug only until first published, replaces the PDF and removes the cover", async () => {
    const created = await createPublication(db, hanoiEditor, {
      ...fields({ title: "Bản tin nháp" }),
      pdf: await pdfFile("nhap"),
      cover: { fileName: "bia.png", bytes: samplePng(3) },
    });
    const edit = (overrides: Record<string, unknown>) =>
      updatePublicationInput.parse({ id: created.id, unitId: hanoiId, kind: "newsletter", title: "Bản tin nháp", issueNumber: "3", year: "2026", description: "", ...overrides });

    const renamed = await updatePublication(db, hanoiEditor, edit({ title: "Bản tin số 4 năm 2026" }));
    expect(renamed.slug).toBe("ban-tin-so-4-nam-2026");

    const newPdf = await pdfFile("so 4", "Số 4.pdf");
    const replaced = await updatePublication(db, hanoiEditor, { ...edit({ title: "Bản tin số 4 năm 2026", removeCover: "on" }), pdf: newPdf });
    expect(replaced).toMatchObject({ pdfSha256: sha256Hex(newPdf.bytes), verificationCode: verificationCode(sha256Hex(newPdf.bytes)), pdfFileName: "Số 4.pdf", coverSha256: null, coverMime: null });

    await publishPublication(db, hanoiEditor, { id: created.id });
    const after = await updatePublication(db, hanoiEditor, edit({ title: "Bản tin số 4 (sửa)" }));
    expect(after).toMatchObject({ title: "Bản tin số 4 (sửa)", slug: "ban-tin-so-4-nam-2026" });
    const [audit] = await db.select().from(auditLog).where(and(eq(auditLog.entityId, created.id), eq(auditLog.action, "publication.update"))).orderBy(auditLog.id).limit(1);
    expect(audit!.changes).toMatchObject({ title: { from: "Bản tin nháp", to: "Bản tin số 4 năm 2026" } });
  });

  it("refuses a bad replacement file and keeps the record as it was", async () => {
    const created = await createPublication(db, hanoiEditor, { ...fields({ title: "Bản tin giữ nguyên" }), pdf: await pdfFile("giu") });
    const input = updatePublicationInput.parse({ id: created.id, unitId: hanoiId, kind: "book", title: "Đổi tên", year: "2025" });
    await expect(updatePublication(db, hanoiEditor, { ...input, pdf: { fileName: "x.pdf", bytes: samplePng(4) } })).rejects.toBeInstanceOf(FilesRefused);
    const [row] = await db.select().from(publications).where(eq(publications.id, created.id));
    expect(row).toMatchObject({ title: "Bản tin giữ nguyên", kind: "newsletter", pdfSha256: created.pdfSha256 });
  });

  it("deletes a publication with an audit entry", async () => {
    const created = await createPublication(db, hanoiEditor, { ...fields({ title: "Bản tin sẽ xóa" }), pdf: await pdfFile("xoa") });
    await deletePublication(db, hanoiEditor, { id: created.id });
    expect(await countRows(db, publications, eq(publications.id, created.id))).toBe(0);
    expect(await countRows(db, auditLog, and(eq(auditLog.entityId, created.id), eq(auditLog.action, "publication.delete")))).toBe(1);
  });
});

describe("scope", () => {
  it("lets an editor of Hà Nội manage Hà Nội and its wards, and nothing in Tuyên Quang", async () => {
    const [ward] = await db.select().from(units).where(eq(units.parentId, hanoiId)).limit(1);
    const inWard = await makePublication(db, ward!.id);
    expect((await getPublication(db, hanoiEditor, inWard.id)).publication.id).toBe(inWard.id);
    await publishPublication(db, hanoiEditor, { id: inWard.id });

    const theirs = await makePublication(db, tqId);
    const input = updatePublicationInput.parse({ id: theirs.id, unitId: hanoiId, kind: "book", title: "Chiếm", year: "2026" });
    await expect(getPublication(db, hanoiEditor, theirs.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(updatePublication(db, hanoiEditor, input)).rejects.toBeInstanceOf(NotFoundError);
    await expect(publishPublication(db, hanoiEditor, { id: theirs.id })).rejects.toBeInstanceOf(NotFoundError);
    await expect(unpublishPublication(db, hanoiEditor, { id: theirs.id })).rejects.toBeInstanceOf(NotFoundError);
    await expect(deletePublication(db, hanoiEditor, { id: theirs.id })).rejects.toBeInstanceOf(NotFoundError);
    await expect(readPublicationFile(db, hanoiEditor, theirs.id, "pdf")).rejects.toBeInstanceOf(NotFoundError);
    // Nor can one create at Tuyên Quang, or move one's own publication there.
    await expect(createPublication(db, hanoiEditor, { ...fields({ unitId: tqId }), pdf: await pdfFile("tq") })).rejects.toBeInstanceOf(NotFoundError);
    const ours = await makePublication(db, hanoiId);
    await expect(updatePublication(db, hanoiEditor, { ...input, id: ours.id, unitId: tqId })).rejects.toBeInstanceOf(NotFoundError);

    const [row] = await db.select().from(publications).where(eq(publications.id, theirs.id));
    expect(row).toMatchObject({ title: theirs.title, publishedAt: null });
    const listed = await listPublications(db, hanoiEditor, { page: 1, pageSize: 500 });
    expect(listed.rows.map((r) => r.id)).toContain(inWard.id);
    expect(listed.rows.map((r) => r.id)).not.toContain(theirs.id);
    expect((await listPublications(db, tqEditor, { page: 1, pageSize: 500 })).rows.map((r) => r.id)).toContain(theirs.id);
  });

  it("refuses roles without publication.manage", async () => {
    await expect(listPublications(db, hanoiOfficer, { page: 1, pageSize: 10 })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(createPublication(db, hanoiOfficer, { ...fields(), pdf: await pdfFile("x") })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(createPublication(db, null, { ...fields(), pdf: await pdfFile("x") })).rejects.toMatchObject({ code: "unauthenticated" });
  });
});
