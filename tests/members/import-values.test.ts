import { describe, expect, it } from "vitest";
import { ETHNICITIES } from "@/lib/members/catalogues";
import { findHeader, matchHeader, normalizeHeader } from "@/lib/members/import/header";
import { applyMapping, suggestMapping } from "@/lib/members/import/mapping";
import { IMPORT_MESSAGES, importMessage } from "@/lib/members/import/messages";
import type { Cell, Grid } from "@/lib/members/import/read";
import { validateRows } from "@/lib/members/import/validate";
import {
  cccdBirth,
  excelSerialToDate,
  isMarked,
  parseDate,
  parseEducation,
  parseEmail,
  parseEthnicity,
  parseFullName,
  parseGender,
  parseNationalId,
  parsePhone,
  parseReligion,
  parseText,
} from "@/lib/members/import/values";

const TODAY = "2025-06-01";
const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));
const date = (cell: Cell) => {
  const r = parseDate(cell, TODAY);
  return { value: r.value, problem: r.problem?.code ?? null, warnings: r.warnings.map((w) => w.code) };
};

describe("parseDate", () => {
  it.each<[string, Cell, string, boolean]>([
    ["Date cell", utc(2001, 3, 15), "2001-03-15", false],
    ["Date cell a millisecond early", new Date(Date.UTC(2001, 2, 15) - 1), "2001-03-15", false],
    ["serial", 36965, "2001-03-15", false],
    ["serial with a time", 36965.75, "2001-03-15", false],
    ["serial 1", 1, "1900-01-01", false],
    ["serial 59", 59, "1900-02-28", false],
    ["serial 61 (after the phantom 29/02/1900)", 61, "1900-03-01", false],
    ["dd/mm/yyyy", "15/03/2001", "2001-03-15", false],
    ["d/m/yyyy", "5/3/2001", "2001-03-05", false],
    ["dd-mm-yyyy", "15-03-2001", "2001-03-15", false],
    ["dd.mm.yyyy", "15.03.2001", "2001-03-15", false],
    ["spaces around", "  15 / 03 / 2001 ", "2001-03-15", false],
    ["ISO", "2001-03-15", "2001-03-15", false],
    ["ISO with time", "2001-03-15T00:00:00Z", "2001-03-15", false],
    ["dd/mm/yyyy with time", "15/03/2001 00:00:00", "2001-03-15", false],
    ["yyyy/mm/dd", "2001/3/15", "2001-03-15", false],
    ["ddmmyyyy", "15032001", "2001-03-15", false],
    ["ddmmyyyy as a number", 15032001, "2001-03-15", false],
    ["words", "ngày 15 tháng 3 năm 2001", "2001-03-15", false],
    ["serial as text (CSV)", "36965", "2001-03-15", false],
    ["29/02 of a leap year", "29/02/2000", "2000-02-29", false],
    ["bare year text", "2001", "2001-01-01", true],
    ["bare year number", 2001, "2001-01-01", true],
    ["năm 1998", "năm 1998", "1998-01-01", true],
  ])("%s", (_, cell, expected, yearOnly) => {
    const r = parseDate(cell, TODAY);
    expect(r.problem).toBeNull();
    expect(r.value).toEqual({ date: expected, yearOnly });
  });

  it("reads two-digit years around this year's two digits, with a warning", () => {
    expect(date("1/3/01")).toEqual({ value: { date: "2001-03-01", yearOnly: false }, problem: null, warnings: ["twoDigitYear"] });
    expect(date("1/3/25")).toEqual({ value: { date: "2025-03-01", yearOnly: false }, problem: null, warnings: ["twoDigitYear"] });
    expect(date("1/3/26")).toEqual({ value: { date: "1926-03-01", yearOnly: false }, problem: null, warnings: ["twoDigitYear"] });
    expect(date("15/03/99").value).toEqual({ date: "1999-03-15", yearOnly: false });
    expect(parseDate("1/3/26", "2026-01-01").value).toEqual({ date: "2026-03-01", yearOnly: false });
  });

  it.each<[string, Cell, string]>([
    ["31/02", "31/02/2001", "impossibleDate"],
    ["29/02 of a common year", "29/02/2001", "impossibleDate"],
    ["month 13", "15/13/2001", "impossibleDate"],
    ["US order", "03/15/2001", "impossibleDate"],
    ["day 0", "00/03/2001", "impossibleDate"],
    ["ISO 30 February", "2001-02-30", "impossibleDate"],
    ["serial 60 (29/02/1900 exists only in Excel)", 60, "impossibleDate"],
    ["words", "mười lăm tháng ba", "dateFormat"],
    ["mixed separators", "15/03-2001", "dateFormat"],
    ["three-digit year", "15/03/201", "dateFormat"],
    ["month and year only", "03/2001", "dateFormat"],
    ["negative number", -5, "dateFormat"],
    ["too large a serial", 3e6, "dateFormat"],
    ["garbage", "#N/A", "dateFormat"],
  ])("refuses %s", (_, cell, code) => {
    const r = parseDate(cell, TODAY);
    expect(r.problem?.code).toBe(code);
    expect(r.value).toBeNull();
  });

  it("treats empty cells as nothing", () => {
    expect(date(null)).toEqual({ value: null, problem: null, warnings: [] });
    expect(date("   ")).toEqual({ value: null, problem: null, warnings: [] });
  });

  it("converts Excel serials with the 1900 leap-year bug", () => {
    expect(excelSerialToDate(36526)).toEqual({ y: 2000, m: 1, d: 1 });
    expect(excelSerialToDate(37000)).toEqual({ y: 2001, m: 4, d: 19 });
    expect(excelSerialToDate(60)).toBeNull();
    expect(excelSerialToDate(0)).toBeNull();
  });
});

