import ExcelJS from "exceljs";
import { foldVietnamese } from "@/lib/i18n/format";
import { EDUCATION_LEVELS, ETHNICITIES, RELIGIONS } from "../catalogues";
import { MEMBER_FIELDS, type MemberFieldKey } from "../fields";
import { columnLetter } from "./header";
import { type ImportMessageKey, importMessage } from "./messages";

export interface TemplateOptions {
  /** Shown under the title. */
  orgName: string;
  /** What members are called: "đoàn viên", "hội viên"… */
  memberTerm: string;
  /** Units the file may name; with them the template gets a "Mã đơn vị" column with a drop-down list. */
  unitCodes?: { code: string; name: string }[];
}

/** The layout of the "Danh sách" sheet, for whoever needs to read it back by position. */
export const TEMPLATE_LAYOUT = { headerRow: 3, firstDataRow: 4, dataRows: 5000 } as const;

const DATE_FIELDS = new Set<MemberFieldKey>(["birthDate", "joinedOn", "partyJoinedOn"]);
const TEXT_FIELDS = new Set<MemberFieldKey>(["nationalId", "phone", "unitCode"]);
const UPPER_WORDS = new Set(["cccd", "cmnd", "sđt"]);
const ORGANISATION_WORDS = new Set(["đoàn", "hội", "đảng"]);

/** "ngày vào đoàn" → "Ngày vào Đoàn", "số cccd" → "Số CCCD". */
function headerCase(wording: string): string {
  const words = wording.split(" ");
  return words
    .map((word, i) => {
      if (UPPER_WORDS.has(word)) return word.toLocaleUpperCase("vi");
      if (i === 0 || (ORGANISATION_WORDS.has(word) && words[i - 1] === "vào")) {
        return word.charAt(0).toLocaleUpperCase("vi") + word.slice(1);
      }
      return word;
    })
    .join(" ");
}

/** The header the template uses for a field: its first wording (for the join date, the one of the organisation). */
export function templateHeader(field: MemberFieldKey, memberTerm: string): string {
  const definition = MEMBER_FIELDS.find((f) => f.key === field)!;
  let wording: string = definition.headers[0];
  if (field === "joinedOn" && /\bhoi\b/.test(foldVietnamese(memberTerm))) {
    wording = definition.headers.find((h) => h.includes("hội")) ?? wording;
  }
  const text = headerCase(wording);
  return definition.required ? `${text} ${importMessage("import.template.requiredMark")}` : text;
}

function organisationWord(memberTerm: string): string {
  return /\bhoi\b/.test(foldVietnamese(memberTerm)) ? "Hội" : "Đoàn";
}

const upper = (s: string) => s.toLocaleUpperCase("vi");
const quoteSheet = (name: string) => `'${name.replace(/'/g, "''")}'`;

/**
 * The member list template: a "Danh sách" sheet (title, header row, drop-down lists, date and
 * text formats), a hidden "Danh mục" sheet holding the lists, and a "Hướng dẫn" sheet.
 */
