import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { getActor } from "@/lib/auth/session";
import { orNotFound } from "@/lib/auth/page-guard";
import { getDb } from "@/lib/db";
import { t } from "@/lib/i18n";
import { formatDateTime } from "@/lib/i18n/format";
import { DEFAULT_MAX_BYTES } from "@/lib/members/import/read";
import { listImportBatches } from "@/lib/members/import/service";
import { listUnitOptions } from "@/lib/org/units";
import { type RawSearchParams, firstValues } from "@/lib/search-params";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { ImportUploadForm } from "@/components/members/import/upload-form";
import { Pager } from "@/components/pager";
import { buttonClass } from "@/components/ui/button";

export const metadata: Metadata = { title: t("import.title") };

const PAGE_SIZE = 20;

export default async function ImportPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const values = firstValues(await searchParams);
  const page = z.coerce.number().int().min(1).catch(1).parse(values.page ?? 1);
  const db = await getDb();
  const actor = await getActor();
  const unitOptions = await orNotFound(() => listUnitOptions(db, actor, "member.manage"));
  const batches = await listImportBatches(db, actor, { page, pageSize: PAGE_SIZE });
  return (
    <div className="space-y-6">
      <Breadcrumbs items={[{ href: "/lam-viec", label: t("nav.dashboard") }, { href: "/lam-viec/hoi-vien", label: t("member.title") }, { label: t("import.title") }]} />
      <h1 className="text-2xl font-bold">{t("import.title")}</h1>
      <p className="max-w-3xl text-sm text-slate-700">{t("import.intro")}</p>
      <section className="space-y-2 rounded-lg border border-slate-200 bg-white p-4">
        <p className="text-sm text-slate-700">{t("import.templateHint")}</p>
        <a href="/api/hoi-vien/mau" className={buttonClass("secondary")} download>{t("import.template")}</a>
      </section>
      <section className="rounded-lg border border-slate-200 bg-white p-4">
        <ImportUploadForm units={unitOptions.map((u) => ({ id: u.id, name: u.name, level: u.level }))} maxBytes={DEFAULT_MAX_BYTES} maxRows={100_000} />
      </section>
      <section className="space-y-2">
        <h2 className="text-lg font-semibold">{t("import.batches")}</h2>
        {batches.total === 0 ? (
          <p className="text-sm text-slate-600">{t("import.noBatches")}</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="min-w-full text-sm">
              <caption className="sr-only">{t("import.batches")}</caption>
              <thead>
                <tr className="border-b border-slate-300 text-left">
                  <th scope="col" className="px-2 py-2">{t("import.col.when")}</th>
                  <th scope="col" className="px-2 py-2">{t("import.col.file")}</th>
                  <th scope="col" className="px-2 py-2">{t("import.col.unit")}</th>
                  <th scope="col" className="px-2 py-2">{t("import.col.by")}</th>
                  <th scope="col" className="px-2 py-2">{t("import.col.status")}</th>
                  <th scope="col" className="px-2 py-2">{t("import.col.counts")}</th>
                </tr>
              </thead>
              <tbody>
                {batches.rows.map((b) => (
                  <tr key={b.id} className="border-b border-slate-200 align-top">
                    <td className="whitespace-nowrap px-2 py-2">{formatDateTime(b.createdAt)}</td>
                    <td className="px-2 py-2">
                      <Link href={`/lam-viec/hoi-vien/nhap/${b.id}`} className="text-brand-700 underline">{b.fileName}</Link>
                      <div className="font-mono text-xs text-slate-500" title={b.fileHash}>{b.fileHash.slice(0, 12)}…</div>
                    </td>
                    <td className="px-2 py-2">{b.unitName}</td>
                    <td className="px-2 py-2">{b.createdByName ?? "—"}</td>
                    <td className="px-2 py-2">{t(`import.status.${b.status}`)}</td>
                    <td className="px-2 py-2">
                      {b.status === "committed"
                        ? t("import.countsLine", { rows: b.rowCount, created: b.createdCount, updated: b.updatedCount, secondary: b.secondaryCount, skipped: b.skippedCount })
                        : "—"}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {batches.total > 0 && <Pager page={page} pageSize={PAGE_SIZE} total={batches.total} hrefFor={(p) => `/lam-viec/hoi-vien/nhap?page=${p}`} />}
      </section>
    </div>
  );
}
