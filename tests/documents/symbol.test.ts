import { describe, expect, it } from "vitest";
import { t } from "@/lib/i18n";
import {
  formatDocumentNumber,
  formatNumberSymbol,
  numberSymbolKey,
  parseNumberSymbol,
  type ParsedNumberSymbol,
} from "@/lib/documents/symbol";
import {
  CONFIDENTIALITY_KEYS,
  CONFIDENTIALITY_LEVELS,
  DOCUMENT_TYPES,
  URGENCY_KEYS,
  URGENCY_LEVELS,
  confidentialityLabel,
  findDocumentType,
  isConfidential,
  urgencyLabel,
} from "@/lib/documents/types";

type Style = "ND30" | "HD36";
/** [input, style, number, numberText, typeCode, issuerCode, unitCode, normalised] */
type Row = [string, Style, number, string, string | null, string, string | null, string];

const fields = (r: ParsedNumberSymbol) => [r.style, r.number, r.numberText, r.typeCode, r.issuerCode, r.unitCode, r.normalised];

describe("parseNumberSymbol: the examples of documents.md", () => {
  it.each<Row>([
    ["452/QĐ-TLĐ", "ND30", 452, "452", "QĐ", "TLĐ", null, "452/QĐ-TLĐ"],
    ["56/KH-TLĐ", "ND30", 56, "56", "KH", "TLĐ", null, "56/KH-TLĐ"],
    ["15/QĐ-BNV", "ND30", 15, "15", "QĐ", "BNV", null, "15/QĐ-BNV"],
    ["05/BNV-VP", "ND30", 5, "05", null, "BNV", "VP", "05/BNV-VP"],
    ["374-TB/HU", "HD36", 374, "374", "TB", "HU", null, "374-TB/HU"],
    ["1945-QĐ/TU", "HD36", 1945, "1945", "QĐ", "TU", null, "1945-QĐ/TU"],
    ["37-HD/TĐTN-BTC", "HD36", 37, "37", "HD", "TĐTN", "BTC", "37-HD/TĐTN-BTC"],
    ["127-QĐ/TW", "HD36", 127, "127", "QĐ", "TW", null, "127-QĐ/TW"],
    ["12-CV/TU", "HD36", 12, "12", "CV", "TU", null, "12-CV/TU"],
    ["24-BS/UBKTTU", "HD36", 24, "24", "BS", "UBKTTU", null, "24-BS/UBKTTU"],
    // "Real input is messy"
    ["452 /QĐ/TLĐ", "ND30", 452, "452", "QĐ", "TLĐ", null, "452/QĐ-TLĐ"],
    ["Số: 374-TB/HU", "HD36", 374, "374", "TB", "HU", null, "374-TB/HU"],
  ])("%s", (input, ...expected) => {
    const r = parseNumberSymbol(input);
    expect(r.ok).toBe(true);
    expect(fields(r)).toEqual(expected);
    expect(r.original).toBe(input);
    expect(r.problems).toEqual([]);
  });
});

