import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { getActor } from "@/lib/auth/session";
import { orNotFound } from "@/lib/auth/page-guard";
import { getDb } from "@/lib/db";
import { t, type MessageKey } from "@/lib/i18n";
import { formatDate } from "@/lib/i18n/format";
import { listAlbums } from "@/lib/publications/media";
import { listPublications } from "@/lib/publications/service";
import { firstValues, type RawSearchParams } from "@/lib/search-params";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { Pager } from "@/components/pager";
import { PublishedBadge } from "@/components/publications/status-badge";
import { buttonClass } from "@/components/ui/button";

export const metadata: Metadata = { title: t("nav.publicationsAndMedia") };

const PAGE_SIZE = 20;
const pageParam = z.coerce.number().int().min(1).max(100_000).catch(1);

export default async function PublicationsWorkspacePage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const values = firstValues(await searchParams);
  const page = pageParam.parse(values.page ?? 1);
  const albumPage = pageParam.parse(values.albumPage ?? 1);
  const db = await getDb();
  const actor = await getActor();
  const [publications, albums] = await orNotFound(() =>
    Promise.all([listPublications(db, actor, { page, pageSize: PAGE_SIZE }), listAlbums(db, actor, { page: albumPage, pageSize: PAGE_SIZE })]),
  );
  const href = (next: { page?: number; albumPage?: number }) => `/lam-viec/an-pham?page=${next.page ?? page}&albumPage=${next.albumPage ?? albumPage}`;
  const cell = "px-2 py-2";
  return (
    <div className="space-y-6">
      <Breadcrumbs items={[{ href: "/lam-viec", label: t("nav.dashboard") }, { label: t("nav.publicationsAndMedia") }]} />
      <h1 className="text-2xl font-bold">{t("nav.publicationsAndMedia")}</h1>
      <p className="max-w-3xl text-sm text-slate-700">{t("publication.workspaceIntro")}</p>

      <section aria-labelledby="an-pham" className="space-y-3">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 id="an-pham" className="text-lg font-semibold">{t("publication.listTitle")}</h2>
          <Link href="/lam-viec/an-pham/moi" className={buttonClass()}>{t("publication.create")}</Link>
        </div>
        {publications.total === 0 ? (
          <p className="text-sm text-slate-600">{t("publication.none")}</p>
        ) : (
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="min-w-full text-sm">
              <caption className="sr-only">{t("publication.listTitle")}</caption>
              <thead>
                <tr className="border-b border-slate-300 text-left">
                  <th scope="col" className={cell}><span className="sr-only">{t("publication.cover")}</span></th>
                  <th scope="col" className={cell}>{t("publication.title")}</th>
                  <th scope="col" className={cell}>{t("publication.kind")}</th>
                  <th scope="col" className={cell}>{t("publication.issueAndYear")}</th>
                  <th scope="col" className={cell}>{t("publication.unit")}</th>
                  <th scope="col" className={cell}>{t("common.status")}</th>
                </tr>
              </thead>
              <tbody>
                {publications.rows.map((p) => (
                  <tr key={p.id} className="border-b border-slate-200 align-top">
                    <td className={cell}>
                      {p.coverSha256 ? (
                        // eslint-disable-next-line @next/next/no-img-element
                        <img src={`/api/an-pham/${p.id}/bia`} alt="" width={40} height={56} className="h-14 w-10 rounded object-cover" />
                      ) : (
                        <span className="block h-14 w-10 rounded bg-slate-100" aria-hidden />
                      )}
                    </td>
                    <td className={cell}>
                      <Link href={`/lam-viec/an-pham/${p.id}`} className="font-medium text-brand-700 hover:underline">{p.title}</Link>
                    </td>
                    <td className={cell}>{t(`publication.kind.${p.kind}` as MessageKey)}</td>
                    <td className={cell}>{[p.issueNumber && t("publication.issueShort", { issue: p.issueNumber }), p.year].filter(Boolean).join(" · ")}</td>
                    <td className={cell}>{p.unitName}</td>
                    <td className={cell}><PublishedBadge publishedAt={p.publishedAt} /></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {publications.total > PAGE_SIZE && <Pager page={page} pageSize={PAGE_SIZE} total={publications.total} hrefFor={(p) => href({ page: p })} />}
      </section>

      <section aria-labelledby="album" className="space-y-3">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 id="album" className="text-lg font-semibold">{t("media.listTitle")}</h2>
          <Link href="/lam-viec/an-pham/album/moi" className={buttonClass()}>{t("media.createAlbum")}</Link>
        </div>
        {albums.total === 0 ? (
          <p className="text-sm text-slate-600">{t("media.none")}</p>
        ) : (
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="min-w-full text-sm">
              <caption className="sr-only">{t("media.listTitle")}</caption>
              <thead>
                <tr className="border-b border-slate-300 text-left">
                  <th scope="col" className={cell}><span className="sr-only">{t("media.photos")}</span></th>
                  <th scope="col" className={cell}>{t("media.albumTitle")}</th>
                  <th scope="col" className={cell}>{t("media.takenOn")}</th>
                  <th scope="col" className={cell}>{t("media.itemCount")}</th>
                  <th scope="col" className={cell}>{t("publication.unit")}</th>
                  <th scope="col" className={cell}>{t("common.status")}</th>
                </tr>
              </thead>
              <tbody>
                {albums.rows.map((a) => (
                  <tr key={a.id} className="border-b border-slate-200 align-top">
                    <td className={cell}>
                      {a.coverItemId ? (
                        // eslint-disable-next-line @next/next/no-img-element
                        <img src={`/api/an-pham/anh-video/${a.coverItemId}`} alt="" width={56} height={40} className="h-10 w-14 rounded object-cover" />
                      ) : (
                        <span className="block h-10 w-14 rounded bg-slate-100" aria-hidden />
                      )}
                    </td>
                    <td className={cell}>
                      <Link href={`/lam-viec/an-pham/album/${a.id}`} className="font-medium text-brand-700 hover:underline">{a.title}</Link>
                    </td>
                    <td className={cell}>{formatDate(a.takenOn)}</td>
                    <td className={cell}>{a.itemCount}</td>
                    <td className={cell}>{a.unitName}</td>
                    <td className={cell}><PublishedBadge publishedAt={a.publishedAt} /></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {albums.total > PAGE_SIZE && <Pager page={albumPage} pageSize={PAGE_SIZE} total={albums.total} hrefFor={(p) => href({ albumPage: p })} />}
      </section>
    </div>
  );
}