describe("parseGender and marks", () => {
  it.each<[Cell, string | null]>([
    ["Nam", "male"],
    ["nam", "male"],
    ["NAM", "male"],
    ["M", "male"],
    ["Nữ", "female"],
    ["nữ", "female"],
    ["Nu", "female"],
    ["F", "female"],
    ["female", "female"],
  ])("%s → %s", (cell, expected) => {
    expect(parseGender(cell).value).toBe(expected);
  });

  it("refuses anything else", () => {
    expect(parseGender("x").problem?.code).toBe("genderFormat");
    expect(parseGender(1).problem?.code).toBe("genderFormat");
    expect(parseGender("Nam Nữ").problem?.code).toBe("genderFormat");
  });

  it("reads tick marks", () => {
    for (const cell of ["x", "X", "✓", "v", 1, "TRUE"] as Cell[]) expect(isMarked(cell)).toBe(true);
    for (const cell of [null, "", " ", "0", 0, "-", "FALSE", "không"] as Cell[]) expect(isMarked(cell)).toBe(false);
  });
});

describe("parseNationalId", () => {
  it("accepts 12-digit CCCD and 9-digit CMND, ignoring spaces and dots", () => {
    expect(parseNationalId("001201000123")).toEqual({ value: "001201000123", problem: null, warnings: [] });
    expect(parseNationalId("001 201 000 123").value).toBe("001201000123");
    expect(parseNationalId("001.201.000.123").value).toBe("001201000123");
    expect(parseNationalId("'001201000123").value).toBe("001201000123");
    expect(parseNationalId("123456789").value).toBe("123456789");
    expect(parseNationalId(123456789).value).toBe("123456789");
  });

  it("restores a leading zero lost by a number cell", () => {
    const r = parseNationalId(79301000456);
    expect(r.value).toBe("079301000456");
    expect(r.warnings).toEqual([{ code: "idLeadingZeroRestored", values: { value: "079301000456" } }]);
    expect(parseNationalId(12345678901).value).toBe("012345678901");
    expect(parseNationalId("79301000456").value).toBe("079301000456");
    // Hà Nội (001) as a number loses two zeros.
    expect(parseNationalId(1201000123).value).toBe("001201000123");
    expect(parseNationalId(12345678).value).toBe("012345678");
    // A 12-digit number cannot be a CCCD (they all start with 0); 10 digits of text stay an error.
    expect(parseNationalId(1.2345678901e11).problem?.code).toBe("idFormat");
    expect(parseNationalId("1201000123").problem?.code).toBe("idLength");
  });

  it("refuses wrong lengths, letters, bad province codes and scientific notation", () => {
    expect(parseNationalId("0123456789").problem).toEqual({ code: "idLength", values: { text: "0123456789", length: 10 } });
    expect(parseNationalId("0012010001234").problem?.code).toBe("idLength");
    expect(parseNationalId("00120100012A").problem?.code).toBe("idFormat");
    expect(parseNationalId("000201000123").problem?.code).toBe("idFormat"); // province 000
    expect(parseNationalId("097201000123").problem?.code).toBe("idFormat"); // province 097
    expect(parseNationalId("096201000123").value).toBe("096201000123");
    expect(parseNationalId("1.23457E+11").problem?.code).toBe("idScientific");
    expect(parseNationalId(1.5).problem?.code).toBe("idFormat");
    expect(parseNationalId(utc(2001, 1, 1)).problem?.code).toBe("idFormat");
  });

  it("decodes year of birth and sex from a CCCD", () => {
    expect(cccdBirth("001201000123")).toEqual({ year: 2001, gender: "male" });
    expect(cccdBirth("079301000456")).toEqual({ year: 2001, gender: "female" });
    expect(cccdBirth("001099000123")).toEqual({ year: 1999, gender: "male" });
    expect(cccdBirth("001199000123")).toEqual({ year: 1999, gender: "female" });
    expect(cccdBirth("123456789")).toBeNull();
  });
});

