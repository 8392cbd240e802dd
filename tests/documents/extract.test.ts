import { PDFDocument } from "pdf-lib";
import { extractTextItems, getMeta } from "unpdf";
import { beforeAll, describe, expect, it } from "vitest";
import { MAX_TEXT_BYTES, capUtf8, extractText, normaliseText, probePdf } from "@/lib/documents/extract";
import { renderDocumentPdf } from "@/lib/documents/pdf";
import * as fixture from "./helpers/fixtures";

const VOWELS = "aăâeêioôơuưy";
const TONES = ["", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323"];
/** Every Vietnamese vowel with every tone, lower and upper case, plus đ and Đ: 146 letters. */
const ALPHABET = [...VOWELS].flatMap((v) => TONES.map((tone) => (v + tone).normalize("NFC")));
const ALPHABET_LINE = [...ALPHABET, ...ALPHABET.map((c) => c.toUpperCase()), "đ", "Đ"].join(" ");

const TITLE = "Quyết định về việc kiện toàn Ban Chấp hành";
const BODY = [
  "Căn cứ Điều lệ Công đoàn Việt Nam; xét đề nghị của Ban Tổ chức,",
  "",
  "Điều 1. Kiện toàn Ban Chấp hành Công đoàn cơ sở nhiệm kỳ 2023–2028 gồm các đồng chí có tên trong danh sách kèm theo.",
  "Điều 2. Quyết định có hiệu lực kể từ ngày ký. Hỏa tốc, Thượng khẩn, Tuyệt mật: những từ có dấu khó nhất “ngoặc kép”.",
  ALPHABET_LINE,
];

describe("renderDocumentPdf → extractText: the Vietnamese comes back exactly", () => {
  let bytes: Uint8Array;
  let extracted: Awaited<ReturnType<typeof extractText>>;
  beforeAll(async () => {
    bytes = await renderDocumentPdf({
      title: TITLE,
      lines: BODY,
      meta: {
        style: "ND30",
        issuer: "TỔNG LIÊN ĐOÀN\nLAO ĐỘNG VIỆT NAM",
        numberSymbol: "452/QĐ-TLĐ",
        placeAndDate: "Hà Nội, ngày 15 tháng 3 năm 2025",
        signer: { position: "TM. ĐOÀN CHỦ TỊCH\nCHỦ TỊCH", name: "Nguyễn Đình Khang" },
        subject: "Kiện toàn Ban Chấp hành",
        keywords: ["công đoàn", "kiện toàn"],
        createdAt: new Date("2025-03-15T02:00:00Z"),
      },
    });
    extracted = await extractText(bytes, "pdf");
  });

  it("is a one-page A4 PDF with its two fonts embedded whole (every glyph shows in every viewer)", async () => {
    expect(bytes.length).toBeGreaterThan(200_000);
    expect(bytes.length).toBeLessThan(2_000_000);
    const pdf = await PDFDocument.load(bytes);
    expect(pdf.getPageCount()).toBe(1);
    const { width, height } = pdf.getPage(0).getSize();
    expect([Math.round(width), Math.round(height)]).toEqual([595, 842]);
  });

  it("gives the exact text, line by line, in NFC", () => {
    expect(extracted).toMatchObject({ pages: 1, searchable: true, truncated: false, error: null });
    expect(extracted.text).toBe(extracted.text.normalize("NFC"));
    const lines = extracted.text.split("\n");
    expect(lines.slice(0, 6)).toEqual([
      "TỔNG LIÊN ĐOÀN",
      "LAO ĐỘNG VIỆT NAM",
      "Số: 452/QĐ-TLĐ",
      "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
      "Độc lập - Tự do - Hạnh phúc",
      "Hà Nội, ngày 15 tháng 3 năm 2025",
    ]);
    expect(lines).toContain(TITLE);
    expect(lines).toContain(BODY[0]);
    expect(extracted.text.replace(/\n/g, " ")).toContain(ALPHABET_LINE); // wrapped over several lines
    expect(lines.slice(-3)).toEqual(["TM. ĐOÀN CHỦ TỊCH", "CHỦ TỊCH", "Nguyễn Đình Khang"]);
  });

  it("finds the words a search would look for", () => {
    const words = extracted.text.split(/[^\p{L}\p{N}]+/u);
    for (const word of ["Quyết", "định", "việc", "kiện", "toàn", "Chấp", "hành", "Hỏa", "tốc", "Thượng", "khẩn", "Tuyệt", "mật", "nhiệm", "kỳ"]) {
      expect(words).toContain(word);
    }
    // A wrapped paragraph reads back whole once line breaks are spaces.
    expect(extracted.text.replace(/\n/g, " ")).toContain(BODY[2]);
    expect(extracted.text.replace(/\n/g, " ")).toContain(BODY[3]);
  });

  it("records the document's properties", async () => {
    const { info } = await getMeta(new Uint8Array(bytes));
    expect(info).toMatchObject({
      Title: TITLE,
      Author: "TỔNG LIÊN ĐOÀN LAO ĐỘNG VIỆT NAM",
      Subject: "Kiện toàn Ban Chấp hành",
      Keywords: "công đoàn kiện toàn",
      Creator: "Kết Nối",
      Producer: "Kết Nối",
      Language: "vi-VN",
    });
  });

  it("keeps every line inside the page margins", async () => {
    const { items } = await extractTextItems(new Uint8Array(bytes));
    for (const item of items[0]!.filter((i) => i.str.trim())) {
      expect(item.x).toBeGreaterThanOrEqual(56); // 20 mm
      expect(item.x + item.width).toBeLessThanOrEqual(595.28 - 56);
      expect(item.y).toBeGreaterThanOrEqual(56);
      expect(item.y).toBeLessThanOrEqual(842 - 56);
    }
  });

  it("produces the same bytes for the same input", async () => {
    const input = { title: "Thông báo", lines: ["Một"], meta: { createdAt: new Date(0) } };
    expect(Buffer.from(await renderDocumentPdf(input)).equals(Buffer.from(await renderDocumentPdf(input)))).toBe(true);
  });
});

describe("renderDocumentPdf: layout", () => {
  it("flows onto more pages and numbers them from the second (NĐ30)", async () => {
    const lines = Array.from({ length: 120 }, (_, i) => `Dòng ${i + 1}: nội dung báo cáo tổng kết công tác năm của Ban Chấp hành.`);
    const bytes = await renderDocumentPdf({ title: "BÁO CÁO", lines });
    const result = await extractText(bytes, "pdf");
    expect(result.pages).toBe(3);
    const pages = result.text.split("\n\n");
    expect(pages).toHaveLength(3);
    expect(pages[0]!.split("\n")[0]).toBe("BÁO CÁO");
    expect(pages[1]!.split("\n")[0]).toBe("2");
    expect(pages[2]!.split("\n")[0]).toBe("3");
    for (let i = 1; i <= 120; i++) expect(result.text).toContain(`Dòng ${i}: nội dung`);
  });

  it("writes the Party's motto and HD36 number for HD36", async () => {
    const bytes = await renderDocumentPdf({
      title: "THÔNG BÁO",
      lines: ["Ý kiến của Ban Thường vụ."],
      meta: { style: "HD36", issuer: "HUYỆN ỦY", numberSymbol: "374-TB/HU", placeAndDate: "Phú Lương, ngày 02 tháng 4 năm 2025" },
    });
    const lines = (await extractText(bytes, "pdf")).text.split("\n");
    expect(lines.slice(0, 4)).toEqual(["HUYỆN ỦY", "Số 374-TB/HU", "ĐẢNG CỘNG SẢN VIỆT NAM", "Phú Lương, ngày 02 tháng 4 năm 2025"]);
  });

  it("cuts a word longer than a line instead of running off the page", async () => {
    const link = `https://ketnoi.example.vn/van-ban/${"tai-lieu-".repeat(20)}cuoi`;
    const bytes = await renderDocumentPdf({ title: "Liên kết", lines: [link] });
    expect((await extractText(bytes, "pdf")).text.split("\n").slice(1).join("")).toBe(link);
  });

  it("takes decomposed (NFD) input and control characters", async () => {
    const bytes = await renderDocumentPdf({ title: "Kiểm tra", lines: ["Thượng\u0000 khẩn\tHỏa tốc".normalize("NFD")] });
    expect((await extractText(bytes, "pdf")).text).toBe("Kiểm tra\nThượng khẩn Hỏa tốc");
  });
});

describe("extractText: files without a text layer, and broken files", () => {
  it("a scanned page (only an image) is not searchable", async () => {
    expect(await extractText(await fixture.scannedPdf(), "pdf")).toEqual({ text: "", pages: 1, searchable: false, truncated: false, error: null });
  });

  it("a blank page is not searchable", async () => {
    expect(await extractText(await fixture.blankPdf(), "pdf")).toEqual({ text: "", pages: 1, searchable: false, truncated: false, error: null });
  });

  it("a page of punctuation only is not searchable", async () => {
    const result = await extractText(await renderDocumentPdf({ title: "…", lines: ["- . -"] }), "pdf");
    expect(result).toEqual({ text: "…\n- . -", pages: 1, searchable: false, truncated: false, error: null });
  });

  it.each<[string, () => Promise<Uint8Array> | Uint8Array]>([
    ["random bytes", () => new Uint8Array(2048).map((_, i) => (i * 131 + 7) & 0xff)],
    ["nothing", () => new Uint8Array()],
    ["a PDF header and garbage", () => fixture.text("%PDF-1.7\nđây không phải PDF\n%%EOF\n")],
    ["a PNG", () => fixture.png()],
  ])("%s → unreadable, no throw", async (_, make) => {
    expect(await extractText(await make(), "pdf")).toEqual({ text: "", searchable: false, truncated: false, error: "unreadable" });
  });

  it("a PDF that wants a password → encrypted", async () => {
    expect(await extractText(fixture.encryptedPdf("password"), "pdf")).toEqual({ text: "", searchable: false, truncated: false, error: "encrypted" });
  });

  it("a PDF that only restricts printing is read", async () => {
    expect(await extractText(fixture.encryptedPdf("open", "Han che in an"), "pdf")).toEqual({
      text: "Han che in an",
      pages: 1,
      searchable: true,
      truncated: false,
      error: null,
    });
  });

  it("reads a Node Buffer and leaves the caller's bytes intact", async () => {
    const bytes = await renderDocumentPdf({ title: "Bản gốc", lines: [] });
    const buffer = Buffer.from(bytes);
    expect((await extractText(buffer, "pdf")).text).toBe("Bản gốc");
    expect((await extractText(bytes, "pdf")).text).toBe("Bản gốc");
    expect(bytes.byteLength).toBeGreaterThan(0);
    expect(buffer.equals(Buffer.from(bytes))).toBe(true);
  });

  it("probePdf tells the three states apart", async () => {
    expect(await probePdf(await fixture.blankPdf())).toBe("ok");
    expect(await probePdf(fixture.encryptedPdf("open"))).toBe("ok");
    expect(await probePdf(fixture.encryptedPdf("password"))).toBe("encrypted");
    expect(await probePdf(fixture.text("%PDF-1.4 nothing"))).toBe("unreadable");
  });
});

describe("extractText: DOCX", () => {
  it("gives the paragraphs, split by blank lines", async () => {
    const bytes = await fixture.docx([
      "QUYẾT ĐỊNH",
      "Về việc kiện toàn Ban Chấp hành Công đoàn cơ sở",
      "Điều 1.   Kiện toàn   Ban Chấp hành.",
      "",
      "Điều 2. Quyết định có hiệu lực kể từ ngày ký.",
    ]);
    expect(await extractText(bytes, "docx")).toEqual({
      text: "QUYẾT ĐỊNH\n\nVề việc kiện toàn Ban Chấp hành Công đoàn cơ sở\n\nĐiều 1. Kiện toàn Ban Chấp hành.\n\nĐiều 2. Quyết định có hiệu lực kể từ ngày ký.",
      searchable: true,
      truncated: false,
      error: null,
    });
  });

  it("turns decomposed text into NFC", async () => {
    const result = await extractText(await fixture.docx([ALPHABET_LINE.normalize("NFD")]), "docx");
    expect(result.text).toBe(ALPHABET_LINE);
  });

  it("an empty document is not searchable", async () => {
    expect(await extractText(await fixture.docx([]), "docx")).toEqual({ text: "", searchable: false, truncated: false, error: null });
  });

  it.each<[string, () => Promise<Uint8Array> | Uint8Array]>([
    ["a zip without word/document.xml", () => fixture.zip({ "a.txt": "x" })],
    ["a docx cut short", async () => (await fixture.docx(["Xin chào"])).slice(0, 100)],
    ["random bytes", () => new Uint8Array(300).fill(9)],
    ["an old .doc", fixture.compoundFile],
  ])("%s → unreadable, no throw", async (_, make) => {
    expect(await extractText(await make(), "docx")).toEqual({ text: "", searchable: false, truncated: false, error: "unreadable" });
  });

  it("caps the text at MAX_TEXT_BYTES", async () => {
    const paragraph = "Nội dung phụ lục rất dài của văn bản. ".repeat(100).trim(); // 3 bytes for some letters
    const bytes = await fixture.docx(Array.from({ length: 400 }, () => paragraph));
    const result = await extractText(bytes, "docx");
    expect(result.truncated).toBe(true);
    expect(result.searchable).toBe(true);
    const size = Buffer.byteLength(result.text, "utf8");
    expect(size).toBeLessThanOrEqual(MAX_TEXT_BYTES);
    expect(size).toBeGreaterThan(MAX_TEXT_BYTES - 4);
    expect(result.text.startsWith(paragraph)).toBe(true);
  });
});

describe("extractText: other kinds", () => {
  it("has no extractor for images, spreadsheets or video", async () => {
    for (const kind of ["png", "jpeg", "xlsx", "mp4"] as const) {
      expect(await extractText(fixture.png(), kind)).toEqual({ text: "", searchable: false, truncated: false, error: "unsupported" });
    }
  });
});

describe("normaliseText", () => {
  it.each<[string, string]>([
    ["  Quyết   định  ", "Quyết định"],
    ["Quyết định".normalize("NFD"), "Quyết định"],
    ["a\r\nb\rc", "a\nb\nc"],
    ["a\n\n\n\n b", "a\n\nb"],
    ["a \t b\u00a0c", "a b c"],
    ["Ban\u200b Chấp\u00adhành\ufeff", "Ban Chấphành"],
    ["a\u0007b", "a b"],
    ["\n\n  \n", ""],
  ])("%j → %j", (input, expected) => {
    expect(normaliseText(input)).toBe(expected);
  });
});

describe("capUtf8", () => {
  it.each<[string, number, string]>([
    ["abc", 10, "abc"],
    ["abcdef", 3, "abc"],
    ["Việt", 4, "Vi"], // ệ is 3 bytes: not cut in half
    ["Việt", 5, "Việ"],
    ["a😀b", 4, "a"], // an astral character is 4 bytes
    ["a😀b", 5, "a😀"],
    ["ab\ufffd", 5, "ab\ufffd"], // a real replacement character stays
  ])("%j in %d bytes → %j", (text, max, expected) => {
    expect(capUtf8(text, max)).toBe(expected);
  });
});
