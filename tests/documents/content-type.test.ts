import { describe, expect, it } from "vitest";
import {
  ALL_FILE_KINDS,
  FILE_KINDS,
  checkUpload,
  detectContent,
  extensionOf,
  fileKindLabel,
  type FileKind,
  type UploadCheck,
} from "@/lib/documents/content-type";
import { renderDocumentPdf } from "@/lib/documents/pdf";
import * as fixture from "./helpers/fixtures";

const MB = 1024 * 1024;
const everything = { maxBytes: 20 * MB, allowed: ALL_FILE_KINDS };
const documentsOnly = { maxBytes: 20 * MB, allowed: ["pdf", "docx"] as FileKind[] };

const samplePdf = () => renderDocumentPdf({ title: "Thông báo", lines: ["Nội dung thông báo."] });

/** The problem of a refused check, for exact comparison. */
const refusal = (check: UploadCheck) => (check.ok ? null : { code: check.problem.code, reason: check.problem.reason, message: check.problem.message });

describe("detectContent: the kind comes from the bytes", () => {
  it.each<[string, () => Promise<Uint8Array> | Uint8Array, FileKind | null, string | null]>([
    ["PDF", samplePdf, "pdf", null],
    ["PDF with bytes before its header", async () => new Uint8Array([...fixture.text("junk\n"), ...(await samplePdf())]), "pdf", null],
    ["DOCX", () => fixture.docx(["Xin chào"]), "docx", null],
    ["XLSX written by exceljs", fixture.xlsx, "xlsx", null],
    ["JPEG", fixture.jpeg, "jpeg", null],
    ["PNG", () => fixture.png(), "png", null],
    ["WebP", fixture.webp, "webp", null],
    ["GIF", fixture.gif, "gif", null],
    ["MP4", fixture.mp4, "mp4", null],
    ["HEIC photo (an ISO media file too)", () => fixture.isoMedia("heic", ["mif1", "heic"]), null, "heic"],
    ["QuickTime video", () => fixture.isoMedia("qt  ", ["qt  "]), null, "mov"],
    ["Windows program", fixture.exe, null, "exe"],
    ["Word 97–2003 / encrypted Office file", fixture.compoundFile, null, "cfb"],
    ["plain zip", () => fixture.zip({ "a.txt": "x" }), null, "zip"],
    ["zip that only claims to be a docx", () => fixture.zip({ "[Content_Types].xml": "<Types/>", "word/styles.xml": "<x/>" }), null, "zip"],
    ["PowerPoint", () => fixture.zip({ "ppt/presentation.xml": "<p/>" }), null, "pptx"],
    ["LibreOffice text", () => fixture.zip({ mimetype: "application/vnd.oasis.opendocument.text", "content.xml": "<c/>" }), null, "odt"],
    ["LibreOffice sheet", () => fixture.zip({ mimetype: "application/vnd.oasis.opendocument.spreadsheet", "content.xml": "<c/>" }), null, "ods"],
    ["text", () => fixture.text("Xin chào"), null, null],
    ["nothing", () => new Uint8Array(), null, null],
  ])("%s", async (_, make, kind, other) => {
    const detected = await detectContent(await make());
    expect({ kind: detected.kind, other: detected.other }).toEqual({ kind, other });
  });

  it("finds a docx whose parts are in an unusual order", async () => {
    const bytes = await fixture.zip({ "docProps/app.xml": "<a/>", "word/document.xml": "<w:document/>", "[Content_Types].xml": "<Types/>" });
    expect((await detectContent(bytes)).kind).toBe("docx");
  });

  it("marks a zip cut short", async () => {
    const bytes = await fixture.docx(["Xin chào"]);
    expect(await detectContent(bytes.slice(0, bytes.length - 40))).toEqual({ kind: null, other: "zip", brokenZip: true });
  });
});

