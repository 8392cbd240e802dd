import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { memberStatus } from "@/db/schema";
import { getActor } from "@/lib/auth/session";
import { holdsPermission } from "@/lib/auth/guard";
import { orNotFound } from "@/lib/auth/page-guard";
import { getDb } from "@/lib/db";
import { t, type MessageKey } from "@/lib/i18n";
import { formatBirthDate, formatDate, formatNumber, todayInVietnam } from "@/lib/i18n/format";
import { ETHNICITIES } from "@/lib/members/catalogues";
import { memberFilterParams, toMemberQuery } from "@/lib/members/list-params";
import { EVALUATION_LEVELS } from "@/lib/members/schemas";
import { AGE_BANDS, listMembers } from "@/lib/members/service";
import { listUnitOptions } from "@/lib/org/units";
import { parseList, type RawSearchParams } from "@/lib/search-params";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { MemberTable } from "@/components/members/member-table";
import { PrintButton } from "@/components/members/print-button";
import { SearchBox } from "@/components/search-box";
import { buttonClass } from "@/components/ui/button";

export const metadata: Metadata = { title: t("member.title") };

const filters = memberFilterParams.omit({ q: true }).extend({
  sort: z.enum(["name", "birthDate", "joinedOn"]).optional().catch(undefined),
  print: z.enum(["1"]).optional().catch(undefined),
});

