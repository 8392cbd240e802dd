import Link from "next/link";
import { redirect } from "next/navigation";
import { getActor } from "@/lib/auth/session";
import { t } from "@/lib/i18n";
import { SkipLink } from "@/components/layout/skip-link";
import { SignOutButton } from "@/components/layout/sign-out-button";
import { UnitSwitcher } from "@/components/layout/unit-switcher";
import { workspaceNav } from "@/components/layout/workspace-nav";

export default async function WorkspaceLayout({ children }: { children: React.ReactNode }) {
  const actor = await getActor();
  if (!actor) redirect("/dang-nhap?callbackUrl=/lam-viec");
  if (actor.mustChangePassword) redirect("/doi-mat-khau");
  const nav = workspaceNav(actor);
  const units = [...new Map(actor.assignments.map((a) => [a.unitId, { id: a.unitId, name: a.unitName }])).values()];
  const links = (
    <ul className="flex flex-col gap-1 text-sm">
      {nav.map((item) => (
        <li key={item.href}>
          <Link href={item.href} className="block rounded-md px-3 py-2 text-slate-800 hover:bg-slate-100">
            {t(item.label)}
          </Link>
        </li>
      ))}
    </ul>
  );
  return (
    <div className="flex min-h-screen flex-col">
      <SkipLink />
      <header className="bg-brand-700 text-white">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-3 px-4 py-3">
          <Link href="/lam-viec" className="flex items-center gap-2 font-bold">
            {/* eslint-disable-next-line @next/next/no-img-element */}
            <img src="/emblem.svg" alt="" width={32} height={32} />
            <span>{t("app.name")}</span>
          </Link>
          <div className="flex flex-wrap items-center gap-3">
            {units.length > 1 ? (
              <UnitSwitcher units={units} activeUnitId={actor.activeUnitId} />
            ) : (
              <span className="text-sm text-brand-100">{units[0]?.name}</span>
            )}
            <span className="text-sm" data-testid="signed-in-user">{actor.fullName}</span>
            <SignOutButton />
          </div>
        </div>
      </header>
      <div className="mx-auto flex w-full max-w-7xl flex-1 flex-col gap-4 px-4 py-4 md:flex-row">
        <nav aria-label={t("nav.workspace")} className="no-print md:w-56 md:shrink-0">
          <details className="rounded-lg border border-slate-200 bg-white md:hidden">
            <summary className="cursor-pointer px-3 py-2 text-sm font-medium">{t("nav.menu")}</summary>
            <div className="p-2">{links}</div>
          </details>
          <div className="hidden rounded-lg border border-slate-200 bg-white p-2 md:block">{links}</div>
        </nav>
        <main id="noi-dung" className="min-w-0 flex-1">
          {children}
        </main>
      </div>
    </div>
  );
}
