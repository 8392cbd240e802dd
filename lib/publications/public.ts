import { and, asc, desc, eq, isNotNull, sql, type SQL } from "drizzle-orm";
import { mediaAlbums, mediaItems, publications, units } from "@/db/schema";
import type { Db } from "@/lib/db";
import type { PublicationKind } from "./schemas";
import { isAllowedEmbedUrl } from "./video-links";

/**
 * What citizens read. Every query here starts from "published", so an unpublished publication or
 * album cannot reach a page, the sitemap or a listing.
 */

/** The kind filter in public addresses: /an-pham?loai=ban-tin. */
export const KIND_SLUGS = { newsletter: "ban-tin", book: "sach" } as const satisfies Record<PublicationKind, string>;

export function kindFromSlug(slug: string | undefined): PublicationKind | undefined {
  return (Object.keys(KIND_SLUGS) as PublicationKind[]).find((kind) => KIND_SLUGS[kind] === slug);
}

const publishedPublication = isNotNull(publications.publishedAt);
const publishedAlbum = isNotNull(mediaAlbums.publishedAt);

export async function listPublicPublications(db: Db, query: { page: number; pageSize: number; kind?: PublicationKind }) {
  const filters: SQL[] = [publishedPublication];
  if (query.kind) filters.push(eq(publications.kind, query.kind));
  const where = and(...filters);
  const [rows, [{ total } = { total: 0 }]] = await Promise.all([
    db
      .select({
        id: publications.id,
        kind: publications.kind,
        title: publications.title,
        slug: publications.slug,
        issueNumber: publications.issueNumber,
        year: publications.year,
        description: publications.description,
        hasCover: sql<boolean>`${publications.coverSha256} is not null`,
        publishedAt: publications.publishedAt,
        unitName: units.name,
      })
      .from(publications)
      .innerJoin(units, eq(units.id, publications.unitId))
      .where(where)
      .orderBy(desc(publications.year), desc(publications.publishedAt), desc(publications.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ total: sql<number>`count(*)::int` }).from(publications).where(where),
  ]);
  return { rows, total };
}

export async function getPublicPublication(db: Db, slug: string) {
  const [row] = await db
    .select({
      id: publications.id,
      kind: publications.kind,
      title: publications.title,
      slug: publications.slug,
      issueNumber: publications.issueNumber,
      year: publications.year,
      description: publications.description,
      pdfSha256: publications.pdfSha256,
      pdfFileName: publications.pdfFileName,
      pdfSize: publications.pdfSize,
      verificationCode: publications.verificationCode,
      hasCover: sql<boolean>`${publications.coverSha256} is not null`,
      publishedAt: publications.publishedAt,
      updatedAt: publications.updatedAt,
      unitName: units.name,
    })
    .from(publications)
    .innerJoin(units, eq(units.id, publications.unitId))
    .where(and(eq(publications.slug, slug), publishedPublication))
    .limit(1);
  return row ?? null;
}

export async function listPublicAlbums(db: Db, query: { page: number; pageSize: number }) {
  const [rows, [{ total } = { total: 0 }]] = await Promise.all([
    db
      .select({
        id: mediaAlbums.id,
        title: mediaAlbums.title,
        slug: mediaAlbums.slug,
        description: mediaAlbums.description,
        takenOn: mediaAlbums.takenOn,
        publishedAt: mediaAlbums.publishedAt,
        unitName: units.name,
        photoCount: sql<number>`(select count(*)::int from ${mediaItems} i where i.album_id = ${mediaAlbums.id} and i.kind = 'photo')`,
        videoCount: sql<number>`(select count(*)::int from ${mediaItems} i where i.album_id = ${mediaAlbums.id} and i.kind <> 'photo')`,
        coverItemId: sql<string | null>`(select i.id from ${mediaItems} i where i.album_id = ${mediaAlbums.id} and i.kind = 'photo' order by i.position, i.created_at, i.id limit 1)`,
      })
      .from(mediaAlbums)
      .innerJoin(units, eq(units.id, mediaAlbums.unitId))
      .where(publishedAlbum)
      .orderBy(sql`coalesce(${mediaAlbums.takenOn}, (${mediaAlbums.publishedAt} at time zone 'Asia/Ho_Chi_Minh')::date) desc`, desc(mediaAlbums.publishedAt), desc(mediaAlbums.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ total: sql<number>`count(*)::int` }).from(mediaAlbums).where(publishedAlbum),
  ]);
  return { rows, total };
}

export async function getPublicAlbum(db: Db, slug: string) {
  const [album] = await db
    .select({
      id: mediaAlbums.id,
      title: mediaAlbums.title,
      slug: mediaAlbums.slug,
      description: mediaAlbums.description,
      takenOn: mediaAlbums.takenOn,
      publishedAt: mediaAlbums.publishedAt,
      updatedAt: mediaAlbums.updatedAt,
      unitName: units.name,
    })
    .from(mediaAlbums)
    .innerJoin(units, eq(units.id, mediaAlbums.unitId))
    .where(and(eq(mediaAlbums.slug, slug), publishedAlbum))
    .limit(1);
  if (!album) return null;
  const items = await db
    .select({ id: mediaItems.id, kind: mediaItems.kind, mime: mediaItems.mime, url: mediaItems.url, caption: mediaItems.caption })
    .from(mediaItems)
    .where(eq(mediaItems.albumId, album.id))
    .orderBy(asc(mediaItems.position), asc(mediaItems.createdAt), asc(mediaItems.id));
  return {
    ...album,
    photos: items.filter((i) => i.kind === "photo"),
    // A stored link is checked again before it reaches an <iframe>.
    videos: items.filter((i) => i.kind === "video_file" || (i.kind === "video_link" && i.url !== null && isAllowedEmbedUrl(i.url))),
  };
}

/** Paths (not full URLs) of every published publication and album, for the sitemap. */
export async function publicationSitemapEntries(db: Db): Promise<{ url: string; lastModified: Date }[]> {
  const [pubs, albums] = await Promise.all([
    db.select({ slug: publications.slug, updatedAt: publications.updatedAt }).from(publications).where(publishedPublication).orderBy(desc(publications.updatedAt)),
    db.select({ slug: mediaAlbums.slug, updatedAt: mediaAlbums.updatedAt }).from(mediaAlbums).where(publishedAlbum).orderBy(desc(mediaAlbums.updatedAt)),
  ]);
  return [
    ...pubs.map((p) => ({ url: `/an-pham/${p.slug}`, lastModified: p.updatedAt })),
    ...albums.map((a) => ({ url: `/thu-vien/${a.slug}`, lastModified: a.updatedAt })),
  ];
}