describe("parseNumberSymbol: messy input", () => {
  it.each<Row>([
    ["số 05/bnv-vp", "ND30", 5, "05", null, "BNV", "VP", "05/BNV-VP"],
    ["5/QĐ-BNV", "ND30", 5, "05", "QĐ", "BNV", null, "05/QĐ-BNV"],
    ["005/QĐ-BNV", "ND30", 5, "05", "QĐ", "BNV", null, "05/QĐ-BNV"],
    ["  15 / qđ - bnv  ", "ND30", 15, "15", "QĐ", "BNV", null, "15/QĐ-BNV"],
    ["15/QĐ–BNV", "ND30", 15, "15", "QĐ", "BNV", null, "15/QĐ-BNV"], // en dash
    ["374—TB/HU", "HD36", 374, "374", "TB", "HU", null, "374-TB/HU"], // em dash
    ["15／QĐ−BNV", "ND30", 15, "15", "QĐ", "BNV", null, "15/QĐ-BNV"], // full-width slash, minus sign
    ["374-TB/HU.", "HD36", 374, "374", "TB", "HU", null, "374-TB/HU"],
    ["SỐ: 15/QĐ-BNV;", "ND30", 15, "15", "QĐ", "BNV", null, "15/QĐ-BNV"],
    ["Số:374-TB/HU", "HD36", 374, "374", "TB", "HU", null, "374-TB/HU"],
    ["So: 15/QD-BNV", "ND30", 15, "15", "QĐ", "BNV", null, "15/QĐ-BNV"], // typed without Vietnamese input
    ["Số, ký hiệu: 56/KH-TLĐ", "ND30", 56, "56", "KH", "TLĐ", null, "56/KH-TLĐ"],
    ["Số hiệu 56/KH-TLĐ", "ND30", 56, "56", "KH", "TLĐ", null, "56/KH-TLĐ"],
    ["Số 15/QĐ-BNV ngày 12/3/2024", "ND30", 15, "15", "QĐ", "BNV", null, "15/QĐ-BNV"],
    ["15/QĐ-BNV, ngày 12 tháng 3 năm 2024.", "ND30", 15, "15", "QĐ", "BNV", null, "15/QĐ-BNV"],
    ["374/TB/HU", "ND30", 374, "374", "TB", "HU", null, "374/TB-HU"], // the number's separator decides
    ["374-TB-HU", "HD36", 374, "374", "TB", "HU", null, "374-TB/HU"],
    ["12CV/TU", "HD36", 12, "12", "CV", "TU", null, "12-CV/TU"],
    ["452 QĐ-TLĐ", "ND30", 452, "452", "QĐ", "TLĐ", null, "452/QĐ-TLĐ"], // no separator: the next one decides
    ["374 TB/HU", "HD36", 374, "374", "TB", "HU", null, "374-TB/HU"],
    ["374 TB HU", "ND30", 374, "374", "TB", "HU", null, "374/TB-HU"], // nothing decides: NĐ30 by default
    ["15//QĐ--BNV", "ND30", 15, "15", "QĐ", "BNV", null, "15/QĐ-BNV"],
    ["15/QĐ-BNV-", "ND30", 15, "15", "QĐ", "BNV", null, "15/QĐ-BNV"],
    ["15/QĐ-ĐHCĐ-BTC", "ND30", 15, "15", "QĐ", "ĐHCĐ", "BTC", "15/QĐ-ĐHCĐ-BTC"],
    ["03/qyđ-tlđ", "ND30", 3, "03", "QyĐ", "TLĐ", null, "03/QyĐ-TLĐ"],
    ["03/QYĐ-TLĐ", "ND30", 3, "03", "QyĐ", "TLĐ", null, "03/QyĐ-TLĐ"],
    ["03/QĐ-TLĐ", "ND30", 3, "03", "QĐ", "TLĐ", null, "03/QĐ-TLĐ"], // and QĐ stays QĐ
    ["07/ttr-ubnd", "ND30", 7, "07", "TTr", "UBND", null, "07/TTr-UBND"],
    ["08/ctr-tlđ", "ND30", 8, "08", "CTr", "TLĐ", null, "08/CTr-TLĐ"],
    ["02/trs-vp", "ND30", 2, "02", "TrS", "VP", null, "02/TrS-VP"],
    ["21-kl/tw", "HD36", 21, "21", "KL", "TW", null, "21-KL/TW"],
    ["08-QĐi/TW", "HD36", 8, "08", "QĐi", "TW", null, "08-QĐi/TW"],
    ["11/ĐA-TLĐ", "ND30", 11, "11", "ĐA", "TLĐ", null, "11/ĐA-TLĐ"], // đề án …
    ["11/DA-TLĐ", "ND30", 11, "11", "DA", "TLĐ", null, "11/DA-TLĐ"], // … is not dự án
    ["11/HĐ-TLĐ", "ND30", 11, "11", "HĐ", "TLĐ", null, "11/HĐ-TLĐ"], // hợp đồng …
    ["11/HD-TLĐ", "ND30", 11, "11", "HD", "TLĐ", null, "11/HD-TLĐ"], // … is not hướng dẫn
    ["09/QÐ-TLÐ", "ND30", 9, "09", "QĐ", "TLĐ", null, "09/QĐ-TLĐ"], // Ð (eth) from old converters
    ["1\u200b5/QĐ-BNV", "ND30", 15, "15", "QĐ", "BNV", null, "15/QĐ-BNV"], // a zero-width space inside
    ["Số: 15/Q\u0110-BNV".normalize("NFD"), "ND30", 15, "15", "QĐ", "BNV", null, "15/QĐ-BNV"], // decomposed
    ["05/bnv", "ND30", 5, "05", null, "BNV", null, "05/BNV"],
    ["123/UBND-VP", "ND30", 123, "123", null, "UBND", "VP", "123/UBND-VP"],
    ["12/CV-UBND", "ND30", 12, "12", "CV", "UBND", null, "12/CV-UBND"], // CV in NĐ30 form: kept as typed
    ["999999/QĐ-X", "ND30", 999_999, "999999", "QĐ", "X", null, "999999/QĐ-X"],
    ["01/QĐ-UBNDQ1", "ND30", 1, "01", "QĐ", "UBNDQ1", null, "01/QĐ-UBNDQ1"],
    ["１５／QĐ－BNV", "ND30", 15, "15", "QĐ", "BNV", null, "15/QĐ-BNV"], // full-width forms
  ])("%s", (input, ...expected) => {
    const r = parseNumberSymbol(input);
    expect(r.problems).toEqual([]);
    expect(r.ok).toBe(true);
    expect(fields(r)).toEqual(expected);
    expect(r.original).toBe(input.trim());
  });

  it("reads HD36 as the organisation's style only when the text does not say", () => {
    expect(parseNumberSymbol("374 TB HU", { preferredStyle: "HD36" }).normalised).toBe("374-TB/HU");
    expect(parseNumberSymbol("374 TB HU", { preferredStyle: "ND30" }).normalised).toBe("374/TB-HU");
    // The separators win over the preference.
    expect(parseNumberSymbol("15/QĐ-BNV", { preferredStyle: "HD36" }).normalised).toBe("15/QĐ-BNV");
    expect(parseNumberSymbol("374-TB/HU", { preferredStyle: "ND30" }).normalised).toBe("374-TB/HU");
    expect(parseNumberSymbol("452 QĐ-TLĐ", { preferredStyle: "HD36" }).normalised).toBe("452/QĐ-TLĐ");
  });

  it("is idempotent: the normalised text parses to itself", () => {
    for (const input of ["452 /QĐ/TLĐ", "Số: 374-TB/HU", "số 05/bnv-vp", "03/qyđ-tlđ", "37 - hd / tđtn - btc"]) {
      const once = parseNumberSymbol(input);
      const twice = parseNumberSymbol(once.normalised);
      expect(twice.normalised).toBe(once.normalised);
      expect(fields(twice)).toEqual(fields(once));
    }
  });
});

