import { eq } from "drizzle-orm";
import { PDFDocument } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { documentFiles, documents } from "@/db/schema";
import { seedDemo } from "@/db/seed/demo";
import { ConflictError, InvalidInputError, NotFoundError } from "@/lib/auth/errors";
import type { DatabaseHandle, Db } from "@/lib/db";
import { attachDocumentFile, FileRefused, readDocumentFile, removeDocumentFile } from "@/lib/documents/files";
import { getPublicDocument, recentPublicDocuments, searchPublicDocuments, verifyPublished } from "@/lib/documents/public";
import { renderDocumentPdf } from "@/lib/documents/pdf";
import type { DocumentFields } from "@/lib/documents/schemas";
import { createDocument, getDocument, listDocuments, setDocumentPublished, updateDocument } from "@/lib/documents/service";
import { verificationCode } from "@/lib/documents/verification";
import { sha256Hex } from "@/lib/files/storage";
import { createTestDatabase } from "../helpers/db";
import { actorFor, countRows, unitByCode } from "../helpers/fixtures";

let handle: DatabaseHandle;
let db: Db;
beforeAll(async () => {
  handle = await createTestDatabase();
  db = handle.db;
  await seedDemo(db);
});
afterAll(async () => handle?.close());

let serial = 100;
async function fields(overrides: Partial<DocumentFields> = {}): Promise<DocumentFields> {
  const unit = await unitByCode(db, "HA-NOI");
  serial += 1;
  return {
    unitId: unit.id,
    numberSymbol: `${serial}-KH/HCCB`,
    typeCode: "KH",
    issuerUnitId: unit.id,
    issuerExternalId: null,
    issuerName: "",
    issuedOn: "2026-04-10",
    signer: "Nguyễn Văn Ký",
    abstract: "Kế hoạch tổ chức hoạt động tháng Thanh niên",
    field: "Tuyên truyền",
    validity: "in_force",
    replacedById: null,
    urgency: "normal",
    confidentiality: "normal",
    visibility: "public",
    paperLocation: "",
    acceptDuplicate: false,
    ...overrides,
  };
}

const pdfWith = (title: string, lines: string[]) => renderDocumentPdf({ title, lines, meta: { createdAt: new Date(Date.UTC(2026, 0, 1)) } });

