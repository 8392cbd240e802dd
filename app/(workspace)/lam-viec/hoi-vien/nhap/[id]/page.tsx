import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { NotFoundError } from "@/lib/auth/errors";
import { getActor } from "@/lib/auth/session";
import { orNotFound } from "@/lib/auth/page-guard";
import { getDb } from "@/lib/db";
import { t } from "@/lib/i18n";
import { formatDateTime, formatNumber } from "@/lib/i18n/format";
import { IMPORT_TARGETS } from "@/lib/members/import/mapping";
import { importMessage } from "@/lib/members/import/messages";
import { getImportBatch } from "@/lib/members/import/service";
import { PREVIEW_FILTERS, type PreviewFilter, previewPage } from "@/lib/members/import/view";
import { type RawSearchParams, firstValues } from "@/lib/search-params";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { MappingForm } from "@/components/members/import/mapping-form";
import { CommitBar, FixRowForm, RowDecision, SkipProblemRows } from "@/components/members/import/preview-controls";
import { Pager } from "@/components/pager";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";

export const metadata: Metadata = { title: t("import.title") };

const PAGE_SIZE = 50;

const targetLabel = (target: string) =>
  target.startsWith("birthDate") && target !== "birthDate" || target.startsWith("gender") && target !== "gender"
    ? t(`import.target.${target}` as "import.target.genderMale")
    : importMessage(`import.field.${target}` as "import.field.fullName");

export default async function ImportBatchPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<RawSearchParams> }) {
  const { id } = await params;
  const values = firstValues(await searchParams);
  const filter = z.enum(PREVIEW_FILTERS).catch("all").parse(values.filter ?? "all") as PreviewFilter;
  const page = z.coerce.number().int().min(1).catch(1).parse(values.page ?? 1);
  const editMapping = values.step === "mapping";
  const db = await getDb();
  const actor = await getActor();
  const validId = z.uuid().safeParse(id).success;
  const { batch, unitName, createdByName, earlier, analysis, layout } = await orNotFound(async () => {
    if (!validId) throw new NotFoundError();
    return getImportBatch(db, actor, id, { preview: editMapping ? "never" : "whenMapped" });
  });
  const base = `/lam-viec/hoi-vien/nhap/${batch.id}`;
  const hrefWith = (changes: Record<string, string | number>) => {
    const q = new URLSearchParams({ filter, page: String(page), ...Object.fromEntries(Object.entries(changes).map(([k, v]) => [k, String(v)])) });
    return `${base}?${q.toString()}`;
  };

  return (
    <div className="space-y-5">
      <Breadcrumbs
        items={[
          { href: "/lam-viec", label: t("nav.dashboard") },
          { href: "/lam-viec/hoi-vien", label: t("member.title") },
          { href: "/lam-viec/hoi-vien/nhap", label: t("import.title") },
          { label: batch.fileName },
        ]}
      />
      <h1 className="text-2xl font-bold">{batch.fileName}</h1>
      <div className="space-y-1 text-sm text-slate-700">
        <p>
          {t("import.fileInfo", { name: batch.fileName, size: `${formatNumber(Math.ceil(batch.fileSize / 1024))} KB` })}
          <code className="break-all font-mono text-xs">{batch.fileHash}</code>
        </p>
        <p>{t("import.fileInfoBy", { by: createdByName ?? "—", when: formatDateTime(batch.createdAt), unit: unitName })}</p>
        {batch.sheetName && <p>{t("import.sheetInfo", { sheet: batch.sheetName, row: batch.headerRow + 1 })}</p>}
        <p>{t("import.col.status")}: <strong>{t(`import.status.${batch.status}`)}</strong></p>
      </div>
      {batch.status === "draft" && earlier[0] && <Alert tone="info">{t("import.earlier", { when: formatDateTime(earlier[0].committedAt) })}</Alert>}

      {batch.status === "committed" && (
        <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
          <h2 className="text-lg font-semibold">{t("import.resultTitle")}</h2>
          <p>
            {t("import.countsLine", { rows: batch.rowCount, created: batch.createdCount, updated: batch.updatedCount, secondary: batch.secondaryCount, skipped: batch.skippedCount })}
          </p>
          <p className="text-sm text-slate-600">{formatDateTime(batch.committedAt)}</p>
          <div className="flex flex-wrap gap-2">
            <Link href={`/lam-viec/hoi-vien?batch=${batch.id}`} className={buttonClass("secondary")}>{t("import.viewMembers")}</Link>
            <Link href="/lam-viec/hoi-vien/nhap" className={buttonClass("ghost")}>{t("import.again")}</Link>
          </div>
        </section>
      )}

      {layout && (!batch.mappingConfirmed || editMapping) && (
        <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
          <h2 className="text-lg font-semibold">{t("import.step.mapping")}</h2>
          <MappingForm
            batchId={batch.id}
            columns={layout.header.columns
              .filter((c) => !c.isIndex)
              .map((c) => ({ index: c.index, letter: c.letter, label: c.label, samples: layout.samples[c.index] ?? [], target: layout.mapping[c.index] ?? null }))}
            targets={IMPORT_TARGETS.map((target) => ({ value: target, label: targetLabel(target) }))}
          />
        </section>
      )}

      {analysis && batch.mappingConfirmed && !editMapping && (
        <Preview batchId={batch.id} analysis={analysis} filter={filter} page={page} hrefWith={hrefWith} base={base} />
      )}
    </div>
  );
}