describe("parseNumberSymbol: an HD36 type missing from the catalogue is kept, with a warning", () => {
  it("accepts 15-XYZ/TU and says why it is worth a look", () => {
    const r = parseNumberSymbol("15-xyz/tu");
    expect(r.ok).toBe(true);
    expect(fields(r)).toEqual(["HD36", 15, "15", "XYZ", "TU", null, "15-XYZ/TU"]);
    expect(r.problems).toEqual([
      {
        code: "unknownType",
        values: { code: "XYZ" },
        message: "“XYZ” không có trong danh mục chữ viết tắt tên loại văn bản; hãy kiểm tra lại.",
      },
    ]);
  });
});

describe("parseNumberSymbol: what it cannot read is kept and flagged", () => {
  it.each<[string, string, string, string]>([
    ["", "empty", "", "Chưa ghi số, ký hiệu văn bản."],
    ["   ", "empty", "", "Chưa ghi số, ký hiệu văn bản."],
    ["Số:", "empty", "", "Chưa ghi số, ký hiệu văn bản."],
    [
      "Công văn không số",
      "noNumber",
      "Công văn không số",
      "“Công văn không số” không bắt đầu bằng số văn bản. Số, ký hiệu có dạng 15/QĐ-BNV (Nghị định 30) hoặc 374-TB/HU (Hướng dẫn 36). Đã giữ nguyên để văn thư kiểm tra.",
    ],
    ["QĐ-BNV/15", "noNumber", "QĐ-BNV/15", t("documents.symbol.noNumber", { text: "QĐ-BNV/15" })],
    ["0/QĐ-BNV", "badNumber", "0/QĐ-BNV", "Số văn bản “0” không hợp lệ: số thứ tự bắt đầu từ 01 và có nhiều nhất 6 chữ số."],
    ["00/QĐ-BNV", "badNumber", "00/QĐ-BNV", t("documents.symbol.badNumber", { number: "00" })],
    ["15032024/QĐ-BNV", "badNumber", "15032024/QĐ-BNV", t("documents.symbol.badNumber", { number: "15032024" })],
    ["Số: 15", "noSymbol", "15", "“15” mới có số, thiếu ký hiệu (ví dụ 15/QĐ-BNV hoặc 374-TB/HU)."],
    ["15/", "noSymbol", "15", t("documents.symbol.noSymbol", { text: "15" })],
    ["15/QĐ", "noIssuer", "15/QĐ", "Ký hiệu “15/QĐ” thiếu chữ viết tắt tên cơ quan ban hành (ví dụ 15/QĐ-BNV)."],
    ["374-TB", "noIssuer", "374-TB", "Ký hiệu “374-TB” thiếu chữ viết tắt tên cơ quan ban hành (ví dụ 374-TB/HU)."],
    [
      "15a/QĐ-BNV",
      "unrecognised",
      "15a/QĐ-BNV",
      "Không đọc được số, ký hiệu “15a/QĐ-BNV”. Đã giữ nguyên để văn thư kiểm tra; dạng thường gặp là 15/QĐ-BNV (Nghị định 30) hoặc 374-TB/HU (Hướng dẫn 36).",
    ],
    ["30/2020/NĐ-CP", "unrecognised", "30/2020/NĐ-CP", t("documents.symbol.unrecognised", { text: "30/2020/NĐ-CP" })],
    ["15/QĐ-BNV (bản sao)", "unrecognised", "15/QĐ-BNV (bản sao)", t("documents.symbol.unrecognised", { text: "15/QĐ-BNV (bản sao)" })],
    ["15/QĐ & BNV", "unrecognised", "15/QĐ & BNV", t("documents.symbol.unrecognised", { text: "15/QĐ & BNV" })],
  ])("%j → %s", (input, code, normalised, message) => {
    const r = parseNumberSymbol(input);
    expect(r.ok).toBe(false);
    expect(fields(r)).toEqual([null, null, null, null, null, null, normalised]);
    expect(r.original).toBe(input.trim());
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]!.code).toBe(code);
    expect(r.problems[0]!.message).toBe(message);
  });

  it("cleans but keeps the text of what it cannot read", () => {
    const r = parseNumberSymbol("  Số:  15a  /  QĐ – BNV. ");
    expect(r.ok).toBe(false);
    expect(r.original).toBe("Số:  15a  /  QĐ – BNV.");
    expect(r.normalised).toBe("15a/QĐ-BNV");
  });

  it("never throws, whatever the input", () => {
    for (const input of ["/", "-", "///", "Số Số Số", "15/QĐ-\u0000BNV", "🙂/QĐ-BNV", "15/🙂-BNV", "x".repeat(10_000)]) {
      expect(() => parseNumberSymbol(input)).not.toThrow();
    }
    expect(parseNumberSymbol(undefined as unknown as string).problems[0]!.code).toBe("empty");
  });
});

