import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { getActor } from "@/lib/auth/session";
import { DomainError } from "@/lib/auth/errors";
import { orNotFound } from "@/lib/auth/page-guard";
import { getDb } from "@/lib/db";
import { t } from "@/lib/i18n";
import { todayInVietnam } from "@/lib/i18n/format";
import { listUnitOptions } from "@/lib/org/units";
import { editorialReport, formatMonth, previousMonthOf, type EditorialReport } from "@/lib/portal/report";
import { firstValues, type RawSearchParams } from "@/lib/search-params";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { AuthorTable, CategoryTable, TotalsTable } from "./report-tables";

export const metadata: Metadata = { title: t("report.title") };

// The month goes to the service as typed, so a wrong one gets its message rather than a silent default.
const filters = z.object({
  thang: z.string().trim().max(20).optional().catch(undefined),
  donVi: z.uuid().optional().catch(undefined),
});

/** Every month from the current one back to 01/2000, grouped by year for the picker. */
function monthsByYear(current: string): [string, string[]][] {
  const years = new Map<string, string[]>();
  for (let m = current; m >= "2000-01"; m = previousMonthOf(m)) years.set(m.slice(0, 4), [...(years.get(m.slice(0, 4)) ?? []), m]);
  return [...years];
}

export default async function EditorialReportPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const params = filters.parse(firstValues(await searchParams));
  const currentMonth = todayInVietnam().slice(0, 7);
  const month = params.thang || currentMonth;
  const db = await getDb();
  const actor = await getActor();
  const { units, report, problem } = await orNotFound(async () => {
    const units = await listUnitOptions(db, actor, "article.review");
    try {
      return { units, report: await editorialReport(db, actor, { month, unitId: params.donVi }), problem: null };
    } catch (error) {
      if (error instanceof DomainError && error.code === "invalid") return { units, report: null as EditorialReport | null, problem: t(error.messageKey) };
      throw error;
    }
  });
  const query = new URLSearchParams({ thang: month, ...(params.donVi ? { donVi: params.donVi } : {}) });
  const select = "block w-full rounded-md border border-slate-300 bg-white px-2 py-2 text-sm";
  return (
    <div className="space-y-4">
      <Breadcrumbs items={[{ href: "/lam-viec", label: t("nav.dashboard") }, { href: "/lam-viec/tin-bai", label: t("nav.articles") }, { label: t("report.title") }]} />
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div>
          <h1 className="text-2xl font-bold">{report ? t("report.heading", { month: formatMonth(report.month) }) : t("report.title")}</h1>
          {report && <p className="text-sm text-slate-600">{report.unit?.name ?? t("report.wholeScope")}</p>}
        </div>
        {report && <a href={`/api/tin-bai/bao-cao?${query.toString()}`} className={buttonClass("secondary")} download>{t("report.export")}</a>}
      </div>
      <form method="get" className="grid gap-3 rounded-lg border border-slate-200 bg-white p-3 text-sm sm:grid-cols-3 sm:items-end">
        <label className="space-y-1">
          <span className="block font-medium">{t("report.month")}</span>
          <select name="thang" defaultValue={report ? month : currentMonth} className={select} aria-describedby={problem ? "report-problem" : undefined}>
            {monthsByYear(currentMonth).map(([year, months]) => (
              <optgroup key={year} label={year}>
                {months.map((m) => <option key={m} value={m}>{formatMonth(m)}</option>)}
              </optgroup>
            ))}
          </select>
        </label>
        <label className="space-y-1">
          <span className="block font-medium">{t("report.unit")}</span>
          <select name="donVi" defaultValue={params.donVi ?? ""} className={select}>
            <option value="">{t("report.wholeScope")}</option>
            {units.map((u) => <option key={u.id} value={u.id}>{`${"— ".repeat(u.level)}${u.name}`}</option>)}
          </select>
        </label>
        <div className="flex gap-2">
          <button type="submit" className={buttonClass("secondary")}>{t("report.show")}</button>
          <Link href="/lam-viec/tin-bai/bao-cao" className={buttonClass("ghost")}>{t("common.clear")}</Link>
        </div>
      </form>
      {problem && <div id="report-problem"><Alert tone="error">{problem}</Alert></div>}
      {report && (
        <>
          <TotalsTable report={report} />
          <p className="text-sm text-slate-600">{t("report.medianNote")}</p>
          <CategoryTable report={report} />
          <AuthorTable report={report} />
        </>
      )}
    </div>
  );
}
