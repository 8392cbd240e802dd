import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { publicSettings } from "@/lib/cache/public";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { t, type MessageKey } from "@/lib/i18n";
import { KIND_SLUGS, kindFromSlug, listPublicPublications } from "@/lib/publications/public";
import { PUBLICATION_KINDS, type PublicationKind } from "@/lib/publications/schemas";
import { firstValues, type RawSearchParams } from "@/lib/search-params";
import { Pager } from "@/components/pager";

export const dynamic = "force-dynamic";

const PAGE_SIZE = 12;

function parseParams(params: RawSearchParams) {
  const values = firstValues(params);
  return { kind: kindFromSlug(values.loai), page: z.coerce.number().int().min(1).max(100_000).catch(1).parse(values.page ?? 1) };
}

function listHref(kind: PublicationKind | undefined, page = 1) {
  const query = new URLSearchParams();
  if (kind) query.set("loai", KIND_SLUGS[kind]);
  if (page > 1) query.set("page", String(page));
  const text = query.toString();
  return text ? `/an-pham?${text}` : "/an-pham";
}

const heading = (kind: PublicationKind | undefined) => (kind ? t(`publication.kindPlural.${kind}` as MessageKey) : t("publication.publicTitle"));

export async function generateMetadata({ searchParams }: { searchParams: Promise<RawSearchParams> }): Promise<Metadata> {
  const { kind, page } = parseParams(await searchParams);
  const settings = await publicSettings();
  const title = heading(kind);
  const canonical = listHref(kind, page);
  return {
    metadataBase: new URL(env().APP_URL),
    title,
    description: t("publication.publicIntro"),
    alternates: { canonical },
    openGraph: { type: "website", title, description: t("publication.publicIntro"), url: canonical, locale: "vi_VN", siteName: settings?.orgName ?? t("app.name") },
  };
}

export default async function PublicationsPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const { kind, page } = parseParams(await searchParams);
  const { rows, total } = await listPublicPublications(await getDb(), { kind, page, pageSize: PAGE_SIZE });
  const tab = (active: boolean) => `rounded-full border px-3 py-1 text-sm ${active ? "border-brand-700 bg-brand-700 text-white" : "border-slate-300 bg-white hover:bg-slate-100"}`;
  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <h1 className="text-2xl font-bold">{heading(kind)}</h1>
        <p className="text-slate-700">{t("publication.publicIntro")}</p>
      </div>
      <nav aria-label={t("publication.kindFilter")}>
        <ul className="flex flex-wrap gap-2">
          <li><Link href={listHref(undefined)} className={tab(!kind)} aria-current={!kind ? "page" : undefined}>{t("common.all")}</Link></li>
          {PUBLICATION_KINDS.map((k) => (
            <li key={k}>
              <Link href={listHref(k)} className={tab(kind === k)} aria-current={kind === k ? "page" : undefined}>{t(`publication.kindPlural.${k}` as MessageKey)}</Link>
            </li>
          ))}
        </ul>
      </nav>
      {rows.length === 0 ? (
        <p className="text-slate-600">{t("publication.publicNone")}</p>
      ) : (
        <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3" data-testid="publication-list">
          {rows.map((p) => (
            <li key={p.id} className="flex gap-3 rounded-lg border border-slate-200 bg-white p-3 shadow-sm">
              {p.hasCover ? (
                // eslint-disable-next-line @next/next/no-img-element
                <img src={`/api/an-pham/${p.id}/bia`} alt="" width={96} height={136} loading="lazy" className="h-34 w-24 shrink-0 rounded object-cover" />
              ) : (
                <span className="flex h-34 w-24 shrink-0 items-center justify-center rounded bg-brand-50 text-xs font-semibold uppercase text-brand-700" aria-hidden>PDF</span>
              )}
              <div className="min-w-0 space-y-1">
                <h2 className="font-semibold leading-snug">
                  <Link href={`/an-pham/${p.slug}`} className="text-brand-800 hover:underline">{p.title}</Link>
                </h2>
                <p className="text-sm text-slate-700">
                  {[t(`publication.kind.${p.kind}` as MessageKey), p.issueNumber && t("publication.issueShort", { issue: p.issueNumber }), p.year].filter(Boolean).join(" · ")}
                </p>
                <p className="text-xs text-slate-600">{p.unitName}</p>
              </div>
            </li>
          ))}
        </ul>
      )}
      {total > PAGE_SIZE && <Pager page={page} pageSize={PAGE_SIZE} total={total} hrefFor={(p) => listHref(kind, p)} />}
    </div>
  );
}