describe("formatNumberSymbol", () => {
  it.each<[Parameters<typeof formatNumberSymbol>[0], string]>([
    [{ style: "ND30", number: 452, typeCode: "QĐ", issuerCode: "TLĐ" }, "452/QĐ-TLĐ"],
    [{ style: "ND30", number: 5, typeCode: null, issuerCode: "BNV", unitCode: "VP" }, "05/BNV-VP"],
    [{ style: "ND30", number: 1, typeCode: "qyđ", issuerCode: "tlđ" }, "01/QyĐ-TLĐ"],
    [{ style: "ND30", number: 10, typeCode: "KH", issuerCode: "TLĐ", unitCode: null }, "10/KH-TLĐ"],
    [{ style: "HD36", number: 374, typeCode: "TB", issuerCode: "HU" }, "374-TB/HU"],
    [{ style: "HD36", number: 9, typeCode: "hd", issuerCode: "tđtn", unitCode: "btc" }, "09-HD/TĐTN-BTC"],
    [{ style: "HD36", number: 37, typeCode: "xyz", issuerCode: "TU" }, "37-XYZ/TU"],
    [{ style: "ND30", number: 3, typeCode: "QĐ", issuerCode: " UB ND " }, "03/QĐ-UBND"],
  ])("%j → %s", (parts, expected) => {
    expect(formatNumberSymbol(parts)).toBe(expected);
  });

  it("writes numbers below 10 with a leading zero", () => {
    expect([1, 9, 10, 99, 100].map(formatDocumentNumber)).toEqual(["01", "09", "10", "99", "100"]);
  });
});

