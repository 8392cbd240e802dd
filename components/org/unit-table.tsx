"use client";

import type { ColumnDef } from "@tanstack/react-table";
import Link from "next/link";
import { t } from "@/lib/i18n";
import { formatDate, formatNumber } from "@/lib/i18n/format";
import { DataTable } from "@/components/data-table";
import { Badge } from "@/components/ui/card";

export interface UnitRow {
  id: string;
  name: string;
  code: string;
  level: number;
  activeFrom: string;
  activeTo: string | null;
  childCount: number;
}

const columns: ColumnDef<UnitRow, unknown>[] = [
  {
    id: "name",
    header: t("unit.name"),
    cell: ({ row }) => (
      <Link href={`/lam-viec/don-vi/${row.original.id}`} className="font-medium text-brand-700 hover:underline">
        {row.original.name}
      </Link>
    ),
  },
  { id: "code", header: t("unit.code"), cell: ({ row }) => <code className="text-xs">{row.original.code}</code> },
  { id: "children", header: t("unit.children"), cell: ({ row }) => formatNumber(row.original.childCount) },
  {
    id: "status",
    header: t("common.status"),
    cell: ({ row }) =>
      row.original.activeTo ? (
        <Badge tone="amber">{`${t("unit.dissolved")} (${formatDate(row.original.activeTo)})`}</Badge>
      ) : (
        <Badge tone="green">{t("unit.active")}</Badge>
      ),
  },
];

export function UnitTable(props: { rows: UnitRow[]; total: number; page: number; pageSize: number; caption: string }) {
  return <DataTable columns={columns} {...props} />;
}
