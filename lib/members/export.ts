import ExcelJS from "exceljs";
import type { Actor } from "@/lib/auth/actor";
import type { Db } from "@/lib/db";
import { t, type MessageKey } from "@/lib/i18n";
import { formatBirthDate, formatDate, todayInVietnam } from "@/lib/i18n/format";
import { listMembers, type MemberListQuery } from "./service";

/** The most rows one export writes; a larger list should be narrowed with filters first. */
export const MAX_EXPORT_ROWS = 50_000;

/**
 * A cell that a spreadsheet would read as a formula (=, +, -, @, or a tab/CR first) is
 * written as text with a leading apostrophe-equivalent: a quote character that Excel hides.
 */
export function neutraliseCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** The filtered list, as the viewer may see it (IDs masked where they are masked on screen), in xlsx. */
export async function exportMembers(db: Db, actor: Actor | null, query: Omit<MemberListQuery, "page" | "pageSize">) {
  const { rows, total } = await listMembers(db, actor, { ...query, page: 1, pageSize: MAX_EXPORT_ROWS });
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(t("member.printTitle"));
  const headers: MessageKey[] = ["member.fullName", "member.birthDate", "member.gender", "member.ethnicity", "member.unit", "member.nationalId", "member.phone", "member.joinedOn", "member.status"];
  sheet.addRow(["STT", ...headers.map((h) => t(h))]).font = { bold: true };
  rows.forEach((r, i) => {
    sheet.addRow([
      i + 1,
      ...[
        r.fullName,
        formatBirthDate(r.birthDate, r.birthYearOnly),
        r.gender ? t(`member.gender.${r.gender}` as MessageKey) : "",
        r.ethnicity ?? "",
        r.unitName,
        r.nationalId ?? "",
        r.phone ?? "",
        formatDate(r.joinedOn),
        t(`member.status.${r.status}` as MessageKey),
      ].map(neutraliseCell),
    ]);
  });
  sheet.columns.forEach((column) => (column.width = 18));
  const buffer = await workbook.xlsx.writeBuffer();
  return { bytes: new Uint8Array(buffer as ArrayBuffer), total, written: rows.length, fileName: `danh-sach-hoi-vien-${todayInVietnam()}.xlsx` };
}