export default async function MembersPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const params = parseList(await searchParams, filters);
  const printing = params.print === "1";
  const db = await getDb();
  const actor = await getActor();
  const result = await orNotFound(() =>
    listMembers(db, actor, {
      ...toMemberQuery(params, Number(todayInVietnam().slice(0, 4)) - 1),
      page: printing ? 1 : params.page,
      pageSize: printing ? 2000 : params.size,
      sort: params.sort,
      dir: params.dir,
    }),
  );

  if (printing) {
    return (
      <div className="space-y-3 bg-white p-4 text-sm">
        <div className="no-print"><PrintButton /></div>
        <h1 className="text-xl font-bold">{t("member.printTitle")}</h1>
        <p>{t("member.printedAt", { date: formatDate(todayInVietnam()) })} · {t(result.totalCapped ? "member.countMore" : "member.count", { count: formatNumber(result.total) })}</p>
        <table className="w-full border-collapse text-xs">
          <thead>
            <tr>
              {["STT", t("member.fullName"), t("member.birthDate"), t("member.gender"), t("member.unit"), t("member.nationalId"), t("member.phone"), t("member.status")].map((h) => (
                <th key={h} className="border border-slate-400 px-1 py-1 text-left">{h}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {result.rows.map((r, i) => (
              <tr key={r.id}>
                <td className="border border-slate-300 px-1">{i + 1}</td>
                <td className="border border-slate-300 px-1">{r.fullName}</td>
                <td className="border border-slate-300 px-1">{formatBirthDate(r.birthDate, r.birthYearOnly)}</td>
                <td className="border border-slate-300 px-1">{r.gender ? t(`member.gender.${r.gender}` as MessageKey) : ""}</td>
                <td className="border border-slate-300 px-1">{r.unitName}</td>
                <td className="border border-slate-300 px-1">{r.nationalId}</td>
                <td className="border border-slate-300 px-1">{r.phone}</td>
                <td className="border border-slate-300 px-1">{t(`member.status.${r.status}` as MessageKey)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    );
  }

  const units = await listUnitOptions(db, actor, "member.read");
  const canManage = holdsPermission(actor, "member.manage");
  const current = new URLSearchParams(Object.entries({ ...params, print: "1", page: undefined, size: undefined }).filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)]));
  const select = "block w-full rounded-md border border-slate-300 bg-white px-2 py-2 text-sm";
  return (
    <div className="space-y-4">
      <Breadcrumbs items={[{ href: "/lam-viec", label: t("nav.dashboard") }, { label: t("member.title") }]} />
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-bold">{t("member.title")}</h1>
        <div className="flex flex-wrap gap-2">
          <Link href="/lam-viec/hoi-vien/chuyen-sinh-hoat" className={buttonClass("secondary")}>{t("member.transfers")}</Link>
          <Link href="/lam-viec/hoi-vien/truong-thanh" className={buttonClass("secondary")}>{t("member.turning")}</Link>
          {canManage && <Link href="/lam-viec/hoi-vien/danh-gia" className={buttonClass("secondary")}>{t("member.evaluate")}</Link>}
          <Link href={`/lam-viec/hoi-vien?${current.toString()}`} className={buttonClass("secondary")}>{t("member.print")}</Link>
          <a href={`/api/hoi-vien/xuat?${current.toString()}`} className={buttonClass("secondary")} download>{t("member.export")}</a>
          {canManage && <Link href="/lam-viec/hoi-vien/nhap" className={buttonClass("secondary")}>{t("import.title")}</Link>}
          {canManage && <Link href="/lam-viec/hoi-vien/moi" className={buttonClass()}>{t("member.create")}</Link>}
        </div>
      </div>
      <SearchBox placeholder={t("member.searchPlaceholder")} defaultValue={params.q} />
      <form method="get" className="grid gap-3 rounded-lg border border-slate-200 bg-white p-3 text-sm sm:grid-cols-3 lg:grid-cols-5 lg:items-end">
        {params.q && <input type="hidden" name="q" value={params.q} />}
        {params.batch && <input type="hidden" name="batch" value={params.batch} />}
        <label className="space-y-1 lg:col-span-2">
          <span className="block font-medium">{t("member.unit")}</span>
          <select name="unit" defaultValue={params.unit ?? ""} className={select}>
            <option value="">{t("common.all")}</option>
            {units.map((u) => <option key={u.id} value={u.id}>{`${"— ".repeat(u.level)}${u.name}`}</option>)}
          </select>
        </label>
        <label className="space-y-1">
          <span className="block font-medium">{t("member.status")}</span>
          <select name="status" defaultValue={params.status ?? ""} className={select}>
            <option value="">{t("common.all")}</option>
            {memberStatus.enumValues.map((s) => <option key={s} value={s}>{t(`member.status.${s}` as MessageKey)}</option>)}
          </select>
        </label>
        <label className="space-y-1">
          <span className="block font-medium">{t("member.gender")}</span>
          <select name="gender" defaultValue={params.gender ?? ""} className={select}>
            <option value="">{t("common.all")}</option>
            <option value="male">{t("member.gender.male")}</option>
            <option value="female">{t("member.gender.female")}</option>
          </select>
        </label>
        <label className="space-y-1">
          <span className="block font-medium">{t("member.ageBand")}</span>
          <select name="age" defaultValue={params.age ?? ""} className={select}>
            <option value="">{t("common.all")}</option>
            {Object.keys(AGE_BANDS).map((a) => <option key={a} value={a}>{t(`member.ageBand.${a}` as MessageKey)}</option>)}
          </select>
        </label>
        <label className="space-y-1">
          <span className="block font-medium">{t("member.ethnicity")}</span>
          <select name="ethnicity" defaultValue={params.ethnicity ?? ""} className={select}>
            <option value="">{t("common.all")}</option>
            {ETHNICITIES.map((e) => <option key={e} value={e}>{e}</option>)}
          </select>
        </label>
        <label className="space-y-1">
          <span className="block font-medium">{t("member.joinedYear")}</span>
          <input name="joined" inputMode="numeric" defaultValue={params.joined ?? ""} className={select} />
        </label>
        <label className="space-y-1">
          <span className="block font-medium">{t("member.evaluationYearLabel")}</span>
          <input name="evalYear" inputMode="numeric" defaultValue={params.evalYear ?? ""} className={select} />
        </label>
        <label className="space-y-1">
          <span className="block font-medium">{t("member.evaluation")}</span>
          <select name="eval" defaultValue={params.eval ?? ""} className={select}>
            <option value="">{t("common.all")}</option>
            {EVALUATION_LEVELS.map((l) => <option key={l} value={l}>{t(`member.evaluation.${l}` as MessageKey)}</option>)}
          </select>
        </label>
        <div className="flex gap-2">
          <button type="submit" className={buttonClass("secondary")}>{t("common.filter")}</button>
          <Link href="/lam-viec/hoi-vien" className={buttonClass("ghost")}>{t("common.clear")}</Link>
        </div>
      </form>
      <MemberTable rows={result.rows} total={result.total} totalCapped={result.totalCapped} page={params.page} pageSize={params.size} sort={params.sort} dir={params.dir} caption={t("member.title")} />
    </div>
  );
}
