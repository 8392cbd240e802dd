import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { getActor } from "@/lib/auth/session";
import { holdsPermission, pathInScope, requirePermission } from "@/lib/auth/guard";
import { orNotFound } from "@/lib/auth/page-guard";
import { getDb } from "@/lib/db";
import { t } from "@/lib/i18n";
import { formatDate } from "@/lib/i18n/format";
import { getSettings } from "@/lib/org/settings";
import { getUnit, listUnitOptions, listUnits } from "@/lib/org/units";
import { parseList, type RawSearchParams } from "@/lib/search-params";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { UnitTable } from "@/components/org/unit-table";
import { SearchBox } from "@/components/search-box";
import { CreateUnitForm, MergeUnitForm, MoveUnitForm, RenameUnitForm } from "@/components/org/unit-forms";
import { Badge, Card } from "@/components/ui/card";

export const metadata: Metadata = { title: t("unit.title") };

export default async function UnitPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<RawSearchParams> }) {
  const { id } = await params;
  if (!z.uuid().safeParse(id).success) notFound();
  const list = parseList(await searchParams, z.object({ dissolved: z.enum(["1"]).optional().catch(undefined) }));
  const showDissolved = list.dissolved === "1";
  const db = await getDb();
  const actor = await getActor();
  const { unit, ancestors, successors, predecessors, accountCount } = await orNotFound(() => getUnit(db, actor, id));
  const children = await listUnits(db, actor, { parentId: unit.id, includeDissolved: showDissolved, page: list.page, pageSize: list.size });
  const settings = await getSettings(db);
  const levelNames = settings?.levelNames ?? [];

  const canManage = holdsPermission(actor, "org.unit.manage") && pathInScope(unit.path, requirePermission(actor, "org.unit.manage"));
  const options = canManage ? await listUnitOptions(db, actor, "org.unit.manage") : [];
  const outsideSubtree = options.filter((o) => o.path !== unit.path && !o.path.startsWith(`${unit.path}.`));
  const active = !unit.activeTo;

  return (
    <div className="space-y-6">
      <Breadcrumbs
        items={[
          { href: "/lam-viec", label: t("nav.dashboard") },
          ...ancestors.map((a) => ({ href: `/lam-viec/don-vi/${a.id}`, label: a.name })),
          { label: unit.name },
        ]}
      />
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-bold">{unit.name}</h1>
          <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-slate-700">
            <code>{unit.code}</code> · {levelNames[unit.level] ?? `${t("unit.level")} ${unit.level}`} · {t("unit.activeFrom")} {formatDate(unit.activeFrom)}
            {unit.activeTo ? <Badge tone="amber">{`${t("unit.dissolved")} ${formatDate(unit.activeTo)}`}</Badge> : <Badge tone="green">{t("unit.active")}</Badge>}
          </p>
          <p className="mt-1 text-sm text-slate-700">
            <Link className="underline" href={`/lam-viec/tai-khoan?unit=${unit.id}`}>{t("unit.accounts")}: {accountCount}</Link>
          </p>
        </div>
        <SearchBox placeholder={t("unit.searchPlaceholder")} target="/lam-viec/don-vi" />
      </div>

      {(successors.length > 0 || predecessors.length > 0) && (
        <Card>
          {successors.length > 0 && (
            <div className="mb-2">
              <h2 className="font-semibold">{t("unit.successors")}</h2>
              <ul className="list-disc pl-5 text-sm">
                {successors.map((s) => (
                  <li key={s.id}><Link className="underline" href={`/lam-viec/don-vi/${s.id}`}>{s.name}</Link> — {formatDate(s.effectiveOn)} {s.note}</li>
                ))}
              </ul>
            </div>
          )}
          {predecessors.length > 0 && (
            <div>
              <h2 className="font-semibold">{t("unit.predecessors")}</h2>
              <ul className="list-disc pl-5 text-sm">
                {predecessors.map((s) => (
                  <li key={s.id}><Link className="underline" href={`/lam-viec/don-vi/${s.id}`}>{s.name}</Link> — {formatDate(s.effectiveOn)} {s.note}</li>
                ))}
              </ul>
            </div>
          )}
        </Card>
      )}

      <section aria-labelledby="truc-thuoc" className="space-y-2">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 id="truc-thuoc" className="text-lg font-semibold">{t("unit.children")}</h2>
          <Link className="text-sm text-brand-700 underline" href={showDissolved ? `/lam-viec/don-vi/${unit.id}` : `/lam-viec/don-vi/${unit.id}?dissolved=1`}>
            {showDissolved ? t("unit.hideDissolved") : t("unit.showDissolved")}
          </Link>
        </div>
        {children.total === 0 ? (
          <p className="text-sm text-slate-600">{t("unit.noChildren")}</p>
        ) : (
          <UnitTable rows={children.rows} total={children.total} page={list.page} pageSize={list.size} caption={t("unit.children")} />
        )}
      </section>

      {canManage && active && (
        <div className="grid gap-4 lg:grid-cols-2">
          {unit.level + 1 < levelNames.length && (
            <Card title={t("unit.create")}>
              <CreateUnitForm parentId={unit.id} levels={levelNames.map((name, level) => ({ level, name })).filter((l) => l.level > unit.level)} />
            </Card>
          )}
          <Card title={t("unit.rename")}>
            <RenameUnitForm id={unit.id} name={unit.name} code={unit.code} />
          </Card>
          {unit.parentId && (
            <Card title={t("unit.move")}>
              <MoveUnitForm id={unit.id} options={outsideSubtree.filter((o) => o.level < unit.level && o.id !== unit.parentId)} />
            </Card>
          )}
          {unit.parentId && (
            <Card title={t("unit.merge")}>
              <MergeUnitForm id={unit.id} options={outsideSubtree} />
            </Card>
          )}
        </div>
      )}
    </div>
  );
}
