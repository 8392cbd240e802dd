import { and, eq, isNotNull, or, type AnyColumn, type SQL } from "drizzle-orm";
import { mediaAlbums, mediaItems, publications, units } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { NotFoundError } from "@/lib/auth/errors";
import { holdsPermission, inScope, requirePermission } from "@/lib/auth/guard";
import type { Db } from "@/lib/db";
import { getFileStorage } from "@/lib/files/storage";

/**
 * Files as the file routes serve them. A published item's files are anyone's; an unpublished
 * one's only for editors of its unit (and above), and for everyone else it does not exist.
 */

const EXTENSIONS: Record<string, string> = {
  "application/pdf": "pdf",
  "image/jpeg": "jpg",
  "image/png": "png",
  "image/webp": "webp",
  "image/gif": "gif",
  "video/mp4": "mp4",
};

/** Published, or (for an editor) of a unit in their scope: the condition goes into the WHERE. */
function visibleTo(actor: Actor | null, publishedAt: AnyColumn): SQL {
  if (!holdsPermission(actor, "publication.manage")) return isNotNull(publishedAt);
  return or(isNotNull(publishedAt), inScope(units.path, requirePermission(actor, "publication.manage")))!;
}

export interface ServedFile {
  bytes: Uint8Array;
  mime: string;
  fileName: string;
  /** Published: the response may be cached publicly. */
  isPublic: boolean;
}

export async function readPublicationFile(db: Db, actor: Actor | null, id: string, which: "pdf" | "cover"): Promise<ServedFile> {
  const [row] = await db
    .select({ publication: publications })
    .from(publications)
    .innerJoin(units, eq(units.id, publications.unitId))
    .where(and(eq(publications.id, id), visibleTo(actor, publications.publishedAt)))
    .limit(1);
  if (!row) throw new NotFoundError("publication.notFound");
  const { publication } = row;
  const isPublic = publication.publishedAt !== null;
  const sha256 = which === "pdf" ? publication.pdfSha256 : publication.coverSha256;
  const mime = which === "pdf" ? "application/pdf" : publication.coverMime;
  if (!sha256 || !mime) throw new NotFoundError("publication.notFound");
  const bytes = await getFileStorage().get(sha256);
  if (!bytes) throw new NotFoundError("publication.notFound");
  const fileName = which === "pdf" ? publication.pdfFileName : `${publication.slug}-bia.${EXTENSIONS[mime] ?? "bin"}`;
  return { bytes, mime, fileName, isPublic };
}

export async function readMediaFile(db: Db, actor: Actor | null, itemId: string): Promise<ServedFile> {
  const [row] = await db
    .select({ item: mediaItems, slug: mediaAlbums.slug, publishedAt: mediaAlbums.publishedAt })
    .from(mediaItems)
    .innerJoin(mediaAlbums, eq(mediaAlbums.id, mediaItems.albumId))
    .innerJoin(units, eq(units.id, mediaAlbums.unitId))
    .where(and(eq(mediaItems.id, itemId), visibleTo(actor, mediaAlbums.publishedAt)))
    .limit(1);
  if (!row || !row.item.sha256 || !row.item.mime) throw new NotFoundError("media.itemNotFound");
  const isPublic = row.publishedAt !== null;
  const bytes = await getFileStorage().get(row.item.sha256);
  if (!bytes) throw new NotFoundError("media.itemNotFound");
  return { bytes, mime: row.item.mime, fileName: `${row.slug}-${row.item.position + 1}.${EXTENSIONS[row.item.mime] ?? "bin"}`, isPublic };
}