describe("numberSymbolKey (duplicate warning)", () => {
  it("ignores case, spacing, prefixes and the style of writing", () => {
    const key = numberSymbolKey("452/QĐ-TLĐ", "issuer-1", 2025);
    expect(key).toBe("issuer-1#2025#452|qđ|tlđ|");
    for (const same of ["452 /QĐ/TLĐ", "Số: 452/qđ-tlđ.", "452-QĐ/TLĐ", "452/QD-TLĐ"]) {
      expect(numberSymbolKey(same, "issuer-1", 2025)).toBe(key);
    }
  });

  it("tells apart what is different", () => {
    const key = numberSymbolKey("452/QĐ-TLĐ", "issuer-1", 2025);
    expect(numberSymbolKey("452/QĐ-TLĐ", "issuer-2", 2025)).not.toBe(key); // another issuer
    expect(numberSymbolKey("452/QĐ-TLĐ", "issuer-1", 2024)).not.toBe(key); // numbers restart each year
    expect(numberSymbolKey("453/QĐ-TLĐ", "issuer-1", 2025)).not.toBe(key);
    expect(numberSymbolKey("452/QyĐ-TLĐ", "issuer-1", 2025)).not.toBe(key); // QĐ ≠ QyĐ
    expect(numberSymbolKey("11/ĐA-TLĐ", "i", 1)).not.toBe(numberSymbolKey("11/DA-TLĐ", "i", 1));
    expect(numberSymbolKey("05/BNV-VP", "i", 1)).not.toBe(numberSymbolKey("05/BNV-TCCB", "i", 1));
  });

  it("compares unreadable text as cleaned text, case-insensitively", () => {
    expect(numberSymbolKey("15a/QĐ-BNV", 7)).toBe("7##15a/qđ-bnv");
    expect(numberSymbolKey("Số: 15A / QĐ-BNV", 7)).toBe("7##15a/qđ-bnv");
  });
});

