"use client";

import type { ColumnDef } from "@tanstack/react-table";
import Link from "next/link";
import { DataTable } from "@/components/data-table";
import { formatCell } from "./format";
import type { TableModel, TableRow } from "./tables";

/**
 * The drill-down table: the unit's children with their headline figures, each name a link to
 * the same page for that unit. The shared data table, all rows on one page, in the service's
 * order (by name); `hrefs` are made on the server, which keeps the chosen days in them.
 */
export function ChildrenTable({ model, hrefs }: { model: TableModel; hrefs: Record<string, string> }) {
  const columns: ColumnDef<TableRow, unknown>[] = [
    {
      id: "unit",
      header: model.labelHeader,
      enableSorting: false,
      cell: ({ row }) => {
        const r = row.original;
        const href = r.unitId ? hrefs[r.unitId] : undefined;
        return (
          <span className="flex min-w-52 flex-wrap print:min-w-0 items-center gap-x-2">
            {href ? <Link href={href} className="font-medium text-brand-700 hover:underline">{r.label}</Link> : <span className="font-medium">{r.label}</span>}
            {r.note && <span className="rounded bg-amber-100 px-1.5 text-xs text-amber-900">{r.note}</span>}
          </span>
        );
      },
    },
    ...model.columns.map((c, i): ColumnDef<TableRow, unknown> => ({
      id: `c${i}`,
      header: () => <span className="block text-right">{c.header}</span>,
      enableSorting: false,
      cell: ({ row }) => <span className="block text-right tabular-nums whitespace-nowrap">{formatCell(row.original.values[i] ?? null, c.kind)}</span>,
    })),
  ];
  return <DataTable columns={columns} rows={model.rows} total={model.rows.length} page={1} pageSize={Math.max(1, model.rows.length)} caption={model.caption} />;
}