describe("document records", () => {
  it("parses the number and symbol leniently, keeps what was typed and flags what does not parse", async () => {
    const clerk = await actorFor(db, "hanoi.canbo");
    const created = await createDocument(db, clerk, await fields({ numberSymbol: "Số: 374 - tb/hccb" }));
    expect(created).toMatchObject({ numberSymbol: "374-TB/HCCB", numberSymbolRaw: "Số: 374 - tb/hccb", number: 374, symbolFlagged: false });
    const odd = await createDocument(db, clerk, await fields({ numberSymbol: "không số" }));
    expect(odd).toMatchObject({ symbolFlagged: true, number: null });
  });

  it("warns about the same number, symbol and issuer, and saves when the clerk confirms", async () => {
    const clerk = await actorFor(db, "hanoi.canbo");
    const input = await fields({ numberSymbol: "12-TB/HCCB" });
    await createDocument(db, clerk, input);
    const again = await createDocument(db, clerk, { ...input, numberSymbol: "12 - TB / HCCB" }).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(ConflictError);
    expect((again as ConflictError).fieldErrors).toEqual({ numberSymbol: "document.duplicate" });
    await expect(createDocument(db, clerk, { ...input, acceptDuplicate: true })).resolves.toMatchObject({ numberSymbol: "12-TB/HCCB" });
    // Another issuer may use the same symbol.
    await expect(createDocument(db, clerk, { ...input, issuerUnitId: null, issuerName: "Ban Thường vụ Tỉnh ủy" })).resolves.toBeTruthy();
  });

  it("a stale edit is refused and changes nothing", async () => {
    const clerk = await actorFor(db, "hanoi.canbo");
    const input = await fields();
    const created = await createDocument(db, clerk, input);
    await updateDocument(db, clerk, { ...input, id: created.id, version: created.version, abstract: "Trích yếu mới" });
    await expect(updateDocument(db, clerk, { ...input, id: created.id, version: created.version, abstract: "Trích yếu cũ" })).rejects.toBeInstanceOf(ConflictError);
    const [row] = await db.select().from(documents).where(eq(documents.id, created.id));
    expect(row).toMatchObject({ abstract: "Trích yếu mới", version: 2 });
  });

  it("another province's records are out of reach, its internal ones invisible", async () => {
    const hanoi = await actorFor(db, "hanoi.canbo");
    const tq = await actorFor(db, "tuyenquang.canbo");
    const input = await fields({ visibility: "internal", abstract: "Báo cáo nội bộ của Hà Nội" });
    const created = await createDocument(db, hanoi, input);
    await expect(getDocument(db, tq, created.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(updateDocument(db, tq, { ...input, id: created.id, version: 1 })).rejects.toBeInstanceOf(NotFoundError);
    await expect(setDocumentPublished(db, tq, { id: created.id, published: true })).rejects.toBeInstanceOf(NotFoundError);
    expect((await listDocuments(db, tq, { page: 1, pageSize: 100, q: "bao cao noi bo cua ha noi" })).total).toBe(0);
    expect((await listDocuments(db, hanoi, { page: 1, pageSize: 100, q: "bao cao noi bo cua ha noi" })).total).toBe(1);
    await expect(setDocumentPublished(db, hanoi, { id: created.id, published: true })).rejects.toBeInstanceOf(InvalidInputError);
  });
});

describe("files and the public library", () => {
  it("extracts the text for a diacritics-free search, ranks exact spelling first and marks the match", async () => {
    const clerk = await actorFor(db, "hanoi.canbo");
    const exact = await createDocument(db, clerk, await fields({ abstract: "Về tăng cường kết nối thông tin giữa các cấp hội" }));
    const folded = await createDocument(db, clerk, await fields({ abstract: "Hướng dẫn công tác năm 2026" }));
    const pdf = await pdfWith("HƯỚNG DẪN", ["Các chi hội cần kết nội thông tin… nhưng ở đây viết sai dấu: ket noi thong tin hằng tuần."]);
    const file = await attachDocumentFile(db, clerk, { documentId: folded.id, fileName: "Hướng dẫn.pdf", bytes: pdf });
    expect(file).toMatchObject({ kind: "pdf", mime: "application/pdf", searchable: true, verificationCode: verificationCode(sha256Hex(pdf)) });
    expect(file.text).toContain("ket noi thong tin");

    // Nothing is public until published.
    expect((await searchPublicDocuments(db, { q: "ket noi thong tin", page: 1, pageSize: 20 })).total).toBe(0);
    await setDocumentPublished(db, clerk, { id: exact.id, published: true });
    await setDocumentPublished(db, clerk, { id: folded.id, published: true });
    const result = await searchPublicDocuments(db, { q: "kết nối thông tin", page: 1, pageSize: 20 });
    expect(result.rows.map((r) => r.id)).toEqual([exact.id, folded.id]);
    const unaccented = await searchPublicDocuments(db, { q: "ket noi thong tin", page: 1, pageSize: 20 });
    expect(unaccented.rows.map((r) => r.id).sort()).toEqual([exact.id, folded.id].sort());
    expect(result.rows[0]!.abstractParts!.filter((p) => p.hit).map((p) => p.text).join("|")).toBe("kết nối thông tin");
    expect(result.rows[1]!.snippet!.some((p) => p.hit && p.text === "ket noi thong tin")).toBe(true);

    // The file, anonymously, once published; found again by its code and its fingerprint.
    const anonymous = await readDocumentFile(db, null, file.id);
    expect(sha256Hex(anonymous.bytes)).toBe(file.sha256);
    expect((await verifyPublished(db, { code: file.verificationCode.toLowerCase().replace("-", " ") })).map((m) => m.id)).toEqual([folded.id]);
    expect((await verifyPublished(db, { sha256: file.sha256 })).map((m) => m.id)).toEqual([folded.id]);
    await setDocumentPublished(db, clerk, { id: folded.id, published: false });
    await expect(readDocumentFile(db, null, file.id)).rejects.toBeTruthy();
    expect(await verifyPublished(db, { sha256: file.sha256 })).toEqual([]);
  });

  it("folds diacritics for matching and ranks the exact spelling first: duong, dương, đường", async () => {
    const clerk = await actorFor(db, "hanoi.canbo");
    const tag = `qx${serial}`;
    const make = async (abstract: string) => {
      const doc = await createDocument(db, clerk, await fields({ abstract: `${abstract} ${tag}` }));
      await setDocumentPublished(db, clerk, { id: doc.id, published: true });
      return doc.id;
    };
    const road = await make("Về sửa chữa đường giao thông nông thôn");
    const ocean = await make("Về bảo vệ môi trường biển Thái Bình Dương");
    const search = async (q: string) => (await searchPublicDocuments(db, { q: `${q} ${tag}`, page: 1, pageSize: 20 })).rows.map((r) => r.id);
    expect((await search("duong")).sort()).toEqual([road, ocean].sort());
    expect(await search("đường")).toEqual([road, ocean]);
    expect(await search("dương")).toEqual([ocean, road]);
    expect(await search("DƯƠNG")).toEqual([ocean, road]);
  });

  it("refuses a file whose content is not what its name says, the same file twice, and keeps a scan unsearchable", async () => {
    const clerk = await actorFor(db, "hanoi.canbo");
    const doc = await createDocument(db, clerk, await fields());
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]);
    const refused = await attachDocumentFile(db, clerk, { documentId: doc.id, fileName: "quyet-dinh.pdf", bytes: png }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(FileRefused);
    expect((refused as FileRefused).text).toMatch(/quyet-dinh\.pdf/);

    const blank = await PDFDocument.create();
    blank.addPage([595, 842]);
    const scan = await blank.save();
    const scanned = await attachDocumentFile(db, clerk, { documentId: doc.id, fileName: "ban-quet.pdf", bytes: scan });
    expect(scanned).toMatchObject({ searchable: false, text: "" });
    await expect(attachDocumentFile(db, clerk, { documentId: doc.id, fileName: "ban-quet (1).pdf", bytes: scan })).rejects.toBeInstanceOf(ConflictError);
    expect(await countRows(db, documentFiles, eq(documentFiles.documentId, doc.id))).toBe(1);
    await removeDocumentFile(db, clerk, { fileId: scanned.id });
    expect(await countRows(db, documentFiles, eq(documentFiles.documentId, doc.id))).toBe(0);
  });
});

describe("state secrets", () => {
  it("a confidential record takes no file, is never public, and the database refuses a file even around the service", async () => {
    const clerk = await actorFor(db, "hanoi.canbo");
    const secret = await createDocument(db, clerk, await fields({ confidentiality: "secret", visibility: "public", paperLocation: "Tủ hồ sơ mật, phòng Văn thư", abstract: "Về công tác bảo vệ bí mật" }));
    expect(secret.visibility).toBe("internal");
    const pdf = await pdfWith("MẬT", ["Nội dung không được lưu."]);
    const refused = await attachDocumentFile(db, clerk, { documentId: secret.id, fileName: "mat.pdf", bytes: pdf }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(InvalidInputError);
    expect((refused as InvalidInputError).fieldErrors).toEqual({ file: "document.secretNoFile" });
    await expect(setDocumentPublished(db, clerk, { id: secret.id, published: true })).rejects.toBeInstanceOf(InvalidInputError);
    await expect(
      db.insert(documentFiles).values({ documentId: secret.id, sha256: sha256Hex(pdf), verificationCode: "X", fileName: "x.pdf", kind: "pdf", mime: "application/pdf", size: 1 }),
    ).rejects.toThrow();
    await expect(db.update(documents).set({ visibility: "public", publishedAt: new Date() }).where(eq(documents.id, secret.id))).rejects.toThrow();

    // Nothing of it reaches anonymous readers.
    expect(await getPublicDocument(db, secret.id)).toBeNull();
    expect((await searchPublicDocuments(db, { q: "bao ve bi mat", page: 1, pageSize: 20 })).total).toBe(0);
    expect((await recentPublicDocuments(db, 1000)).map((d) => d.id)).not.toContain(secret.id);

    // A record with files cannot become secret.
    const open = await createDocument(db, clerk, await fields());
    await attachDocumentFile(db, clerk, { documentId: open.id, fileName: "a.pdf", bytes: await pdfWith("A", ["Văn bản thường"]) });
    const input = await fields();
    await expect(
      updateDocument(db, clerk, { ...input, numberSymbol: open.numberSymbolRaw, id: open.id, version: (await getDocument(db, clerk, open.id)).document.version, confidentiality: "top_secret", paperLocation: "Kho" }),
    ).rejects.toBeInstanceOf(InvalidInputError);
  });
});
