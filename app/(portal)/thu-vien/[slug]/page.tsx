import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cachedPublic, publicSettings, publicTags } from "@/lib/cache/public";
import { env } from "@/lib/env";
import { t } from "@/lib/i18n";
import { formatDate } from "@/lib/i18n/format";
import { getPublicAlbum } from "@/lib/publications/public";
import { VideoEmbed } from "@/components/publications/video-embed";

// Rendered on its first visit and kept until an album changes (lib/cache/static-pages.ts).
export const revalidate = 3600;
export async function generateStaticParams(): Promise<{ slug: string }[]> {
  return [];
}

const SLUG = /^[a-z0-9-]{1,100}$/;

const load = (slug: string) => (SLUG.test(slug) ? cachedPublic(`album:${slug}`, [publicTags.albums], getPublicAlbum, slug) : Promise.resolve(null));

export async function generateMetadata({ params }: { params: Promise<{ slug: string }> }): Promise<Metadata> {
  const { slug } = await params;
  const album = await load(slug);
  if (!album) return { title: t("error.notFoundTitle") };
  const settings = await publicSettings();
  const url = `/thu-vien/${album.slug}`;
  const description = (album.description || t("media.counts", { photos: album.photos.length, videos: album.videos.length })).slice(0, 300);
  const first = album.photos[0];
  const images = first ? [{ url: `/api/an-pham/anh-video/${first.id}`, alt: first.caption || album.title }] : undefined;
  return {
    metadataBase: new URL(env().APP_URL),
    title: album.title,
    description,
    alternates: { canonical: url },
    openGraph: {
      type: "article",
      title: album.title,
      description,
      url,
      locale: "vi_VN",
      siteName: settings?.orgName ?? t("app.name"),
      publishedTime: album.publishedAt ?? undefined,
      modifiedTime: album.updatedAt,
      images,
    },
    twitter: { card: images ? "summary_large_image" : "summary", title: album.title, description, images: images?.map((i) => i.url) },
  };
}

export default async function AlbumPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const album = await load(slug);
  if (!album) notFound();
  return (
    <article className="space-y-6">
      <p className="text-sm"><Link href="/thu-vien" className="text-brand-700 underline">{t("media.backToList")}</Link></p>
      <header className="space-y-2">
        <h1 className="text-2xl font-bold sm:text-3xl">{album.title}</h1>
        <p className="text-sm text-slate-700">{[album.takenOn && formatDate(album.takenOn), album.unitName].filter(Boolean).join(" · ")}</p>
        {album.description && <p className="whitespace-pre-line text-slate-800">{album.description}</p>}
      </header>
      {album.photos.length > 0 && (
        <section aria-labelledby="anh" className="space-y-3">
          <h2 id="anh" className="text-lg font-semibold">{t("media.photosCount", { count: album.photos.length })}</h2>
          <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3" data-testid="photo-grid">
            {album.photos.map((photo, i) => (
              <li key={photo.id}>
                <figure className="space-y-1">
                  <a href={`/api/an-pham/anh-video/${photo.id}`} target="_blank" rel="noopener">
                    {/* eslint-disable-next-line @next/next/no-img-element */}
                    <img
                      src={`/api/an-pham/anh-video/${photo.id}`}
                      alt={photo.caption || t("media.photoAlt", { n: i + 1, title: album.title })}
                      loading="lazy"
                      className="aspect-[4/3] w-full rounded-md bg-slate-100 object-cover"
                    />
                  </a>
                  {photo.caption && <figcaption className="text-sm text-slate-700">{photo.caption}</figcaption>}
                </figure>
              </li>
            ))}
          </ul>
        </section>
      )}
      {album.videos.length > 0 && (
        <section aria-labelledby="video" className="space-y-3">
          <h2 id="video" className="text-lg font-semibold">{t("media.videosCount", { count: album.videos.length })}</h2>
          <ul className="grid gap-6 lg:grid-cols-2" data-testid="video-list">
            {album.videos.map((video, i) => {
              const title = video.caption || t("media.videoAlt", { n: i + 1, title: album.title });
              return (
                <li key={video.id}>
                  <figure className="space-y-1">
                    {video.kind === "video_file" ? (
                      <video src={`/api/an-pham/anh-video/${video.id}`} controls preload="metadata" className="aspect-video w-full rounded-md bg-black" aria-label={title} />
                    ) : (
                      <VideoEmbed url={video.url!} title={title} />
                    )}
                    {video.caption && <figcaption className="text-sm text-slate-700">{video.caption}</figcaption>}
                  </figure>
                </li>
              );
            })}
          </ul>
        </section>
      )}
    </article>
  );
}