describe("checkUpload: accepted files", () => {
  it.each<[string, () => Promise<Uint8Array> | Uint8Array, string, FileKind, string, string]>([
    ["PDF", samplePdf, "Quyết định 452.pdf", "pdf", "application/pdf", "pdf"],
    ["DOCX", () => fixture.docx(["Xin chào"]), "Tờ trình.docx", "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"],
    ["XLSX", fixture.xlsx, "danh-sach.xlsx", "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"],
    ["JPEG named .JPG", fixture.jpeg, "ANH.JPG", "jpeg", "image/jpeg", "jpg"],
    ["JPEG named .jpeg", fixture.jpeg, "anh.jpeg", "jpeg", "image/jpeg", "jpg"],
    ["JPEG named .jfif", fixture.jpeg, "anh.jfif", "jpeg", "image/jpeg", "jpg"],
    ["PNG", () => fixture.png(), "so-do.png", "png", "image/png", "png"],
    ["WebP", fixture.webp, "anh.webp", "webp", "image/webp", "webp"],
    ["GIF", fixture.gif, "anh.gif", "gif", "image/gif", "gif"],
    ["MP4", fixture.mp4, "video.mp4", "mp4", "video/mp4", "mp4"],
    ["PNG without an extension", () => fixture.png(), "anh", "png", "image/png", "png"],
    ["PDF in a folder path", samplePdf, "C:\\Users\\van.thu\\Tải xuống\\tb.pdf", "pdf", "application/pdf", "pdf"],
    ["PDF that only restricts printing", () => fixture.encryptedPdf("open"), "han-che.pdf", "pdf", "application/pdf", "pdf"],
  ])("%s", async (_, make, name, kind, mime, extension) => {
    expect(await checkUpload(await make(), name, everything)).toEqual({ ok: true, kind, mime, extension, problem: null });
  });

  it("accepts a file of exactly the limit", async () => {
    const bytes = fixture.png();
    expect((await checkUpload(bytes, "a.png", { maxBytes: bytes.length, allowed: ["png"] })).ok).toBe(true);
  });

  it("leaves the caller's bytes as they were", async () => {
    const bytes = await samplePdf();
    const copy = bytes.slice();
    await checkUpload(bytes, "a.pdf", everything);
    expect(bytes.byteLength).toBe(copy.byteLength);
    expect(Buffer.from(bytes).equals(Buffer.from(copy))).toBe(true);
  });
});

