import ExcelJS from "exceljs";
import type { Actor } from "@/lib/auth/actor";
import type { Db } from "@/lib/db";
import { t, type MessageKey } from "@/lib/i18n";
import { neutraliseCell } from "@/lib/members/export";
import { editorialReport, formatMonth, TOTAL_ROWS, type EditorialReport, type ReportInput } from "./report";

/** The report as an xlsx workbook: one sheet per table, permission checked by the service. */
export async function exportEditorialReport(db: Db, actor: Actor | null, input: ReportInput) {
  const report = await editorialReport(db, actor, input);
  const bytes = await reportWorkbook(report);
  return { bytes, fileName: `bao-cao-bien-tap-${report.month}.xlsx` };
}

/** Names come from editors and authors, so text a spreadsheet would run as a formula is neutralised. */
export async function reportWorkbook(report: EditorialReport): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const month = formatMonth(report.month);
  const title = `${t("report.heading", { month })} — ${report.unit?.name ?? t("report.wholeScope")}`;

  /** `wide`: the column holding names or labels, given room to be read. */
  const sheet = (nameKey: MessageKey, headers: string[], wide: number) => {
    const ws = workbook.addWorksheet(t(nameKey));
    ws.addRow([neutraliseCell(title)]).font = { bold: true };
    ws.addRow(headers).font = { bold: true };
    headers.forEach((_, i) => (ws.getColumn(i + 1).width = i === wide ? 40 : 18));
    return ws;
  };

  const categories = sheet("report.sheet.categories", [t("report.col.index"), t("report.col.category"), t("report.col.parent"), t("report.col.published"), t("report.col.views")], 1);
  report.categories.forEach((c, i) => categories.addRow([i + 1, neutraliseCell(c.name), neutraliseCell(c.parentName ?? ""), c.published, c.views]));

  const authors = sheet("report.sheet.authors", [
    t("report.col.index"),
    t("report.col.author"),
    t("report.col.submitted"),
    t("report.col.published"),
    t("report.col.returned"),
    t("report.col.rejected"),
    t("report.col.views"),
  ], 1);
  report.authors.forEach((a, i) => authors.addRow([i + 1, neutraliseCell(a.fullName), a.submitted, a.published, a.returned, a.rejected, a.views]));

  const totals = sheet("report.sheet.totals", [
    t("report.col.measure"),
    t("report.col.monthOf", { month }),
    t("report.col.monthOf", { month: formatMonth(report.previousMonth) }),
  ], 0);
  for (const row of TOTAL_ROWS) totals.addRow([t(row.key), row.value(report.totals), row.value(report.previousTotals)]);
  totals.addRow([]);
  totals.addRow([t("report.medianNote")]);

  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}
