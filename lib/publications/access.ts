import { and, eq } from "drizzle-orm";
import { mediaAlbums, mediaItems, publications, units, type MediaAlbum, type MediaItem, type Publication } from "@/db/schema";
import { NotFoundError } from "@/lib/auth/errors";
import { inScope, type Scope } from "@/lib/auth/guard";
import type { Db } from "@/lib/db";

/** A publication of a unit in the scope; any other reads as "not found". */
export async function findPublicationInScope(db: Db, id: string, scope: Scope, options: { forUpdate?: boolean } = {}) {
  const query = db
    .select({ publication: publications, unitName: units.name, unitPath: units.path })
    .from(publications)
    .innerJoin(units, eq(units.id, publications.unitId))
    .where(and(eq(publications.id, id), inScope(units.path, scope)))
    .limit(1);
  const [row] = options.forUpdate ? await query.for("update", { of: publications }) : await query;
  if (!row) throw new NotFoundError("publication.notFound");
  return row as { publication: Publication; unitName: string; unitPath: string };
}

/** An album of a unit in the scope; any other reads as "not found". */
export async function findAlbumInScope(db: Db, id: string, scope: Scope, options: { forUpdate?: boolean } = {}) {
  const query = db
    .select({ album: mediaAlbums, unitName: units.name, unitPath: units.path })
    .from(mediaAlbums)
    .innerJoin(units, eq(units.id, mediaAlbums.unitId))
    .where(and(eq(mediaAlbums.id, id), inScope(units.path, scope)))
    .limit(1);
  const [row] = options.forUpdate ? await query.for("update", { of: mediaAlbums }) : await query;
  if (!row) throw new NotFoundError("media.albumNotFound");
  return row as { album: MediaAlbum; unitName: string; unitPath: string };
}

/**
 * An item whose album lies in the scope. With forUpdate the album row is locked: every change
 * to an album's items (add, move, remove) takes that lock, so positions never interleave.
 */
export async function findItemInScope(db: Db, itemId: string, scope: Scope, options: { forUpdate?: boolean } = {}) {
  const query = db
    .select({ item: mediaItems, album: mediaAlbums })
    .from(mediaItems)
    .innerJoin(mediaAlbums, eq(mediaAlbums.id, mediaItems.albumId))
    .innerJoin(units, eq(units.id, mediaAlbums.unitId))
    .where(and(eq(mediaItems.id, itemId), inScope(units.path, scope)))
    .limit(1);
  const [row] = options.forUpdate ? await query.for("update", { of: mediaAlbums }) : await query;
  if (!row) throw new NotFoundError("media.itemNotFound");
  return row as { item: MediaItem; album: MediaAlbum };
}