describe("parsePhone", () => {
  it.each<[Cell, string, string[]]>([
    ["0912345678", "0912345678", []],
    ["0912 345 678", "0912345678", []],
    ["0912.345.678", "0912345678", []],
    ["+84 912 345 678", "0912345678", []],
    ["+84912345678", "0912345678", []],
    ["84912345678", "0912345678", []],
    [912345678, "0912345678", ["phoneLeadingZeroRestored"]],
    ["912345678", "0912345678", ["phoneLeadingZeroRestored"]],
  ])("%s → %s", (cell, expected, warnings) => {
    const r = parsePhone(cell);
    expect(r.problem).toBeNull();
    expect(r.value).toBe(expected);
    expect(r.warnings.map((w) => w.code)).toEqual(warnings);
  });

  it("refuses other numbers", () => {
    // 11-digit landlines are refused too: the member form takes 10 digits only.
    for (const cell of ["12345", "091234567890", "0912345678 / 0987654321", "abc", "+1 202 555 0100", "(024) 3825 1234"] as Cell[]) {
      expect(parsePhone(cell).problem?.code, String(cell)).toBe("phoneFormat");
    }
  });
});

describe("catalogues", () => {
  it("matches every ethnicity written as in the catalogue, in lower case, or without diacritics", () => {
    for (const name of ETHNICITIES) {
      expect(parseEthnicity(name).value).toBe(name);
      expect(parseEthnicity(name.toLocaleLowerCase("vi")).value).toBe(name);
    }
    expect(parseEthnicity("kinh").value).toBe("Kinh");
    expect(parseEthnicity("Khơ-me").value).toBe("Khơ Me");
    expect(parseEthnicity("Khmer").value).toBe("Khơ Me");
    expect(parseEthnicity("Mông").value).toBe("H'Mông");
    expect(parseEthnicity("Ê-đê").value).toBe("Ê Đê");
    expect(parseEthnicity("dân tộc Tày").value).toBe("Tày");
    expect(parseEthnicity("Bru Vân Kiều").value).toBe("Bru - Vân Kiều");
  });

  it("keeps unknown text with a problem", () => {
    expect(parseEthnicity("Việt Nam")).toEqual({
      value: "Việt Nam",
      problem: { code: "unknownEthnicity", values: expect.objectContaining({ text: "Việt Nam" }) },
      warnings: [],
    });
    expect(parseReligion("Thờ cúng tổ tiên").problem?.code).toBe("unknownReligion");
    expect(parseReligion("Thờ cúng tổ tiên").value).toBe("Thờ cúng tổ tiên");
    expect(parseEducation("10/12").problem?.code).toBe("unknownEducation");
  });

  it("matches religions and education levels with their common spellings", () => {
    expect(parseReligion("không").value).toBe("Không");
    expect(parseReligion("Thiên Chúa giáo").value).toBe("Công giáo");
    expect(parseReligion("đạo Phật").value).toBe("Phật giáo");
    expect(parseReligion("Hoà Hảo").value).toBe("Phật giáo Hòa Hảo");
    expect(parseEducation("12/12").value).toBe("12/12");
    expect(parseEducation("THPT").value).toBe("12/12");
    expect(parseEducation("ĐH").value).toBe("Đại học");
    expect(parseEducation("đại học").value).toBe("Đại học");
  });
});