describe("document types (NĐ30 appendix III and HD36)", () => {
  it("lists every abbreviation of documents.md exactly once", () => {
    const codes = DOCUMENT_TYPES.map((type) => type.code);
    expect(codes).toEqual([
      "NQ", "QĐ", "CT", "QC", "QyĐ", "TC", "TB", "HD", "CTr", "KH", "PA", "ĐA", "DA", "BC", "BB", "TTr", "HĐ", "CĐ",
      "BGN", "BTT", "GUQ", "GM", "GGT", "GNP", "PG", "PC", "PB", "SY", "TrS", "SL", "CV", "KL", "QĐi", "BS",
    ]);
    expect(new Set(codes.map((c) => c.toLowerCase())).size).toBe(codes.length);
  });

  it("names types and their styles", () => {
    expect(findDocumentType("QĐ")).toEqual({ code: "QĐ", name: "Quyết định", styles: ["ND30", "HD36"] });
    expect(findDocumentType("QyĐ")).toEqual({ code: "QyĐ", name: "Quy định", styles: ["ND30"] });
    expect(findDocumentType("CV")).toEqual({ code: "CV", name: "Công văn", styles: ["HD36"] });
    expect(findDocumentType("ttr")?.name).toBe("Tờ trình");
    expect(findDocumentType("GUQ")?.name).toBe("Giấy ủy quyền");
  });

  it.each<[string, string | null]>([
    ["qđ", "QĐ"],
    ["QD", "QĐ"], // no Vietnamese keyboard
    ["qd", "QĐ"],
    ["Qđ", "QĐ"],
    ["QÐ", "QĐ"], // eth
    ["qyđ", "QyĐ"],
    ["QYD", "QyĐ"],
    ["qđi", "QĐi"],
    ["QDI", "QĐi"],
    ["ĐA", "ĐA"],
    ["đa", "ĐA"],
    ["DA", "DA"],
    ["da", "DA"],
    ["HĐ", "HĐ"],
    ["HD", "HD"],
    ["cd", "CĐ"],
    [" tb ", "TB"],
    ["Q\u0110".normalize("NFD"), "QĐ"],
    ["dá", null], // folds to "da": đề án or dự án? Neither, rather than a guess
    ["HĎ", null], // folds to "hd": hướng dẫn or hợp đồng?
    ["QĐD", null],
    ["", null],
    ["BNV", null],
  ])("finds %j as %j", (input, code) => {
    expect(findDocumentType(input)?.code ?? null).toBe(code);
  });
});

describe("urgency and confidentiality levels", () => {
  it("have stable keys and the marks printed on documents", () => {
    expect(URGENCY_LEVELS).toEqual([
      { key: "urgent", label: "Khẩn" },
      { key: "very_urgent", label: "Thượng khẩn" },
      { key: "flash", label: "Hỏa tốc" },
    ]);
    expect(CONFIDENTIALITY_LEVELS).toEqual([
      { key: "secret", label: "Mật" },
      { key: "top_secret", label: "Tối mật" },
      { key: "absolute_secret", label: "Tuyệt mật" },
    ]);
    expect(URGENCY_KEYS).toEqual(["urgent", "very_urgent", "flash"]);
    expect(CONFIDENTIALITY_KEYS).toEqual(["secret", "top_secret", "absolute_secret"]);
    expect(urgencyLabel("very_urgent")).toBe("Thượng khẩn");
    expect(confidentialityLabel("absolute_secret")).toBe("Tuyệt mật");
  });

  it("isConfidential: every mark is a state secret; no mark is not; anything unknown fails closed", () => {
    for (const level of CONFIDENTIALITY_KEYS) expect(isConfidential(level)).toBe(true);
    for (const level of [null, undefined, "", "normal", "none", " normal "]) expect(isConfidential(level)).toBe(false);
    for (const level of ["SECRET", "mật", "confidential", "top-secret"]) expect(isConfidential(level)).toBe(true);
  });
});
