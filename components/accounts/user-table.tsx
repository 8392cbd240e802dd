"use client";

import type { ColumnDef } from "@tanstack/react-table";
import Link from "next/link";
import { t, type MessageKey } from "@/lib/i18n";
import { formatDateTime } from "@/lib/i18n/format";
import { DataTable } from "@/components/data-table";
import { Badge } from "@/components/ui/card";

export interface UserRow {
  id: string;
  username: string;
  fullName: string;
  email: string | null;
  unitName: string;
  disabledAt: Date | null;
  mustChangePassword: boolean;
  lastSignInAt: Date | null;
  roles: string[];
}

const columns: ColumnDef<UserRow, unknown>[] = [
  {
    id: "username",
    accessorFn: (r) => r.username,
    header: t("account.username"),
    enableSorting: true,
    cell: ({ row }) => (
      <Link href={`/lam-viec/tai-khoan/${row.original.id}`} className="font-medium text-brand-700 hover:underline">
        {row.original.username}
      </Link>
    ),
  },
  { id: "fullName", accessorFn: (r) => r.fullName, header: t("account.fullName"), enableSorting: true, cell: ({ row }) => row.original.fullName },
  { id: "unit", header: t("account.homeUnit"), enableSorting: false, cell: ({ row }) => row.original.unitName },
  {
    id: "roles",
    header: t("account.roles"),
    enableSorting: false,
    cell: ({ row }) => row.original.roles.map((r) => t(`role.${r}` as MessageKey)).join(", "),
  },
  {
    id: "status",
    header: t("account.status"),
    enableSorting: false,
    cell: ({ row }) =>
      row.original.disabledAt ? (
        <Badge tone="red">{t("account.disabled")}</Badge>
      ) : row.original.mustChangePassword ? (
        <Badge tone="amber">{t("account.mustChange")}</Badge>
      ) : (
        <Badge tone="green">{t("account.active")}</Badge>
      ),
  },
  {
    id: "lastSignInAt",
    accessorFn: (r) => r.lastSignInAt,
    header: t("account.lastSignIn"),
    enableSorting: true,
    cell: ({ row }) => formatDateTime(row.original.lastSignInAt),
  },
];

export function UserTable(props: { rows: UserRow[]; total: number; page: number; pageSize: number; sort?: string; dir?: "asc" | "desc"; caption: string }) {
  return <DataTable columns={columns} {...props} />;
}