describe("text fields", () => {
  it("cleans and limits text", () => {
    expect(parseText("  Xã  An\nPhú ", 255).value).toBe("Xã An Phú");
    expect(parseText(12, 40).value).toBe("12");
    expect(parseText("x".repeat(41), 40).problem).toEqual({ code: "tooLong", values: { max: 40 } });
    expect(parseEmail(" An.Nguyen@Example.COM ").value).toBe("an.nguyen@example.com");
    expect(parseEmail("an.nguyen@").problem?.code).toBe("emailFormat");
  });

  it("checks names", () => {
    expect(parseFullName(" Nguyễn  Thị   Hương ").value).toBe("Nguyễn Thị Hương");
    expect(parseFullName("H'Hen Niê").value).toBe("H'Hen Niê");
    expect(parseFullName("Nguyễn Văn A1").problem?.code).toBe("nameFormat");
    expect(parseFullName(12).problem?.code).toBe("nameFormat");
    expect(parseFullName("N".repeat(121)).problem?.code).toBe("tooLong");
    // NFD input (from some keyboards) is stored composed.
    expect(parseFullName("Nguyễn".normalize("NFD")).value).toBe("Nguyễn");
  });
});

describe("headers", () => {
  it("matches wordings loosely, by containment, and not the issue date of an ID", () => {
    expect(normalizeHeader("  Họ và TÊN\n(đoàn viên) ")).toBe("ho va ten doan vien");
    expect(matchHeader("Họ và tên đoàn viên")?.field).toBe("fullName");
    expect(matchHeader("HỌ TÊN")?.field).toBe("fullName");
    expect(matchHeader("Ngày, tháng, năm sinh")?.field).toBe("birthDate");
    expect(matchHeader("Số CMND/CCCD")?.field).toBe("nationalId");
    expect(matchHeader("Ngày kết nạp Đảng")?.field).toBe("partyJoinedOn");
    expect(matchHeader("Ngày kết nạp")?.field).toBe("joinedOn");
    expect(matchHeader("Địa chỉ email")?.field).toBe("email");
    expect(matchHeader("SĐT")?.field).toBe("phone");
    expect(matchHeader("Ngày cấp CMND")).toBeNull();
    expect(matchHeader("Ghi chú")).toBeNull();
    expect(matchHeader("DANH SÁCH ĐOÀN VIÊN CHI ĐOÀN 10A1")).toBeNull();
  });

  it("finds a CSV-style two-row header without merge information and joins a split name", () => {
    const grid: Grid = [
      ["DANH SÁCH HỘI VIÊN", null, null, null, null, null],
      ["TT", "Họ và tên", null, "Năm sinh", null, "Giới tính"],
      [null, "Họ đệm", "Tên", "Nam", "Nữ", null],
      ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)"],
      ["1", "Nguyễn Thị", "Hương", null, "1958", "Nữ"],
    ];
    const header = findHeader(grid)!;
    expect(header.headerRows).toEqual([1, 2]);
    expect(header.dataStartRow).toBe(4);
    expect(header.columns.map((c) => c.text)).toEqual([
      "TT",
      "Họ và tên – Họ đệm",
      "Họ và tên – Tên",
      "Năm sinh – Nam",
      "Năm sinh – Nữ",
      "Giới tính",
    ]);
    const mapping = suggestMapping(header.columns);
    expect(mapping).toEqual({ 0: null, 1: "fullName", 2: "fullName", 3: "birthDateMale", 4: "birthDateFemale", 5: "gender" });
    const rows = validateRows(applyMapping(grid, mapping, { header }), { today: TODAY });
    expect(rows).toEqual([
      {
        rowNumber: 5,
        values: { fullName: "Nguyễn Thị Hương", birthDate: "1958-01-01", gender: "female" },
        yearOnly: ["birthDate"],
        problems: [],
        warnings: [expect.objectContaining({ code: "yearOnly", column: "Năm sinh – Nữ", field: "birthDate" })],
        valid: true,
      },
    ]);
  });

  it("maps Giới tính over Nam | Nữ to tick marks, and a saved mapping wins", () => {
    const grid: Grid = [
      ["Họ và tên", "Ngày sinh", "Giới tính", null, "Ghi chú"],
      [null, null, "Nam", "Nữ", null],
      ["Lê Văn Tám", "02/09/2000", "x", null, "ABC"],
      ["Lê Thị Sáu", "02/09/2001", "x", "x", null],
    ];
    const header = findHeader(grid, [{ top: 0, left: 2, bottom: 0, right: 3 }])!;
    expect(header.headerRows).toEqual([0, 1]);
    const suggested = suggestMapping(header.columns);
    expect(suggested).toEqual({ 0: "fullName", 1: "birthDate", 2: "genderMale", 3: "genderFemale", 4: null });
    const saved = suggestMapping(header.columns, { "GHI CHU": "occupation", "Họ và tên": null });
    expect(saved).toEqual({ 0: null, 1: "birthDate", 2: "genderMale", 3: "genderFemale", 4: "occupation" });

    const rows = validateRows(applyMapping(grid, suggested, { header }), { today: TODAY });
    expect(rows.map((r) => [r.rowNumber, r.values.gender, r.problems.map((p) => [p.code, p.column])])).toEqual([
      [3, "male", []],
      [4, undefined, [["genderConflict", "Giới tính – Nữ"]]],
    ]);
  });
});