describe("checkUpload: refused files, with the reason in Vietnamese", () => {
  it("an empty file", async () => {
    expect(refusal(await checkUpload(new Uint8Array(), "trong.pdf", everything))).toEqual({
      code: "empty",
      reason: null,
      message: "Tệp “trong.pdf” trống, không có nội dung.",
    });
  });

  it("an oversized file, stating the limit in MB", async () => {
    const bytes = new Uint8Array(1.5 * MB);
    bytes.set(fixture.png());
    expect(refusal(await checkUpload(bytes, "lon.png", { maxBytes: MB, allowed: ["png"] }))).toEqual({
      code: "tooLarge",
      reason: null,
      message: "Tệp “lon.png” quá lớn (1,5 MB); chỉ nhận tệp tối đa 1 MB.",
    });
    const big = await checkUpload(new Uint8Array(25 * MB + 1), "video.mp4", { maxBytes: 25 * MB, allowed: ["mp4"] });
    expect(refusal(big)?.message).toBe("Tệp “video.mp4” quá lớn (25 MB); chỉ nhận tệp tối đa 25 MB.");
  });

  it("a program renamed .pdf", async () => {
    expect(refusal(await checkUpload(fixture.exe(), "cong-van.pdf", everything))).toEqual({
      code: "mismatch",
      reason: null,
      message: "Tệp “cong-van.pdf” mang đuôi .pdf nhưng nội dung thực là tệp chương trình (.exe). Có thể tệp đã bị đổi tên; hãy kiểm tra lại tệp gốc.",
    });
  });

  it("a PNG named .pdf", async () => {
    expect(refusal(await checkUpload(fixture.png(), "quyet-dinh.pdf", everything))).toEqual({
      code: "mismatch",
      reason: null,
      message: "Tệp “quyet-dinh.pdf” mang đuôi .pdf nhưng nội dung thực là ảnh PNG. Có thể tệp đã bị đổi tên; hãy kiểm tra lại tệp gốc.",
    });
  });

  it("a PDF named .docx, even where both are allowed", async () => {
    const check = await checkUpload(await samplePdf(), "to-trinh.docx", documentsOnly);
    expect(refusal(check)?.code).toBe("mismatch");
    expect(check.kind).toBe("pdf");
  });

  it("text named .pdf: content of no known kind", async () => {
    expect(refusal(await checkUpload(fixture.text("Kính gửi"), "ghi-chu.pdf", everything))).toEqual({
      code: "mismatch",
      reason: null,
      message:
        "Tệp “ghi-chu.pdf” mang đuôi .pdf nhưng nội dung không phải tài liệu PDF. Có thể tệp đã bị đổi tên hoặc bị hỏng; hãy kiểm tra lại tệp gốc.",
    });
  });

  it("an old Word file (or a password-protected one) named .docx", async () => {
    expect(refusal(await checkUpload(fixture.compoundFile(), "bao-cao.docx", documentsOnly))?.message).toBe(
      "Tệp “bao-cao.docx” mang đuôi .docx nhưng nội dung thực là tệp Word/Excel đời cũ (.doc, .xls) hoặc tệp Office có đặt mật khẩu. Có thể tệp đã bị đổi tên; hãy kiểm tra lại tệp gốc.",
    );
  });

  it("an unknown type", async () => {
    expect(refusal(await checkUpload(fixture.text("a,b,c"), "du-lieu.csv", documentsOnly))).toEqual({
      code: "unknown",
      reason: null,
      message: "Không nhận ra loại tệp “du-lieu.csv”. Chỉ nhận: tài liệu PDF, văn bản Word (.docx).",
    });
  });

  it("a type this upload does not take", async () => {
    expect(refusal(await checkUpload(fixture.png(), "anh.png", documentsOnly))).toEqual({
      code: "forbidden",
      reason: null,
      message: "Tệp “anh.png” là ảnh PNG, không nhận loại tệp này ở đây. Chỉ nhận: tài liệu PDF, văn bản Word (.docx).",
    });
    expect(refusal(await checkUpload(fixture.exe(), "setup.exe", everything))?.message).toBe(
      `Tệp “setup.exe” là tệp chương trình (.exe), không nhận loại tệp này ở đây. Chỉ nhận: ${ALL_FILE_KINDS.map(fileKindLabel).join(", ")}.`,
    );
    expect(refusal(await checkUpload(fixture.isoMedia("heic", ["mif1", "heic"]), "IMG_0001.HEIC", everything))?.message).toContain(
      "là tệp .heic, không nhận loại tệp này ở đây",
    );
    expect(refusal(await checkUpload(await fixture.zip({ "a.txt": "x" }), "ho-so.zip", everything))?.code).toBe("forbidden");
  });

  it("a PDF that wants a password", async () => {
    expect(refusal(await checkUpload(fixture.encryptedPdf("password"), "mat-khau.pdf", everything))).toEqual({
      code: "unreadable",
      reason: "encrypted",
      message: "Tệp PDF “mat-khau.pdf” có đặt mật khẩu nên không mở được. Hãy gỡ mật khẩu rồi tải lên lại.",
    });
  });

  it("a PDF cut short (no %%EOF)", async () => {
    const bytes = await samplePdf();
    expect(refusal(await checkUpload(bytes.slice(0, Math.floor(bytes.length * 0.8)), "dang-do.pdf", everything))).toEqual({
      code: "unreadable",
      reason: "truncated",
      message: "Tệp PDF “dang-do.pdf” không đầy đủ (bị cắt hoặc chưa tải lên hết). Hãy tải lên lại tệp gốc.",
    });
  });

  it("a PDF whose body is garbage", async () => {
    const bytes = fixture.text("%PDF-1.7\nđây không phải PDF\n%%EOF\n");
    expect(refusal(await checkUpload(bytes, "hong.pdf", everything))).toEqual({
      code: "unreadable",
      reason: "corrupt",
      message: "Không đọc được tệp “hong.pdf”: tệp bị hỏng. Hãy mở lại bằng phần mềm đã tạo ra tệp, lưu lại rồi tải lên lần nữa.",
    });
  });

  it("a docx cut short", async () => {
    const bytes = await fixture.docx(["Xin chào"]);
    const check = await checkUpload(bytes.slice(0, bytes.length - 40), "cat.docx", everything);
    expect(refusal(check)).toEqual({
      code: "unreadable",
      reason: "corrupt",
      message: "Không đọc được tệp “cat.docx”: tệp bị hỏng. Hãy mở lại bằng phần mềm đã tạo ra tệp, lưu lại rồi tải lên lần nữa.",
    });
    expect(check.kind).toBe("docx");
  });
});

describe("file kinds", () => {
  it("give each kind its MIME type and canonical extension", () => {
    expect(Object.fromEntries(ALL_FILE_KINDS.map((k) => [k, [FILE_KINDS[k].mime, FILE_KINDS[k].extension]]))).toEqual({
      pdf: ["application/pdf", "pdf"],
      docx: ["application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"],
      xlsx: ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"],
      jpeg: ["image/jpeg", "jpg"],
      png: ["image/png", "png"],
      webp: ["image/webp", "webp"],
      gif: ["image/gif", "gif"],
      mp4: ["video/mp4", "mp4"],
    });
  });

  it.each<[string, string]>([
    ["a.pdf", "pdf"],
    ["Báo cáo.PDF", "pdf"],
    ["archive.tar.gz", "gz"],
    ["no-extension", ""],
    [".hidden", ""],
    ["thu-muc/anh.JPG", "jpg"],
    ["C:\\tai-lieu\\to-trinh.docx", "docx"],
    ["  a.png  ", "png"],
  ])("extensionOf(%j) = %j", (name, extension) => {
    expect(extensionOf(name)).toBe(extension);
  });
});