function Preview({
  batchId,
  analysis,
  filter,
  page,
  hrefWith,
  base,
}: {
  batchId: string;
  analysis: NonNullable<Awaited<ReturnType<typeof getImportBatch>>["analysis"]>;
  filter: PreviewFilter;
  page: number;
  hrefWith: (changes: Record<string, string | number>) => string;
  base: string;
}) {
  const view = previewPage(analysis, filter, page, PAGE_SIZE);
  const { counts } = analysis;
  return (
    <section className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 className="text-lg font-semibold">{t("import.step.preview")}</h2>
        <Link href={`${base}?step=mapping`} className={buttonClass("ghost")}>{t("import.mappingEdit")}</Link>
      </div>
      <p className="text-sm" aria-live="polite">{t("import.summary", counts)}</p>
      {analysis.sheet.skippedRows.length > 0 && <p className="text-sm text-slate-600">{t("import.skippedSections", { count: analysis.sheet.skippedRows.length })}</p>}
      {counts.blocked > 0 ? <Alert tone="error">{t("import.blockedNote", { count: counts.blocked })}</Alert> : <Alert tone="success">{t("import.readyNote")}</Alert>}
      <SkipProblemRows batchId={batchId} rowNumbers={view.problemRows} />
      <nav aria-label={t("import.filterLabel")} className="flex flex-wrap gap-2 text-sm">
        {PREVIEW_FILTERS.map((f) => (
          <Link
            key={f}
            href={hrefWith({ filter: f, page: 1 })}
            aria-current={f === filter ? "page" : undefined}
            className={`rounded-full border px-3 py-1 ${f === filter ? "border-brand-700 bg-brand-700 text-white" : "border-slate-300 bg-white"}`}
          >
            {t(`import.filter.${f}`)}
          </Link>
        ))}
      </nav>
      {view.total === 0 ? (
        <p className="text-sm text-slate-600">{t("import.noRowsInFilter")}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="min-w-full text-sm">
            <caption className="sr-only">{t("import.step.preview")}</caption>
            <thead>
              <tr className="border-b border-slate-300 text-left">
                <th scope="col" className="px-2 py-2">{t("import.col.row")}</th>
                <th scope="col" className="px-2 py-2">{t("import.col.person")}</th>
                <th scope="col" className="px-2 py-2">{t("import.col.unit")}</th>
                <th scope="col" className="px-2 py-2">{t("import.col.issues")}</th>
                <th scope="col" className="px-2 py-2">{t("import.col.decision")}</th>
              </tr>
            </thead>
            <tbody>
              {view.rows.map((row) => (
                <tr key={row.rowNumber} className={`border-b border-slate-200 align-top ${row.problems.length > 0 && row.decision !== "skip" ? "bg-red-50" : ""}`} data-row={row.rowNumber}>
                  <th scope="row" className="px-2 py-2 text-left font-mono">
                    {row.rowNumber}
                    {row.fixed && <span className="ml-1 rounded bg-slate-200 px-1 text-xs font-normal">{t("import.fixed")}</span>}
                  </th>
                  <td className="px-2 py-2">
                    <div className="font-medium">{row.fullName || "—"}</div>
                    <div className="text-slate-600">{row.birth}</div>
                    {row.nationalId && <div className="font-mono text-xs text-slate-600">{row.nationalId}</div>}
                  </td>
                  <td className="px-2 py-2">{row.unitName ?? "—"}</td>
                  <td className="px-2 py-2">
                    <ul className="space-y-1">
                      {row.problems.map((p, i) => <li key={`p${i}`} className="text-red-700">{p.text}</li>)}
                      {row.warnings.map((w, i) => <li key={`w${i}`} className="text-amber-800">{w}</li>)}
                      {row.match && (
                        <li className="text-slate-800">
                          {row.match.memberId ? <Link href={`/lam-viec/hoi-vien/${row.match.memberId}`} className="underline">{row.match.text}</Link> : row.match.text}
                        </li>
                      )}
                    </ul>
                    <FixRowForm
                      batchId={batchId}
                      rowNumber={row.rowNumber}
                      fields={row.fields}
                      problems={Object.fromEntries(row.problems.map((p) => [p.field, p.message]))}
                    />
                  </td>
                  <td className="px-2 py-2">
                    <RowDecision key={`${row.rowNumber}-${row.decision}`} batchId={batchId} rowNumber={row.rowNumber} decision={row.decision} options={row.options} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager page={page} pageSize={PAGE_SIZE} total={view.total} hrefFor={(p) => hrefWith({ page: p })} />
      <h3 className="font-semibold">{t("import.step.commit")}</h3>
      <CommitBar batchId={batchId} blocked={counts.blocked} confirmText={t("import.commitConfirm", counts)} />
    </section>
  );
}