describe("validateRows", () => {
  const header = findHeader([["Họ và tên", "Ngày sinh", "Giới tính", "Số CCCD", "Ngày vào Đoàn"]])!;
  const run = (rows: Cell[][], ageRule?: { min: number; max: number }) => {
    const grid: Grid = [["Họ và tên", "Ngày sinh", "Giới tính", "Số CCCD", "Ngày vào Đoàn"], ...rows];
    return validateRows(applyMapping(grid, suggestMapping(header.columns), { header }), { today: TODAY, ageRule });
  };
  const codes = (rows: ReturnType<typeof run>) => rows.map((r) => [r.rowNumber, ...r.problems.map((p) => `${p.code}@${p.column}`)]);

  it("reports missing required fields, future and old dates, dates before birth", () => {
    expect(
      codes(
        run([
          [null, "15/03/2001", "Nam", null, null],
          ["Nguyễn Văn An", null, null, null, null],
          ["Nguyễn Văn Bình", "15/03/2030", null, null, null],
          ["Nguyễn Văn Cường", "15/03/1890", null, null, null],
          ["Nguyễn Văn Dũng", "15/03/2001", null, null, "01/01/2000"],
          ["Nguyễn Văn Em", "2001", null, null, "2001"],
        ]),
      ),
    ).toEqual([
      [2, "required@Họ và tên"],
      [3, "required@Ngày sinh"],
      [4, "futureDate@Ngày sinh"],
      [5, "dateTooOld@Ngày sinh"],
      [6, "beforeBirth@Ngày vào Đoàn"],
      [7],
    ]);
  });

  it("applies the age rule, leniently for a year only", () => {
    const rows = run(
      [
        ["A Một", "02/06/2009", null, null, null], // 15 on 2025-06-01 (16 tomorrow)
        ["A Hai", "01/06/2009", null, null, null], // 16 today
        ["A Ba", "01/06/1995", null, null, null], // 30
        ["A Bốn", "31/05/1995", null, null, null], // 30, 31 tomorrow: still 30
        ["A Năm", "31/05/1994", null, null, null], // 31
        ["A Sáu", "2009", null, null, null], // 15 or 16: allowed
        ["A Bảy", "2010", null, null, null], // 14 or 15: refused
      ],
      { min: 16, max: 30 },
    );
    expect(rows.map((r) => r.problems.map((p) => p.code))).toEqual([["ageOutOfRange"], [], [], [], ["ageOutOfRange"], [], ["ageOutOfRange"]]);
    expect(rows[0]!.problems[0]!.message).toBe("Tuổi 15 nằm ngoài khoảng 16–30 tuổi theo quy định.");
    expect(rows[6]!.problems[0]!.message).toBe("Tuổi 14–15 nằm ngoài khoảng 16–30 tuổi theo quy định.");
  });

  it("finds duplicates by ID, then by folded name and birth date, naming the earlier row", () => {
    const rows = run([
      ["Nguyễn Văn An", "15/03/2001", "Nam", "001201000123", null],
      ["Nguyễn Văn Ân", "16/03/2001", "Nam", "001201000123", null],
      ["nguyen van an", "2001-03-15", null, null, null],
      ["Nguyễn Văn An", "15/03/2001", null, "001201000999", null], // another ID: another person
      ["Trần Văn Hai", "2001", null, null, null],
      ["Trần Văn Hai", "01/01/2001", null, null, null], // a year only is not the 1st of January
    ]);
    expect(codes(rows)).toEqual([[2], [3, "duplicateInFile@Số CCCD"], [4, "duplicateInFile@Họ và tên"], [5], [6], [7]]);
    expect(rows[1]!.problems[0]!.message).toBe("Trùng với dòng 2 trong tệp (cùng số CCCD/CMND).");
    expect(rows[2]!.problems[0]!.message).toBe("Trùng với dòng 2 trong tệp (cùng họ tên và ngày sinh).");
  });

  it("refuses a CCCD that disagrees with the birth year, and warns when it disagrees with the sex", () => {
    const [wrongYear, wrongSex, yearOnly] = run([
      ["Nguyễn Thị Lan", "15/03/2000", "Nữ", "001201000123", null],
      ["Nguyễn Thị Mai", "15/03/2001", "Nữ", "001201000124", null],
      ["Nguyễn Văn Nam", "2001", "Nam", "001201000125", null],
    ]);
    expect(wrongYear!.problems.map((p) => `${p.code}@${p.column}`)).toEqual(["idBirthYear@Số CCCD"]);
    expect(wrongYear!.problems[0]!.message).toBe("Số CCCD ghi năm sinh 2001 (chữ số thứ 4–6), khác năm sinh đã ghi (2000).");
    expect(wrongYear!.warnings.map((w) => w.code)).toEqual(["idGenderMismatch"]);
    expect(wrongSex!.valid).toBe(true);
    expect(wrongSex!.warnings.map((w) => w.code)).toEqual(["idGenderMismatch"]);
    expect(yearOnly!.valid).toBe(true);
  });
});

describe("messages", () => {
  it("fills placeholders and leaves unknown ones", () => {
    expect(importMessage("import.problem.duplicateInFile", { row: 7, by: "x" })).toBe("Trùng với dòng 7 trong tệp (x).");
    expect(importMessage("import.problem.required")).toBe("Thiếu {field}.");
  });

  it("has a message for every problem and warning code", () => {
    const problemCodes = [
      "required", "dateFormat", "impossibleDate", "futureDate", "dateTooOld", "beforeBirth", "ageOutOfRange", "genderFormat",
      "genderConflict", "idLength", "idFormat", "idScientific", "idBirthYear", "phoneFormat", "emailFormat", "unknownEthnicity",
      "unknownReligion", "unknownEducation", "tooLong", "nameFormat", "formula", "cellError", "duplicateInFile",
    ];
    const warningCodes = ["yearOnly", "twoDigitYear", "idLeadingZeroRestored", "phoneLeadingZeroRestored", "idGenderMismatch"];
    for (const code of problemCodes) expect(IMPORT_MESSAGES).toHaveProperty([`import.problem.${code}`]);
    for (const code of warningCodes) expect(IMPORT_MESSAGES).toHaveProperty([`import.warning.${code}`]);
  });
});
