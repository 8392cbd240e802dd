import ExcelJS from "exceljs";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { ETHNICITIES, RELIGIONS } from "@/lib/members/catalogues";
import { MEMBER_FIELDS } from "@/lib/members/fields";
import { findHeader } from "@/lib/members/import/header";
import { applyMapping, suggestMapping } from "@/lib/members/import/mapping";
import { readSpreadsheet, type ReadResult } from "@/lib/members/import/read";
import { buildTemplate, TEMPLATE_LAYOUT } from "@/lib/members/import/template";
import { validateRows } from "@/lib/members/import/validate";
import { zipDirectory } from "@/lib/members/import/zip";

const TODAY = "2025-06-01";
const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));
const encoder = new TextEncoder();

async function xlsx(build: (workbook: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  build(workbook);
  return new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}

/** read → header → suggested mapping → rows, as the import service will do it. */
function pipeline(read: ReadResult) {
  expect(read.problems).toEqual([]);
  const header = findHeader(read.grid, read.merges);
  if (!header) throw new Error("no header");
  const mapping = suggestMapping(header.columns);
  const mapped = applyMapping(read.grid, mapping, { header, merges: read.merges, cellProblems: read.cellProblems });
  return { header, mapping, mapped, rows: validateRows(mapped, { today: TODAY }) };
}

/** A real-looking list: title rows, a blank row, a two-row merged header, an STT column. */
async function oldFormWorkbook(): Promise<Uint8Array> {
  return xlsx((workbook) => {
    const ws = workbook.addWorksheet("DS đoàn viên");
    ws.getCell("A1").value = "ĐOÀN TNCS HỒ CHÍ MINH";
    ws.getCell("A2").value = "DANH SÁCH ĐOÀN VIÊN CHI ĐOÀN 10A1";
    ws.mergeCells("A2:I2");
    ws.getCell("A3").value = "Năm học 2024 – 2025";
    ws.mergeCells("A3:I3");
    // Row 4 stays blank.
    const tall: [string, string][] = [
      ["A", "STT"],
      ["B", "Họ và tên"],
      ["E", "Dân tộc"],
      ["F", "Tôn giáo"],
      ["G", "Số CCCD"],
      ["H", "Số điện thoại"],
      ["I", "Ngày vào Đoàn"],
    ];
    for (const [column, text] of tall) {
      ws.getCell(`${column}5`).value = text;
      ws.mergeCells(`${column}5:${column}6`);
    }
    ws.getCell("C5").value = "Ngày sinh";
    ws.mergeCells("C5:D5");
    ws.getCell("C6").value = "Nam";
    ws.getCell("D6").value = "Nữ";
    const rows: ExcelJS.CellValue[][] = [
      [1, "Nguyễn Văn An", utc(2001, 3, 15), null, "Kinh", "Không", "001201000123", "0912345678", "26/03/2016"],
      [2, "Trần Thị Bình", null, 37000, "tày", "Phật giáo", 79301000456, 912345679, null],
      [3, "Lê Văn Cường", "1/3/01", null, "Kinh", null, "001 201 000 789", "+84 987 654 321", null],
      [4, "Phạm Thị Dung", null, "2002", "Mường", null, "0123456789", null, null],
      [5, "Hoàng Văn Em", "31/02/2001", null, "Khơ-me", null, null, null, null],
      [6, "Nguyễn Văn An", utc(2001, 3, 15), null, "Kinh", null, "001201000123", null, null],
      [7, { formula: 'PROPER("vũ thị giang")', result: "Vũ Thị Giang" }, null, "15-03-2001", "Kinh", null, null, null, null],
      [8, "nguyễn văn an", "15.03.2001", null, null, null, null, null, null],
      [9, "Đỗ Minh Khoa", "2001-12-20", null, { formula: "VLOOKUP(B15,DM!A:B,2,0)" }, null, null, null, null],
      [10, "Bùi Thị Lan", null, utc(2001, 5, 5), "Việt Nam", null, null, null, null],
      [11],
      [12],
    ];
    rows.forEach((values, i) => {
      ws.getRow(7 + i).values = values;
    });
  });
}

describe("reading an old-style xlsx list", () => {
  it("reads the grid, merges and the formula without a result", async () => {
    const read = await readSpreadsheet(await oldFormWorkbook(), "danh-sach.xlsx");
    expect(read.ok).toBe(true);
    expect(read.format).toBe("xlsx");
    expect(read.sheetName).toBe("DS đoàn viên");
    expect(read.grid).toHaveLength(18);
    expect(read.grid[3]).toEqual(Array(9).fill(null));
    expect(read.grid[4]).toEqual(["STT", "Họ và tên", "Ngày sinh", null, "Dân tộc", "Tôn giáo", "Số CCCD", "Số điện thoại", "Ngày vào Đoàn"]);
    expect(read.grid[6]![2]).toEqual(utc(2001, 3, 15));
    expect(read.grid[7]![3]).toBe(37000);
    expect(read.grid[12]![1]).toBe("Vũ Thị Giang"); // cached result of a formula
    expect(read.merges).toContainEqual({ top: 4, left: 2, bottom: 4, right: 3 });
    expect(read.merges).toContainEqual({ top: 4, left: 1, bottom: 5, right: 1 });
    expect(read.cellProblems).toEqual([{ code: "formula", row: 14, column: 4, detail: "=VLOOKUP(B15,DM!A:B,2,0)" }]);
  });

  it("finds the two-row header under the titles and maps Nam | Nữ under Ngày sinh", async () => {
    const { header, mapping, mapped } = pipeline(await readSpreadsheet(await oldFormWorkbook(), "danh-sach.xlsx"));
    expect(header.headerRows).toEqual([4, 5]);
    expect(header.dataStartRow).toBe(6);
    expect(header.columns.map((c) => c.text)).toEqual([
      "STT",
      "Họ và tên",
      "Ngày sinh – Nam",
      "Ngày sinh – Nữ",
      "Dân tộc",
      "Tôn giáo",
      "Số CCCD",
      "Số điện thoại",
      "Ngày vào Đoàn",
    ]);
    expect(header.columns[0]!.isIndex).toBe(true);
    expect(mapping).toEqual({
      0: null,
      1: "fullName",
      2: "birthDateMale",
      3: "birthDateFemale",
      4: "ethnicity",
      5: "religion",
      6: "nationalId",
      7: "phone",
      8: "joinedOn",
    });
    expect(mapped.missingRequired).toEqual([]);
    // Rows 17 and 18 hold only an STT number: not rows at all.
    expect(mapped.rows.map((r) => r.rowNumber)).toEqual([7, 8, 9, 10, 11, 12, 13, 14, 15, 16]);
  });

  it("reads every row with its exact values and problems", async () => {
    const { rows } = pipeline(await readSpreadsheet(await oldFormWorkbook(), "danh-sach.xlsx"));
    const summary = rows.map((r) => ({
      row: r.rowNumber,
      values: r.values,
      yearOnly: r.yearOnly,
      problems: r.problems.map((p) => `${p.code}@${p.column}`),
      warnings: r.warnings.map((w) => `${w.code}@${w.column}`),
      valid: r.valid,
    }));
    expect(summary).toEqual([
      {
        row: 7,
        values: {
          fullName: "Nguyễn Văn An",
          birthDate: "2001-03-15",
          gender: "male",
          ethnicity: "Kinh",
          religion: "Không",
          nationalId: "001201000123",
          phone: "0912345678",
          joinedOn: "2016-03-26",
        },
        yearOnly: [],
        problems: [],
        warnings: [],
        valid: true,
      },
      {
        row: 8,
        values: {
          fullName: "Trần Thị Bình",
          birthDate: "2001-04-19",
          gender: "female",
          ethnicity: "Tày",
          religion: "Phật giáo",
          nationalId: "079301000456",
          phone: "0912345679",
        },
        yearOnly: [],
        problems: [],
        warnings: ["idLeadingZeroRestored@Số CCCD", "phoneLeadingZeroRestored@Số điện thoại"],
        valid: true,
      },
      {
        row: 9,
        values: {
          fullName: "Lê Văn Cường",
          birthDate: "2001-03-01",
          gender: "male",
          ethnicity: "Kinh",
          nationalId: "001201000789",
          phone: "0987654321",
        },
        yearOnly: [],
        problems: [],
        warnings: ["twoDigitYear@Ngày sinh – Nam"],
        valid: true,
      },
      {
        row: 10,
        values: { fullName: "Phạm Thị Dung", birthDate: "2002-01-01", gender: "female", ethnicity: "Mường" },
        yearOnly: ["birthDate"],
        problems: ["idLength@Số CCCD"],
        warnings: ["yearOnly@Ngày sinh – Nữ"],
        valid: false,
      },
      {
        row: 11,
        values: { fullName: "Hoàng Văn Em", gender: "male", ethnicity: "Khơ Me" },
        yearOnly: [],
        problems: ["impossibleDate@Ngày sinh – Nam"],
        warnings: [],
        valid: false,
      },
      {
        row: 12,
        values: { fullName: "Nguyễn Văn An", birthDate: "2001-03-15", gender: "male", ethnicity: "Kinh", nationalId: "001201000123" },
        yearOnly: [],
        problems: ["duplicateInFile@Số CCCD"],
        warnings: [],
        valid: false,
      },
      {
        row: 13,
        values: { fullName: "Vũ Thị Giang", birthDate: "2001-03-15", gender: "female", ethnicity: "Kinh" },
        yearOnly: [],
        problems: [],
        warnings: [],
        valid: true,
      },
      {
        row: 14,
        values: { fullName: "nguyễn văn an", birthDate: "2001-03-15", gender: "male" },
        yearOnly: [],
        problems: ["duplicateInFile@Họ và tên"],
        warnings: [],
        valid: false,
      },
      {
        row: 15,
        values: { fullName: "Đỗ Minh Khoa", birthDate: "2001-12-20", gender: "male" },
        yearOnly: [],
        problems: ["formula@Dân tộc"],
        warnings: [],
        valid: false,
      },
      {
        row: 16,
        values: { fullName: "Bùi Thị Lan", birthDate: "2001-05-05", gender: "female", ethnicity: "Việt Nam" },
        yearOnly: [],
        problems: ["unknownEthnicity@Dân tộc"],
        warnings: [],
        valid: false,
      },
    ]);

    const byRow = new Map(rows.map((r) => [r.rowNumber, r]));
    expect(byRow.get(10)!.problems[0]).toEqual({
      column: "Số CCCD",
      columnIndex: 6,
      field: "nationalId",
      code: "idLength",
      message: "Số CCCD/CMND “0123456789” có 10 chữ số; CCCD phải có 12 chữ số, CMND cũ có 9 chữ số.",
      values: { field: "Số CCCD", text: "0123456789", length: 10 },
    });
    expect(byRow.get(11)!.problems[0]!.message).toBe("Ngày “31/02/2001” không có thật trên lịch.");
    expect(byRow.get(12)!.problems[0]!.message).toBe("Trùng với dòng 7 trong tệp (cùng số CCCD/CMND).");
    expect(byRow.get(14)!.problems[0]!.message).toBe("Trùng với dòng 7 trong tệp (cùng họ tên và ngày sinh).");
    expect(byRow.get(15)!.problems[0]!.message).toMatch(/^Ô E15 là công thức chưa có kết quả/);
  });
});

describe("reading other xlsx shapes", () => {
  it("keeps every Vietnamese character of a long list, wherever the parts split into chunks", async () => {
    // Thousands of distinct accented names: the shared strings and the sheet span many chunks,
    // so some multi-byte characters fall across chunk boundaries (exceljs broke those: "Qu���nh").
    const names = Array.from({ length: 4000 }, (_, i) => `Nguyễn Thị Quỳnh Hương Đặng Ưởng Ỷ ${i}`);
    const bytes = await xlsx((workbook) => {
      const ws = workbook.addWorksheet("DS");
      ws.addRow(["Họ và tên", "Quê quán"]);
      names.forEach((name, i) => ws.addRow([name, `Xã Nghĩa Hưng, tỉnh Thừa Thiên Huế ${i}`]));
    });
    const read = await readSpreadsheet(bytes, "dai.xlsx");
    expect(read.ok).toBe(true);
    expect(read.grid.slice(1).map((row) => row[0])).toEqual(names);
    expect(read.grid.slice(1).every((row, i) => row[1] === `Xã Nghĩa Hưng, tỉnh Thừa Thiên Huế ${i}`)).toBe(true);
  });

  it("skips empty, hidden and header-less sheets, turns rich text and links into text, and honours sheetName", async () => {
    const bytes = await xlsx((workbook) => {
      workbook.addWorksheet("Trống");
      workbook.addWorksheet("Ghi chú").getCell("A1").value = "Gửi trước ngày 30/6";
      const hidden = workbook.addWorksheet("Ẩn", { state: "hidden" });
      hidden.getCell("A1").value = "ẩn";
      const ws = workbook.addWorksheet("Dữ liệu");
      ws.getCell("A1").value = { richText: [{ text: "Họ và " }, { text: "tên", font: { bold: true } }] };
      ws.getCell("B1").value = "Email";
      ws.getCell("A2").value = "Nguyễn Văn An";
      ws.getCell("B2").value = { text: "an@example.com", hyperlink: "mailto:an@example.com" };
      ws.getCell("C2").value = { error: "#N/A" };
      ws.getCell("D2").value = true;
    });
    const read = await readSpreadsheet(bytes, "a.xlsx");
    expect(read.sheetNames).toEqual(["Trống", "Ghi chú", "Ẩn", "Dữ liệu"]);
    expect(read.sheetName).toBe("Dữ liệu");
    expect(read.grid).toEqual([
      ["Họ và tên", "Email", null, null],
      ["Nguyễn Văn An", "an@example.com", null, "TRUE"],
    ]);
    expect(read.cellProblems).toEqual([{ code: "cellError", row: 1, column: 2, detail: "#N/A" }]);
    const hidden = await readSpreadsheet(bytes, "a.xlsx", { sheetName: "Ẩn" });
    expect(hidden.grid).toEqual([["ẩn"]]);
  });

  it("is not slowed down by data validation over whole columns", async () => {
    const bytes = await xlsx((workbook) => {
      const ws = workbook.addWorksheet("DS");
      ws.addRow(["Họ và tên", "Giới tính", "Dân tộc"]);
      ws.addRow(["Nguyễn Văn An", "Nam", "Kinh"]);
      const validations = (ws as unknown as { dataValidations: { add(a: string, v: ExcelJS.DataValidation): void } }).dataValidations;
      validations.add("B2:B1048576", { type: "list", allowBlank: true, formulae: ['"Nam,Nữ"'] });
      validations.add("C2:D1048576", { type: "list", allowBlank: true, formulae: ['"Kinh,Tày"'] });
    });
    const started = Date.now();
    const read = await readSpreadsheet(bytes, "a.xlsx");
    expect(Date.now() - started).toBeLessThan(2000); // exceljs alone takes seconds here
    expect(read.grid).toEqual([
      ["Họ và tên", "Giới tính", "Dân tộc"],
      ["Nguyễn Văn An", "Nam", "Kinh"],
    ]);
  });

  it("reports a workbook without data", async () => {
    const read = await readSpreadsheet(await xlsx((wb) => wb.addWorksheet("Trống")), "trong.xlsx");
    expect(read.ok).toBe(false);
    expect(read.problems.map((p) => p.code)).toEqual(["noData"]);
  });
});

describe("reading CSV", () => {
  it("reads a ;-separated file with BOM, quotes and Windows line ends", async () => {
    const text =
      "\uFEFFDANH SÁCH HỘI VIÊN;;;;;\r\n" +
      ";;;;;\r\n" +
      "STT;Họ và tên;Ngày sinh;Giới tính;Số CCCD;Địa chỉ\r\n" +
      '1;Nguyễn Văn An;15/03/2001;Nam;001201000123;"Số 1; ngõ 2, Hà Nội"\r\n' +
      '2;Trần Thị Bình;1/3/01;nữ;79301000456;"Thôn Đông\r\nxã An Phú"\r\n' +
      "3;Lê Văn Cường;36965;Nam;;\r\n";
    const read = await readSpreadsheet(encoder.encode(text), "danh sach.csv");
    expect(read.ok).toBe(true);
    expect(read.format).toBe("csv");
    expect(read.delimiter).toBe(";");
    expect(read.grid[0]).toEqual(["DANH SÁCH HỘI VIÊN", null, null, null, null, null]);
    expect(read.grid[3]).toEqual(["1", "Nguyễn Văn An", "15/03/2001", "Nam", "001201000123", "Số 1; ngõ 2, Hà Nội"]);
    const { header, rows } = pipeline(read);
    expect(header.headerRows).toEqual([2]);
    expect(rows.map((r) => [r.rowNumber, r.values, r.problems.map((p) => p.code), r.warnings.map((w) => w.code)])).toEqual([
      [
        4,
        { fullName: "Nguyễn Văn An", birthDate: "2001-03-15", gender: "male", nationalId: "001201000123", currentAddress: "Số 1; ngõ 2, Hà Nội" },
        [],
        [],
      ],
      [
        5,
        { fullName: "Trần Thị Bình", birthDate: "2001-03-01", gender: "female", nationalId: "079301000456", currentAddress: "Thôn Đông xã An Phú" },
        [],
        ["twoDigitYear", "idLeadingZeroRestored"],
      ],
      [6, { fullName: "Lê Văn Cường", birthDate: "2001-03-15", gender: "male" }, [], []],
    ]);
  });

  it("detects commas, tabs, UTF-16 and the sep= line", async () => {
    const comma = await readSpreadsheet(encoder.encode('Họ và tên,Ngày sinh\n"Lê, Văn A",2001\n'), "a.csv");
    expect(comma.delimiter).toBe(",");
    expect(comma.grid).toEqual([
      ["Họ và tên", "Ngày sinh"],
      ["Lê, Văn A", "2001"],
    ]);

    const utf16 = "Họ và tên\tNgày sinh\r\nLê Văn A\t2001\r\n";
    const bytes = new Uint8Array(2 + utf16.length * 2);
    bytes.set([0xff, 0xfe]);
    for (let i = 0; i < utf16.length; i++) {
      bytes[2 + i * 2] = utf16.charCodeAt(i) & 0xff;
      bytes[3 + i * 2] = utf16.charCodeAt(i) >> 8;
    }
    const tab = await readSpreadsheet(bytes, "unicode.txt");
    expect(tab.delimiter).toBe("\t");
    expect(tab.grid).toEqual([
      ["Họ và tên", "Ngày sinh"],
      ["Lê Văn A", "2001"],
    ]);

    const sep = await readSpreadsheet(encoder.encode("sep=;\nHọ và tên;Ngày sinh\nLê, Văn A;2001\n"), "a.csv");
    expect(sep.delimiter).toBe(";");
    expect(sep.grid).toEqual([
      [null, null],
      ["Họ và tên", "Ngày sinh"],
      ["Lê, Văn A", "2001"],
    ]);
  });

  it("survives an unclosed quote", async () => {
    const read = await readSpreadsheet(encoder.encode('Họ và tên;Ngày sinh\n"Lê Văn A;2001\n'), "a.csv");
    expect(read.ok).toBe(true);
    expect(read.grid[1]).toEqual(['"Lê Văn A', "2001"]);
  });
});

describe("refusing files", () => {
  const codeOf = (r: ReadResult) => [r.ok, r.problems.map((p) => p.code), r.detected];

  it("refuses a PDF renamed to .xlsx", async () => {
    const pdf = new Uint8Array([...encoder.encode("%PDF-1.7\n%"), 0xe2, 0xe3, 0xcf, 0xd3, ...encoder.encode("\n1 0 obj\n<<>>\nendobj\n")]);
    const read = await readSpreadsheet(pdf, "danh-sach.xlsx");
    expect(codeOf(read)).toEqual([false, ["wrongType"], "pdf"]);
    expect(read.problems[0]!.message).toMatch(/^Tệp “danh-sach.xlsx” không phải bảng tính Excel/);
    expect(read.grid).toEqual([]);
  });

  it("refuses an old .xls (or an encrypted workbook)", async () => {
    const ole = new Uint8Array(1024);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expect(codeOf(await readSpreadsheet(ole, "cu.xls"))).toEqual([false, ["wrongType"], "xls"]);
  });

  it("refuses an empty file and a blank text file", async () => {
    expect(codeOf(await readSpreadsheet(new Uint8Array(), "rong.xlsx"))).toEqual([false, ["empty"], "unknown"]);
    expect(codeOf(await readSpreadsheet(encoder.encode("\uFEFF \r\n;;;\r\n"), "rong.csv"))).toEqual([false, ["empty"], "csv"]);
  });

  it("refuses a file over the limit", async () => {
    const bytes = await oldFormWorkbook();
    const read = await readSpreadsheet(bytes, "lon.xlsx", { maxBytes: 1000 });
    expect(codeOf(read)).toEqual([false, ["tooLarge"], "unknown"]);
    const big = await readSpreadsheet(new Uint8Array(20 * 1024 * 1024 + 1), "lon.csv");
    expect(big.problems[0]!.message).toBe("Tệp “lon.csv” quá lớn (tối đa 20 MB). Hãy chia danh sách thành nhiều tệp nhỏ hơn.");
  });

  it("refuses a truncated workbook, a zip that is not a workbook, HTML and non-UTF-8 text", async () => {
    const bytes = await oldFormWorkbook();
    expect(codeOf(await readSpreadsheet(bytes.subarray(0, Math.floor(bytes.length / 2)), "cut.xlsx"))).toEqual([false, ["unreadable"], "zip"]);

    const zip = new JSZip();
    zip.file("word/document.xml", "<w:document/>");
    const docx = await zip.generateAsync({ type: "uint8array" });
    expect(codeOf(await readSpreadsheet(docx, "ds.xlsx"))).toEqual([false, ["wrongType"], "zip"]);

    const html = encoder.encode("<html><body><table><tr><td>Họ và tên</td></tr></table></body></html>");
    expect(codeOf(await readSpreadsheet(html, "xuat.xls"))).toEqual([false, ["wrongType"], "html"]);

    // A workbook whose shared strings no longer inflate (they are streamed, not read whole).
    const entry = zipDirectory(bytes)!.find((e) => e.name === "xl/sharedStrings.xml")!;
    const broken = bytes.slice();
    const dataStart = entry.offset + 30 + broken[entry.offset + 26]! + (broken[entry.offset + 27]! << 8) + broken[entry.offset + 28]! + (broken[entry.offset + 29]! << 8);
    broken.fill(0xff, dataStart, dataStart + Math.min(entry.compressedSize, 64));
    expect(codeOf(await readSpreadsheet(broken, "hong.xlsx"))).toEqual([false, ["unreadable"], "xlsx"]);

    // "Họ và tên;Ngày sinh" as Windows-1258 would write it: not UTF-8.
    const legacy = new Uint8Array([0x48, 0xf5, 0x20, 0x76, 0xe0, 0x20, 0x74, 0xea, 0x6e, 0x3b, 0x4e, 0x67, 0xe0, 0x79, 0x0a]);
    expect(codeOf(await readSpreadsheet(legacy, "ansi.csv"))).toEqual([false, ["encoding"], "csv"]);
  });
});

describe("the template", () => {
  it("has the list, hidden catalogues and a guide, and reads back with every column mapped", async () => {
    const bytes = await buildTemplate({
      orgName: "Đoàn trường THPT Chu Văn An",
      memberTerm: "đoàn viên",
      unitCodes: [
        { code: "CD10A1", name: "Chi đoàn 10A1" },
        { code: "CD10A2", name: "Chi đoàn 10A2" },
      ],
    });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes.slice().buffer as ArrayBuffer);
    expect(workbook.worksheets.map((w) => [w.name, w.state])).toEqual([
      ["Danh sách", "visible"],
      ["Hướng dẫn", "visible"],
      ["Danh mục", "hidden"],
    ]);
    const list = workbook.getWorksheet("Danh sách")!;
    expect(list.getCell("A1").value).toBe("DANH SÁCH ĐOÀN VIÊN");
    expect(list.getCell("A2").value).toBe("Đoàn trường THPT Chu Văn An");
    const header = list.getRow(TEMPLATE_LAYOUT.headerRow).values as unknown[];
    expect(header.slice(1)).toEqual([
      "STT",
      "Họ và tên (*)",
      "Ngày sinh (*)",
      "Giới tính",
      "Dân tộc",
      "Tôn giáo",
      "Số CCCD",
      "Quê quán",
      "Nơi ở hiện nay",
      "Số điện thoại",
      "Email",
      "Trình độ văn hóa",
      "Chuyên môn",
      "Nghề nghiệp",
      "Ngày vào Đoàn",
      "Ngày vào Đảng",
      "Mã đơn vị",
    ]);
    expect(list.getColumn(3).numFmt).toBe("dd/mm/yyyy");
    expect(list.getColumn(7).numFmt).toBe("@");

    const catalogues = workbook.getWorksheet("Danh mục")!;
    expect(catalogues.getColumn(2).values.slice(2)).toEqual([...ETHNICITIES]);
    expect(catalogues.getColumn(3).values.slice(2)).toEqual([...RELIGIONS]);
    expect(catalogues.getColumn(5).values.slice(2)).toEqual(["CD10A1", "CD10A2"]);

    const LAST = TEMPLATE_LAYOUT.firstDataRow + TEMPLATE_LAYOUT.dataRows - 1;
    const sheetXml = await (await JSZip.loadAsync(bytes)).file("xl/worksheets/sheet1.xml")!.async("string");
    const validations = [...sheetXml.matchAll(/<dataValidation [^>]*sqref="([^"]+)"[^>]*>\s*<formula1>([^<]+)<\/formula1>/g)].map((m) => [m[1], m[2]!.replace(/&apos;/g, "'")]);
    expect(validations).toEqual(
      expect.arrayContaining([
        [`D4:D${LAST}`, "'Danh mục'!$A$2:$A$3"],
        [`E4:E${LAST}`, "'Danh mục'!$B$2:$B$55"],
        [`F4:F${LAST}`, `'Danh mục'!$C$2:$C$${RELIGIONS.length + 1}`],
        [`L4:L${LAST}`, "'Danh mục'!$D$2:$D$8"],
        [`Q4:Q${LAST}`, "'Danh mục'!$E$2:$E$3"],
      ]),
    );
    expect(validations).toHaveLength(5);

    const guide = workbook.getWorksheet("Hướng dẫn")!;
    const guideText = guide.getSheetValues().flat().filter((v) => typeof v === "string").join("\n");
    expect(guideText).toContain("15/03/2001");
    expect(guideText).toContain("12 chữ số");
    expect(guideText).toContain("Ngày/tháng/năm vào Đoàn");

    // Filled in and uploaded again, it maps every column and reads the row.
    list.getRow(4).values = [1, "Nguyễn Thị Hương", utc(2001, 3, 15), "Nữ", "Kinh", "Không", "001301000123", null, null, "0912345678", null, "12/12", null, "Học sinh", utc(2016, 3, 26), null, "CD10A1"];
    const filled = new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
    const { header: found, mapping, rows } = pipeline(await readSpreadsheet(filled, "mau.xlsx"));
    expect(found.headerRows).toEqual([2]);
    expect(Object.values(mapping).filter(Boolean).sort()).toEqual(MEMBER_FIELDS.map((f) => f.key).sort());
    expect(rows).toEqual([
      {
        rowNumber: 4,
        values: {
          fullName: "Nguyễn Thị Hương",
          birthDate: "2001-03-15",
          gender: "female",
          ethnicity: "Kinh",
          religion: "Không",
          nationalId: "001301000123",
          phone: "0912345678",
          education: "12/12",
          occupation: "Học sinh",
          joinedOn: "2016-03-26",
          unitCode: "CD10A1",
        },
        yearOnly: [],
        problems: [],
        warnings: [],
        valid: true,
      },
    ]);
  });

  it("leaves out the unit column without units and speaks of the Hội for hội viên", async () => {
    const bytes = await buildTemplate({ orgName: "Hội Cựu TNXP tỉnh Nghệ An", memberTerm: "hội viên" });
    const read = await readSpreadsheet(bytes, "mau.xlsx");
    const header = findHeader(read.grid, read.merges)!;
    expect(header.columns.map((c) => c.text)).toContain("Ngày vào Hội");
    expect(header.columns.map((c) => c.text)).not.toContain("Mã đơn vị");
    expect(read.grid[0]![0]).toBe("DANH SÁCH HỘI VIÊN");
  });
});
