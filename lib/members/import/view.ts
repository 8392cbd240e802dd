import { t } from "@/lib/i18n";
import { MEMBER_FIELDS, type MemberFieldKey } from "../fields";
import type { Analysis, AnalysedRow } from "./analyse";
import { targetField } from "./mapping";
import { importMessage } from "./messages";
import type { Cell } from "./read";

export const PREVIEW_FILTERS = ["all", "problems", "duplicates", "create", "skip"] as const;
export type PreviewFilter = (typeof PREVIEW_FILTERS)[number];

const pad = (n: number) => String(n).padStart(2, "0");

function cellText(value: Cell): string {
  if (value === null) return "";
  if (value instanceof Date) return `${pad(value.getUTCDate())}/${pad(value.getUTCMonth() + 1)}/${value.getUTCFullYear()}`;
  return String(value).trim();
}

function dateText(iso: string, yearOnly: boolean) {
  return yearOnly ? iso.slice(0, 4) : `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

/** What the fix form starts from: the value read, or the cell as written when it could not be read. */
function fixFields(row: AnalysedRow, analysis: Analysis) {
  const mapped = new Set<MemberFieldKey>(["fullName", "birthDate"]);
  for (const target of Object.values(analysis.mapping)) if (target) mapped.add(targetField(target));
  const source = analysis.sheet.rows.find((r) => r.rowNumber === row.rowNumber);
  const raw = (field: MemberFieldKey) => {
    for (const [target, cells] of Object.entries(source?.cells ?? {})) {
      if (targetField(target as never) === field && cells?.[0]) return cells.map((c) => cellText(c.value)).join(" ");
    }
    return "";
  };
  return MEMBER_FIELDS.filter((f) => mapped.has(f.key)).map((f) => {
    const value = row.values[f.key];
    let text: string;
    if (value === undefined) text = raw(f.key);
    else if (f.key === "birthDate" || f.key === "joinedOn" || f.key === "partyJoinedOn") text = dateText(value, row.yearOnly.includes(f.key));
    else if (f.key === "gender") text = value === "male" ? t("member.gender.male") : t("member.gender.female");
    else text = value;
    return { key: f.key, label: importMessage(`import.field.${f.key}`), value: text };
  });
}

function decisionLabel(decision: string, row: AnalysedRow) {
  if (decision === "create" && row.match) return t("import.decision.createDifferent");
  return t(`import.decision.${decision}` as "import.decision.create");
}

/** One page of the preview, filtered, with everything the client controls need and nothing more. */
export function previewPage(analysis: Analysis, filter: PreviewFilter, page: number, pageSize: number) {
  const keep = (row: AnalysedRow) =>
    filter === "problems" ? row.problems.length > 0 : filter === "duplicates" ? row.match !== null : filter === "create" ? row.decision === "create" : filter === "skip" ? row.decision === "skip" : true;
  const filtered = analysis.rows.filter(keep);
  const rows = filtered.slice((page - 1) * pageSize, page * pageSize).map((row) => ({
    rowNumber: row.rowNumber,
    fullName: row.values.fullName ?? "",
    birth: row.values.birthDate ? dateText(row.values.birthDate, row.yearOnly.includes("birthDate")) : "",
    nationalId: row.values.nationalId ?? "",
    unitName: row.unitName,
    problems: row.problems.map((p) => ({ field: p.field, message: p.message, text: p.column ? `${p.column}: ${p.message}` : p.message })),
    warnings: row.warnings.map((w) => (w.column ? `${w.column}: ${w.message}` : w.message)),
    match: row.match
      ? row.match.inScope
        ? { text: t("import.matchInScope", { name: row.match.fullName ?? "", unit: row.match.unitName, by: t(`import.by.${row.match.by}`) }), memberId: row.match.memberId }
        : { text: t("import.matchOutside", { unit: row.match.unitName, by: t(`import.by.${row.match.by}`) }), memberId: null }
      : null,
    decision: row.decision,
    options: row.allowed.map((d) => ({ value: d, label: decisionLabel(d, row) })),
    fixed: row.fixed,
    fields: fixFields(row, analysis),
  }));
  return { rows, total: filtered.length, problemRows: analysis.rows.filter((r) => r.blocked).map((r) => r.rowNumber) };
}
