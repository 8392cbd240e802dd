import type { Metadata } from "next";
import { z } from "zod";
import { getActor } from "@/lib/auth/session";
import { holdsPermission } from "@/lib/auth/guard";
import { orNotFound } from "@/lib/auth/page-guard";
import { getDb } from "@/lib/db";
import { t } from "@/lib/i18n";
import { formatDate, todayInVietnam } from "@/lib/i18n/format";
import { listTurningAge } from "@/lib/members/lifecycle";
import { type RawSearchParams, firstValues } from "@/lib/search-params";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { MatureOutList } from "@/components/members/lifecycle-forms";

export const metadata: Metadata = { title: t("member.turning") };

export default async function TurningThirtyPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const thisYear = Number(todayInVietnam().slice(0, 4));
  const year = z.coerce.number().int().min(1990).max(2100).catch(thisYear).parse(firstValues(await searchParams).year ?? thisYear);
  const actor = await getActor();
  const list = await orNotFound(async () => listTurningAge(await getDb(), actor, { year }));
  return (
    <div className="space-y-4">
      <Breadcrumbs items={[{ href: "/lam-viec", label: t("nav.dashboard") }, { href: "/lam-viec/hoi-vien", label: t("member.title") }, { label: t("member.turning") }]} />
      <h1 className="text-2xl font-bold">{t("member.turning")}</h1>
      <p className="text-sm text-slate-700">{t("member.turningIntro", { year })}</p>
      {list.length === 0 ? (
        <p className="text-sm text-slate-600">{t("common.noRows")}</p>
      ) : holdsPermission(actor, "member.manage") ? (
        <MatureOutList members={list} year={year} />
      ) : (
        <ul className="text-sm">{list.map((m) => <li key={m.id}>{m.fullName} · {formatDate(m.birthDate)} · {m.unitName}</li>)}</ul>
      )}
    </div>
  );
}
