import type { Metadata } from "next";
import { z } from "zod";
import { getActor } from "@/lib/auth/session";
import { orNotFound } from "@/lib/auth/page-guard";
import { getDb } from "@/lib/db";
import { t } from "@/lib/i18n";
import { todayInVietnam } from "@/lib/i18n/format";
import { listEvaluationSheet } from "@/lib/members/lifecycle";
import { listUnitOptions } from "@/lib/org/units";
import { type RawSearchParams, firstValues } from "@/lib/search-params";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { EvaluationSheet } from "@/components/members/lifecycle-forms";
import { buttonClass } from "@/components/ui/button";

export const metadata: Metadata = { title: t("member.evaluate") };

export default async function EvaluationPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const values = firstValues(await searchParams);
  const lastYear = Number(todayInVietnam().slice(0, 4)) - 1;
  const year = z.coerce.number().int().min(1990).max(2100).catch(lastYear).parse(values.year ?? lastYear);
  const unitId = z.uuid().optional().catch(undefined).parse(values.unit);
  const db = await getDb();
  const actor = await getActor();
  const units_ = await orNotFound(() => listUnitOptions(db, actor, "member.manage"));
  const sheet = unitId ? await orNotFound(() => listEvaluationSheet(db, actor, { unitId, year })) : null;
  const select = "rounded-md border border-slate-300 bg-white px-2 py-2 text-sm";
  return (
    <div className="space-y-4">
      <Breadcrumbs items={[{ href: "/lam-viec", label: t("nav.dashboard") }, { href: "/lam-viec/hoi-vien", label: t("member.title") }, { label: t("member.evaluate") }]} />
      <h1 className="text-2xl font-bold">{t("member.evaluate")}</h1>
      <form method="get" className="flex flex-wrap items-end gap-3 text-sm">
        <label className="space-y-1">
          <span className="block font-medium">{t("member.unit")}</span>
          <select name="unit" defaultValue={unitId ?? ""} className={select}>
            <option value="">—</option>
            {units_.map((u) => <option key={u.id} value={u.id}>{`${"— ".repeat(u.level)}${u.name}`}</option>)}
          </select>
        </label>
        <label className="space-y-1">
          <span className="block font-medium">{t("member.evaluationYearLabel")}</span>
          <input name="year" defaultValue={year} inputMode="numeric" className={select} />
        </label>
        <button type="submit" className={buttonClass("secondary")}>{t("common.filter")}</button>
      </form>
      {sheet && (sheet.length === 0 ? <p className="text-sm text-slate-600">{t("member.noneInUnit")}</p> : (
        <>
          <p className="text-sm text-slate-700">{t("member.evaluateIntro")}</p>
          <EvaluationSheet key={`${unitId}-${year}`} unitId={unitId!} year={year} members={sheet} />
        </>
      ))}
    </div>
  );
}
