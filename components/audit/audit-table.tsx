"use client";

import type { ColumnDef } from "@tanstack/react-table";
import { auditActionLabel } from "@/lib/audit/labels";
import { t } from "@/lib/i18n";
import { formatDateTime } from "@/lib/i18n/format";
import { DataTable } from "@/components/data-table";
import { Badge } from "@/components/ui/card";

export interface AuditRow {
  id: number;
  at: Date;
  actorName: string;
  unitName: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  changes: Record<string, { from?: unknown; to?: unknown }>;
  ip: string | null;
  outcome: "ok" | "denied";
}

function describe(changes: AuditRow["changes"]) {
  return Object.entries(changes)
    .map(([field, c]) => `${field}: ${"from" in c ? `${String(c.from ?? "—")} → ` : ""}${String(c.to ?? "—")}`)
    .join("; ");
}

const columns: ColumnDef<AuditRow, unknown>[] = [
  { id: "at", header: t("audit.at"), cell: ({ row }) => <span className="whitespace-nowrap">{formatDateTime(row.original.at)}</span> },
  { id: "actor", header: t("audit.actor"), cell: ({ row }) => row.original.actorName },
  { id: "action", header: t("audit.action"), cell: ({ row }) => auditActionLabel(row.original.action) },
  { id: "unit", header: t("audit.unit"), cell: ({ row }) => row.original.unitName ?? "—" },
  { id: "changes", header: t("audit.changes"), cell: ({ row }) => <span className="break-words text-xs text-slate-700">{describe(row.original.changes)}</span> },
  { id: "ip", header: t("audit.ip"), cell: ({ row }) => row.original.ip ?? "—" },
  {
    id: "outcome",
    header: t("audit.outcome"),
    cell: ({ row }) => (row.original.outcome === "ok" ? <Badge tone="green">{t("audit.ok")}</Badge> : <Badge tone="red">{t("audit.denied")}</Badge>),
  },
];

export function AuditTable(props: { rows: AuditRow[]; total: number; page: number; pageSize: number; caption: string }) {
  return <DataTable columns={columns} {...props} />;
}
