import ExcelJS from "exceljs";
import { t, type MessageKey } from "@/lib/i18n";
import { formatDate } from "@/lib/i18n/format";
import { neutraliseCell } from "@/lib/members/export";
import { BREAKDOWNS, type ActivityFigures, type Dashboard } from "@/lib/stats/types";
import type { ColumnKind } from "@/components/stats/format";
import {
  activityChildrenTable,
  activityMonthsTable,
  activityTotalsTable,
  breakdownTable,
  childrenTable,
  evaluationTable,
  flowMonthsTable,
  flowTotalsTable,
  qualityTable,
  summaryTable,
  type TableModel,
} from "@/components/stats/tables";

const NUMBER_FORMATS: Record<ColumnKind, string> = { count: "#,##0", change: "+#,##0;-#,##0;0", percent: "0.0%" };

/**
 * The statistics page as an xlsx workbook, one sheet per section, from the same tables the page
 * shows. Unit names come from administrators, so text a spreadsheet would run as a formula is
 * neutralised; figures stay numbers (formatted, not text) so they can be summed.
 */
export async function statsWorkbook(d: Dashboard, activity: ActivityFigures): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const title = t("statsPage.sheet.title", { unit: d.unit.name, date: formatDate(d.figures.asOf) });

  const sheet = (key: MessageKey, tables: TableModel[]) => {
    const ws = workbook.addWorksheet(t(key));
    ws.addRow([neutraliseCell(title)]).font = { bold: true, size: 13 };
    const widest = Math.max(...tables.map((m) => m.columns.length));
    ws.getColumn(1).width = 42;
    for (let c = 2; c <= widest + 1; c++) ws.getColumn(c).width = 18;
    for (const model of tables) {
      ws.addRow([]);
      ws.addRow([neutraliseCell(model.caption)]).font = { bold: true };
      const header = ws.addRow([model.labelHeader, ...model.columns.map((c) => c.header)]);
      header.font = { bold: true };
      header.alignment = { wrapText: true, vertical: "top" };
      if (model.rows.length === 0 && model.empty) ws.addRow([model.empty]);
      for (const row of model.rows) {
        const label = `${row.indent ? "   " : ""}${row.label}${row.note ? ` (${row.note})` : ""}`;
        const added = ws.addRow([neutraliseCell(label), ...row.values]);
        model.columns.forEach((c, i) => (added.getCell(i + 2).numFmt = NUMBER_FORMATS[c.kind]));
      }
    }
    return ws;
  };

  sheet("statsPage.sheet.figures", [summaryTable(d), qualityTable(d)]);
  sheet("statsPage.sheet.breakdowns", BREAKDOWNS.map((dim) => breakdownTable(d, dim)));
  sheet("statsPage.sheet.flows", [flowTotalsTable(d), flowMonthsTable(d)]);
  sheet("statsPage.sheet.evaluations", [evaluationTable(d)]);
  sheet("statsPage.sheet.children", [childrenTable(d)]);
  sheet("statsPage.sheet.activity", [activityTotalsTable(activity), activityMonthsTable(activity), activityChildrenTable(activity)]);

  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}

/** thong-ke-<unit code>-<yyyy-MM-dd>.xlsx, the code kept to letters, digits and dashes. */
export function statsFileName(d: Dashboard): string {
  const code = d.unit.code.replace(/[^A-Za-z0-9-]+/g, "-").replace(/^-+|-+$/g, "").toLowerCase() || "don-vi";
  return `thong-ke-${code}-${d.figures.asOf}.xlsx`;
}