export async function buildTemplate(options: TemplateOptions): Promise<Uint8Array> {
  const { orgName, memberTerm } = options;
  const units = options.unitCodes?.filter((u) => u.code.trim() !== "") ?? [];
  const fields = MEMBER_FIELDS.map((f) => f.key as MemberFieldKey).filter((key) => key !== "unitCode" || units.length > 0);

  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Kết Nối";
  workbook.created = new Date();
  const listName = importMessage("import.template.sheetList");
  const catalogueName = importMessage("import.template.sheetCatalogues");
  const guideName = importMessage("import.template.sheetGuide");

  const sheet = workbook.addWorksheet(listName, { views: [{ state: "frozen", ySplit: TEMPLATE_LAYOUT.headerRow, xSplit: 2 }] });
  const guide = workbook.addWorksheet(guideName);
  const catalogue = workbook.addWorksheet(catalogueName, { state: "hidden" });

  // --- catalogues (hidden sheet): one list per column, header in row 1.
  const lists: { key: string; header: string; items: readonly string[] }[] = [
    { key: "gender", header: importMessage("import.template.catalogue.gender"), items: [importMessage("import.template.male"), importMessage("import.template.female")] },
    { key: "ethnicity", header: importMessage("import.template.catalogue.ethnicity"), items: ETHNICITIES },
    { key: "religion", header: importMessage("import.template.catalogue.religion"), items: RELIGIONS },
    { key: "education", header: importMessage("import.template.catalogue.education"), items: EDUCATION_LEVELS },
  ];
  if (units.length > 0) {
    lists.push({ key: "unitCode", header: importMessage("import.template.catalogue.unitCode"), items: units.map((u) => u.code) });
    lists.push({ key: "unitName", header: importMessage("import.template.catalogue.unitName"), items: units.map((u) => u.name) });
  }
  const listRange = new Map<string, string>();
  lists.forEach((list, i) => {
    const column = catalogue.getColumn(i + 1);
    column.width = list.key === "unitName" ? 40 : 22;
    catalogue.getCell(1, i + 1).value = list.header;
    catalogue.getCell(1, i + 1).font = { bold: true };
    list.items.forEach((item, j) => {
      const cell = catalogue.getCell(j + 2, i + 1);
      cell.value = item;
      cell.numFmt = "@";
    });
    const letter = columnLetter(i);
    listRange.set(list.key, `${quoteSheet(catalogueName)}!$${letter}$2:$${letter}$${list.items.length + 1}`);
  });

  // --- the list sheet.
  const headers = [importMessage("import.template.indexHeader"), ...fields.map((f) => templateHeader(f, memberTerm))];
  const width = headers.length;
  sheet.mergeCells(1, 1, 1, width);
  sheet.mergeCells(2, 1, 2, width);
  const title = sheet.getCell(1, 1);
  title.value = importMessage("import.template.title", { memberTerm: upper(memberTerm) });
  title.font = { bold: true, size: 14 };
  title.alignment = { horizontal: "center" };
  const subtitle = sheet.getCell(2, 1);
  subtitle.value = importMessage("import.template.subtitle", { orgName });
  subtitle.font = { italic: true };
  subtitle.alignment = { horizontal: "center" };

  const headerRow = sheet.getRow(TEMPLATE_LAYOUT.headerRow);
  headerRow.values = headers;
  headerRow.font = { bold: true };
  headerRow.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
  headerRow.height = 32;
  headers.forEach((_, i) => {
    const cell = headerRow.getCell(i + 1);
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFDDEBF7" } };
    cell.border = { top: { style: "thin" }, left: { style: "thin" }, bottom: { style: "thin" }, right: { style: "thin" } };
  });

  const first = TEMPLATE_LAYOUT.firstDataRow;
  const last = first + TEMPLATE_LAYOUT.dataRows - 1;
  const validations = (sheet as unknown as { dataValidations: { add(address: string, validation: ExcelJS.DataValidation): void } })
    .dataValidations;
  sheet.getColumn(1).width = 6;
  fields.forEach((field, i) => {
    const index = i + 2;
    const column = sheet.getColumn(index);
    column.width = field === "fullName" ? 28 : field === "currentAddress" || field === "hometown" ? 36 : 16;
    if (DATE_FIELDS.has(field)) column.numFmt = "dd/mm/yyyy";
    if (TEXT_FIELDS.has(field)) column.numFmt = "@";
    const range = listRange.get(field);
    if (range) {
      const letter = columnLetter(index - 1);
      validations.add(`${letter}${first}:${letter}${last}`, {
        type: "list",
        allowBlank: true,
        formulae: [range],
        showErrorMessage: true,
        errorStyle: "error",
        errorTitle: importMessage("import.template.listErrorTitle"),
        error: importMessage("import.template.listError"),
      });
    }
  });
  // The header keeps its text format whatever the column says.
  headerRow.eachCell((cell) => {
    cell.numFmt = "General";
  });

  // --- the guide.
  const pivot = new Date().getFullYear() % 100;
  const organisation = organisationWord(memberTerm);
  guide.getColumn(1).width = 24;
  guide.getColumn(2).width = 100;
  guide.getCell(1, 1).value = importMessage("import.template.guide.title", { memberTerm: upper(memberTerm) });
  guide.getCell(1, 1).font = { bold: true, size: 13 };
  guide.mergeCells(1, 1, 1, 2);
  guide.getCell(2, 1).value = importMessage("import.template.guide.intro", { memberTerm });
  guide.mergeCells(2, 1, 2, 2);
  guide.getCell(2, 1).alignment = { wrapText: true, vertical: "top" };
  guide.getRow(2).height = 32;
  const guideHeader = guide.getRow(4);
  guideHeader.values = [importMessage("import.template.guide.columnHeader"), importMessage("import.template.guide.howHeader")];
  guideHeader.font = { bold: true };
  let row = 5;
  for (const field of fields) {
    guide.getCell(row, 1).value = templateHeader(field, memberTerm);
    guide.getCell(row, 2).value = importMessage(`import.template.guide.${field}` as ImportMessageKey, {
      pivot: String(pivot).padStart(2, "0"),
      organisation,
    });
    guide.getCell(row, 2).alignment = { wrapText: true, vertical: "top" };
    row++;
  }
  row++;
  for (const key of ["import.template.guide.dates", "import.template.guide.ids", "import.template.guide.duplicates"] as const) {
    guide.getCell(row, 1).value = importMessage(key);
    guide.mergeCells(row, 1, row, 2);
    guide.getCell(row, 1).alignment = { wrapText: true, vertical: "top" };
    guide.getRow(row).height = 30;
    row++;
  }

  workbook.views = [{ x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: 0, visibility: "visible" }];
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}
