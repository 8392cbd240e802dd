"use client";

import type { ColumnDef } from "@tanstack/react-table";
import Link from "next/link";
import { t, type MessageKey } from "@/lib/i18n";
import { formatDate } from "@/lib/i18n/format";
import { DataTable } from "@/components/data-table";
import { Badge } from "@/components/ui/card";

export interface DocumentRow {
  id: string;
  numberSymbol: string;
  symbolFlagged: boolean;
  typeName: string;
  issuedOn: string;
  abstract: string;
  issuerName: string;
  unitName: string;
  validity: string;
  confidentiality: string;
  visibility: string;
  published: boolean;
  fileCount: number;
}

const columns: ColumnDef<DocumentRow, unknown>[] = [
  {
    id: "numberSymbol",
    accessorFn: (r) => r.numberSymbol,
    header: t("document.numberSymbol"),
    cell: ({ row }) => (
      <span className="space-y-1">
        <Link href={`/lam-viec/van-ban/${row.original.id}`} className="font-medium text-brand-700 underline">{row.original.numberSymbol}</Link>
        {row.original.symbolFlagged && <span className="block"><Badge tone="amber">{t("document.symbolFlagged")}</Badge></span>}
      </span>
    ),
  },
  { id: "type", header: t("document.type"), enableSorting: false, cell: ({ row }) => row.original.typeName },
  { id: "issuedOn", accessorFn: (r) => r.issuedOn, header: t("document.issuedOn"), cell: ({ row }) => formatDate(row.original.issuedOn) },
  { id: "abstract", header: t("document.abstract"), enableSorting: false, cell: ({ row }) => <span className="line-clamp-3">{row.original.abstract}</span> },
  { id: "issuer", header: t("document.issuer"), enableSorting: false, cell: ({ row }) => row.original.issuerName },
  {
    id: "state",
    header: t("document.state"),
    enableSorting: false,
    cell: ({ row }) => {
      const r = row.original;
      return (
        <span className="flex flex-wrap gap-1">
          {r.confidentiality !== "normal" && <Badge tone="red">{t(`document.confidentiality.${r.confidentiality}` as MessageKey)}</Badge>}
          {r.published ? <Badge tone="green">{t("document.published")}</Badge> : <Badge tone="slate">{t(`document.visibility.${r.visibility}` as MessageKey)}</Badge>}
          {r.validity !== "in_force" && <Badge tone="amber">{t(`document.validity.${r.validity}` as MessageKey)}</Badge>}
          <Badge tone="slate">{t("document.fileCount", { count: r.fileCount })}</Badge>
        </span>
      );
    },
  },
];

export function DocumentTable(props: { rows: DocumentRow[]; total: number; totalCapped?: boolean; page: number; pageSize: number; sort?: string; dir?: "asc" | "desc"; caption: string }) {
  return <DataTable columns={columns} {...props} />;
}
