import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getActor } from "@/lib/auth/session";
import { orNotFound } from "@/lib/auth/page-guard";
import { getDb } from "@/lib/db";
import { t, type MessageKey } from "@/lib/i18n";
import { listUnitOptions } from "@/lib/org/units";
import { getAlbum } from "@/lib/publications/media";
import { MAX_FILES_PER_UPLOAD, maxFileBytes, maxUploadBytes } from "@/lib/publications/uploads";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { AlbumForm } from "@/components/publications/album-form";
import { MediaItemControls } from "@/components/publications/media-item-controls";
import { MediaUploadForm } from "@/components/publications/media-upload-form";
import { PublishControls } from "@/components/publications/publish-controls";
import { PublishedBadge } from "@/components/publications/status-badge";
import { VideoEmbed } from "@/components/publications/video-embed";
import { VideoLinkForm } from "@/components/publications/video-link-form";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";

export const metadata: Metadata = { title: t("media.editTitle") };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function AlbumWorkspacePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!UUID.test(id)) notFound();
  const db = await getDb();
  const actor = await getActor();
  const { album, unitName, items } = await orNotFound(() => getAlbum(db, actor, id));
  const units = await listUnitOptions(db, actor, "publication.manage");
  const limits = { maxFileBytes: maxFileBytes(), maxUploadBytes: maxUploadBytes(), maxFiles: MAX_FILES_PER_UPLOAD };
  return (
    <div className="space-y-4">
      <Breadcrumbs items={[{ href: "/lam-viec", label: t("nav.dashboard") }, { href: "/lam-viec/an-pham", label: t("nav.publicationsAndMedia") }, { label: album.title }]} />
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="space-y-1">
          <h1 className="text-2xl font-bold">{album.title}</h1>
          <p className="text-sm text-slate-700">{unitName} · <PublishedBadge publishedAt={album.publishedAt} /></p>
        </div>
        <PublishControls subject="album" id={album.id} published={Boolean(album.publishedAt)} />
      </div>
      {album.publishedAt && <Link href={`/thu-vien/${album.slug}`} className={buttonClass("secondary")}>{t("publication.publicPage")}</Link>}
      <Card title={t("media.albumDetails")}>
        <AlbumForm units={units} album={{ id: album.id, unitId: album.unitId, title: album.title, description: album.description, takenOn: album.takenOn ?? "" }} />
      </Card>
      <div className="grid gap-4 lg:grid-cols-2">
        <Card title={t("media.addPhotos")}>
          <MediaUploadForm albumId={album.id} limits={limits} mode="photos" />
        </Card>
        <Card title={t("media.addVideo")}>
          <div className="space-y-6">
            <MediaUploadForm albumId={album.id} limits={limits} mode="video" />
            <VideoLinkForm albumId={album.id} />
          </div>
        </Card>
      </div>
      <Card title={t("media.itemsTitle", { count: items.length })}>
        {items.length === 0 ? (
          <p className="text-sm text-slate-600">{t("media.noItems")}</p>
        ) : (
          <ol className="space-y-4">
            {items.map((item, index) => {
              const label = t("media.itemLabel", { n: index + 1, kind: t(`media.kind.${item.kind}` as MessageKey) });
              return (
                <li key={item.id} className="grid gap-3 border-b border-slate-200 pb-4 sm:grid-cols-[12rem_1fr]" data-item-kind={item.kind}>
                  <div>
                    {item.kind === "photo" && (
                      // eslint-disable-next-line @next/next/no-img-element
                      <img src={`/api/an-pham/anh-video/${item.id}`} alt={item.caption || label} className="max-h-40 w-full rounded object-contain" />
                    )}
                    {item.kind === "video_file" && <video src={`/api/an-pham/anh-video/${item.id}`} controls preload="metadata" className="w-full rounded" />}
                    {item.kind === "video_link" && item.url && <VideoEmbed url={item.url} title={item.caption || label} />}
                  </div>
                  <div className="space-y-1">
                    <p className="text-sm font-medium">{label}</p>
                    <MediaItemControls itemId={item.id} caption={item.caption} label={label} first={index === 0} last={index === items.length - 1} />
                  </div>
                </li>
              );
            })}
          </ol>
        )}
      </Card>
    </div>
  );
}
