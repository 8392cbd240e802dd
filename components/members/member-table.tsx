"use client";

import type { ColumnDef } from "@tanstack/react-table";
import Link from "next/link";
import { t, type MessageKey } from "@/lib/i18n";
import { formatBirthDate, formatDate } from "@/lib/i18n/format";
import { DataTable } from "@/components/data-table";
import { Badge } from "@/components/ui/card";

export interface MemberRow {
  id: string;
  fullName: string;
  birthDate: string | null;
  birthYearOnly: boolean;
  gender: "male" | "female" | null;
  ethnicity: string | null;
  nationalId: string | null;
  phone: string | null;
  joinedOn: string | null;
  status: string;
  unitName: string;
}

const columns: ColumnDef<MemberRow, unknown>[] = [
  {
    id: "name",
    accessorFn: (r) => r.fullName,
    header: t("member.fullName"),
    cell: ({ row }) => (
      <Link href={`/lam-viec/hoi-vien/${row.original.id}`} className="font-medium text-brand-700 hover:underline">
        {row.original.fullName}
      </Link>
    ),
  },
  { id: "birthDate", accessorFn: (r) => r.birthDate, header: t("member.birthDate"), cell: ({ row }) => formatBirthDate(row.original.birthDate, row.original.birthYearOnly) },
  { id: "gender", header: t("member.gender"), enableSorting: false, cell: ({ row }) => (row.original.gender ? t(`member.gender.${row.original.gender}` as MessageKey) : "") },
  { id: "unit", header: t("member.unit"), enableSorting: false, cell: ({ row }) => row.original.unitName },
  { id: "nationalId", header: t("member.nationalId"), enableSorting: false, cell: ({ row }) => <span className="font-mono text-xs">{row.original.nationalId}</span> },
  { id: "phone", header: t("member.phone"), enableSorting: false, cell: ({ row }) => row.original.phone },
  { id: "joinedOn", accessorFn: (r) => r.joinedOn, header: t("member.joinedOn"), cell: ({ row }) => formatDate(row.original.joinedOn) },
  {
    id: "status",
    header: t("member.status"),
    enableSorting: false,
    cell: ({ row }) => (
      <Badge tone={row.original.status === "active" ? "green" : row.original.status === "in_transit" ? "amber" : "slate"}>
        {t(`member.status.${row.original.status}` as MessageKey)}
      </Badge>
    ),
  },
];

export function MemberTable(props: { rows: MemberRow[]; total: number; totalCapped?: boolean; page: number; pageSize: number; sort?: string; dir?: "asc" | "desc"; caption: string }) {
  return <DataTable columns={columns} {...props} />;
}
