import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { DomainError } from "@/lib/auth/errors";
import { orNotFound } from "@/lib/auth/page-guard";
import { getActor } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { t } from "@/lib/i18n";
import { formatDate, todayInVietnam } from "@/lib/i18n/format";
import type { RawSearchParams } from "@/lib/search-params";
import { unitActivity } from "@/lib/stats/activity";
import { statsDashboard } from "@/lib/stats/dashboard";
import type { ActivityFigures, Dashboard } from "@/lib/stats/types";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { ChildrenTable } from "@/components/stats/children-table";
import { StatsDateForm } from "@/components/stats/date-form";
import { ActivitySection, EvaluationSection, FlowSection } from "@/components/stats/flow-sections";
import { BreakdownSection, Headline, QualitySection, SectionHeading } from "@/components/stats/member-sections";
import { PrintButton } from "@/components/stats/print-button";
import { DATE_FIELDS, parseStatsParams, statsHref, type DateField } from "@/components/stats/query";
import { childrenTable } from "@/components/stats/tables";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/card";
import "./print.css";

export const metadata: Metadata = { title: t("statsPage.title") };

const CONTENTS = [
  ["co-cau", "statsPage.section.breakdowns"],
  ["bien-dong", "statsPage.section.flows"],
  ["danh-gia", "statsPage.section.evaluations"],
  ["chat-luong", "statsPage.section.quality"],
  ["don-vi-truc-thuoc", "statsPage.section.children"],
  ["hoat-dong", "statsPage.section.activity"],
] as const;

type Loaded = { dashboard: Dashboard; activity: ActivityFigures } | { refused: DomainError };

/**
 * The leadership statistics of one unit (its whole subtree): `?don-vi=…&ngay=…&tu=…&den=…`.
 * The services check the permission and the scope: a unit the user may not see is "not found";
 * a day they refuse (in the future, a reversed period) is named under its field.
 */
export default async function StatsPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const params = parseStatsParams(await searchParams);
  if (params.badUnit) notFound();
  const errors: Partial<Record<DateField, string>> = Object.fromEntries(Object.entries(params.fieldErrors).map(([f, key]) => [f, t(key)]));
  const loaded = Object.keys(errors).length > 0 ? null : await load(params.query);
  let problem: string | null = null;
  if (loaded && "refused" in loaded) {
    for (const [field, key] of Object.entries(loaded.refused.fieldErrors)) if (field in DATE_FIELDS) errors[field as DateField] = t(key);
    if (Object.keys(errors).length === 0) problem = t(loaded.refused.messageKey);
  }
  const data = loaded && "dashboard" in loaded ? loaded : null;
  const d = data?.dashboard;
  const hrefFor = (unitId: string) => statsHref(params.typed, unitId);

  return (
    <div className="space-y-6 print:space-y-4" data-stats-page>
      <Breadcrumbs
        items={[
          { href: "/lam-viec", label: t("nav.dashboard") },
          ...(d ? [...d.breadcrumb.map((u) => ({ href: hrefFor(u.id), label: u.name })), { label: d.unit.name }] : [{ label: t("statsPage.title") }]),
        ]}
      />
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="space-y-1">
          <p className="text-sm font-medium uppercase tracking-wide text-brand-700">{t("statsPage.eyebrow")}</p>
          <h1 className="text-2xl font-bold">{d ? d.unit.name : t("statsPage.title")}</h1>
          {d && (
            <p className="text-sm text-slate-700">
              {t("statsPage.asOfLine", { date: formatDate(d.figures.asOf), lastYear: formatDate(d.figures.lastYearAsOf), from: formatDate(d.flows.from), to: formatDate(d.flows.to) })}
            </p>
          )}
          {d?.unit.activeTo && <Badge tone="amber">{t("statsPage.dissolvedNote", { date: formatDate(d.unit.activeTo) })}</Badge>}
          <p className="hidden text-xs text-slate-600 print:block">{t("statsPage.printedAt", { date: formatDate(todayInVietnam()) })}</p>
        </div>
        {d && (
          <div className="flex flex-wrap gap-2 print:hidden">
            <a href={statsHref(params.typed, d.unit.id, "/api/thong-ke/xlsx")} download className="inline-flex min-h-10 items-center justify-center rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-800 hover:bg-slate-100">
              {t("statsPage.export")}
            </a>
            <PrintButton label={t("statsPage.print")} />
          </div>
        )}
      </div>
      <StatsDateForm unitId={params.query.unitId} typed={params.typed} errors={errors} />
      {problem && <Alert tone="error">{problem}</Alert>}
      {d && (
        <>
          <nav aria-label={t("statsPage.form.title")} className="print:hidden">
            <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
              {CONTENTS.map(([id, key]) => (
                <li key={id}><a href={`#${id}`} className="text-brand-700 hover:underline">{t(key)}</a></li>
              ))}
            </ul>
          </nav>
          <Headline d={d} />
          <BreakdownSection d={d} />
          <FlowSection d={d} />
          <EvaluationSection d={d} />
          <QualitySection d={d} />
          <section className="space-y-3" aria-labelledby="don-vi-truc-thuoc">
            <SectionHeading id="don-vi-truc-thuoc" title={t("statsPage.section.children")} note={t("statsPage.section.childrenNote")} />
            {d.children.length > 0 ? (
              <ChildrenTable model={childrenTable(d)} hrefs={Object.fromEntries(d.children.map((c) => [c.unit.id, hrefFor(c.unit.id)]))} />
            ) : (
              <p className="rounded-lg border border-slate-200 bg-white p-4 text-sm text-slate-700">{t("statsPage.noChildren")}</p>
            )}
          </section>
          <ActivitySection a={data.activity} hrefFor={hrefFor} />
        </>
      )}
    </div>
  );
}

/** The dashboard, then the activity of the same unit and period; a refused day comes back to be shown, not thrown. */
async function load(query: Parameters<typeof statsDashboard>[2]): Promise<Loaded> {
  const db = await getDb();
  const actor = await getActor();
  return orNotFound(async () => {
    let dashboard: Dashboard;
    try {
      dashboard = await statsDashboard(db, actor, query);
    } catch (error) {
      if (error instanceof DomainError && error.code === "invalid") return { refused: error };
      throw error;
    }
    const activity = await unitActivity(db, actor, { unitId: dashboard.unit.id, from: dashboard.flows.from, to: dashboard.flows.to });
    return { dashboard, activity };
  });
}
