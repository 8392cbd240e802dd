import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { publicSettings } from "@/lib/cache/public";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { t } from "@/lib/i18n";
import { formatDate } from "@/lib/i18n/format";
import { listPublicAlbums } from "@/lib/publications/public";
import { firstValues, type RawSearchParams } from "@/lib/search-params";
import { Pager } from "@/components/pager";

export const dynamic = "force-dynamic";

const PAGE_SIZE = 12;

const parsePage = (params: RawSearchParams) => z.coerce.number().int().min(1).max(100_000).catch(1).parse(firstValues(params).page ?? 1);
const listHref = (page: number) => (page > 1 ? `/thu-vien?page=${page}` : "/thu-vien");

export async function generateMetadata({ searchParams }: { searchParams: Promise<RawSearchParams> }): Promise<Metadata> {
  const page = parsePage(await searchParams);
  const settings = await publicSettings();
  const title = t("media.publicTitle");
  return {
    metadataBase: new URL(env().APP_URL),
    title,
    description: t("media.publicIntro"),
    alternates: { canonical: listHref(page) },
    openGraph: { type: "website", title, description: t("media.publicIntro"), url: listHref(page), locale: "vi_VN", siteName: settings?.orgName ?? t("app.name") },
  };
}

export default async function MediaLibraryPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const page = parsePage(await searchParams);
  const { rows, total } = await listPublicAlbums(await getDb(), { page, pageSize: PAGE_SIZE });
  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <h1 className="text-2xl font-bold">{t("media.publicTitle")}</h1>
        <p className="text-slate-700">{t("media.publicIntro")}</p>
      </div>
      {rows.length === 0 ? (
        <p className="text-slate-600">{t("media.publicNone")}</p>
      ) : (
        <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3" data-testid="album-list">
          {rows.map((a) => (
            <li key={a.id} className="overflow-hidden rounded-lg border border-slate-200 bg-white shadow-sm">
              <Link href={`/thu-vien/${a.slug}`} className="group block">
                {a.coverItemId ? (
                  // eslint-disable-next-line @next/next/no-img-element
                  <img src={`/api/an-pham/anh-video/${a.coverItemId}`} alt="" loading="lazy" className="aspect-video w-full object-cover" />
                ) : (
                  <span className="flex aspect-video w-full items-center justify-center bg-slate-800 text-sm text-white" aria-hidden>▶</span>
                )}
                <span className="block space-y-1 p-3">
                  <span className="block font-semibold text-brand-800 group-hover:underline">{a.title}</span>
                  <span className="block text-sm text-slate-700">
                    {[a.takenOn && formatDate(a.takenOn), t("media.counts", { photos: a.photoCount, videos: a.videoCount })].filter(Boolean).join(" · ")}
                  </span>
                  <span className="block text-xs text-slate-600">{a.unitName}</span>
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
      {total > PAGE_SIZE && <Pager page={page} pageSize={PAGE_SIZE} total={total} hrefFor={listHref} />}
    </div>
  );
}
