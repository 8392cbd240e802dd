import { and, asc, desc, eq, sql } from "drizzle-orm";
import { mediaAlbums, mediaItems, units, type MediaAlbum } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { InvalidInputError } from "@/lib/auth/errors";
import { inScope, requirePermission } from "@/lib/auth/guard";
import { diff } from "@/lib/audit/mask";
import { recordAudit } from "@/lib/audit/service";
import type { Db } from "@/lib/db";
import { getFileStorage } from "@/lib/files/storage";
import { findUnitInScope } from "@/lib/org/units";
import { findAlbumInScope, findItemInScope } from "./access";
import type { AddVideoLinkInput, AlbumFields, UpdateAlbumInput } from "./schemas";
import { claimSlug, slugify } from "./slug";
import { checkFiles, MAX_FILES_PER_UPLOAD, MEDIA_KINDS, type CheckedFile, type UploadedFile } from "./uploads";
import { normaliseVideoLink } from "./video-links";

/** The media library: albums of photos and videos (uploaded MP4 or a linked YouTube/Facebook/Vimeo video). */

export async function createAlbum(db: Db, actor: Actor | null, input: AlbumFields) {
  const scope = requirePermission(actor, "publication.manage");
  return db.transaction(async (tx) => {
    const unit = await findUnitInScope(tx, input.unitId, scope);
    if (unit.activeTo) throw new InvalidInputError({ unitId: "unit.inactive" });
    const slug = await claimSlug(tx, "media_albums", slugify(input.title, "album"));
    const [created] = await tx
      .insert(mediaAlbums)
      .values({ unitId: unit.id, title: input.title, slug, description: input.description, takenOn: input.takenOn, createdBy: actor!.userId })
      .returning();
    await recordAudit(tx, actor, {
      action: "media.createAlbum",
      entityType: "media_album",
      entityId: created!.id,
      unitId: unit.id,
      changes: { title: { to: created!.title }, slug: { to: slug } },
    });
    return created!;
  });
}

/** Saves an album's fields; as with publications, the slug follows the title only until first published. */
export async function updateAlbum(db: Db, actor: Actor | null, input: UpdateAlbumInput) {
  const scope = requirePermission(actor, "publication.manage");
  return db.transaction(async (tx) => {
    const { album } = await findAlbumInScope(tx, input.id, scope, { forUpdate: true });
    const unit = await findUnitInScope(tx, input.unitId, scope);
    if (unit.id !== album.unitId && unit.activeTo) throw new InvalidInputError({ unitId: "unit.inactive" });
    const slug = !album.publishedAt && input.title !== album.title ? await claimSlug(tx, "media_albums", slugify(input.title, "album"), album.id) : album.slug;
    const values: Partial<MediaAlbum> = { unitId: unit.id, title: input.title, slug, description: input.description, takenOn: input.takenOn };
    const changes = diff(album as unknown as Record<string, unknown>, values as Record<string, unknown>);
    if (Object.keys(changes).length === 0) return album;
    const [updated] = await tx.update(mediaAlbums).set({ ...values, updatedAt: new Date() }).where(eq(mediaAlbums.id, album.id)).returning();
    await recordAudit(tx, actor, { action: "media.updateAlbum", entityType: "media_album", entityId: album.id, unitId: unit.id, changes });
    return updated!;
  });
}

async function setAlbumPublished(db: Db, actor: Actor | null, id: string, published: boolean) {
  const scope = requirePermission(actor, "publication.manage");
  return db.transaction(async (tx) => {
    const { album } = await findAlbumInScope(tx, id, scope, { forUpdate: true });
    if (Boolean(album.publishedAt) === published) return album;
    if (published) {
      const [item] = await tx.select({ id: mediaItems.id }).from(mediaItems).where(eq(mediaItems.albumId, id)).limit(1);
      if (!item) throw new InvalidInputError({}, "media.albumEmpty");
    }
    const publishedAt = published ? new Date() : null;
    const [updated] = await tx.update(mediaAlbums).set({ publishedAt, updatedAt: new Date() }).where(eq(mediaAlbums.id, id)).returning();
    await recordAudit(tx, actor, {
      action: published ? "media.publishAlbum" : "media.unpublishAlbum",
      entityType: "media_album",
      entityId: id,
      unitId: album.unitId,
      changes: { publishedAt: { from: album.publishedAt, to: publishedAt } },
    });
    return updated!;
  });
}

export const publishAlbum = (db: Db, actor: Actor | null, input: { id: string }) => setAlbumPublished(db, actor, input.id, true);
export const unpublishAlbum = (db: Db, actor: Actor | null, input: { id: string }) => setAlbumPublished(db, actor, input.id, false);

/** Deletes an album with its items; the stored files stay (content-addressed) and are no longer served. */
export async function deleteAlbum(db: Db, actor: Actor | null, input: { id: string }) {
  const scope = requirePermission(actor, "publication.manage");
  return db.transaction(async (tx) => {
    const { album } = await findAlbumInScope(tx, input.id, scope, { forUpdate: true });
    await tx.delete(mediaAlbums).where(eq(mediaAlbums.id, album.id));
    await recordAudit(tx, actor, {
      action: "media.deleteAlbum",
      entityType: "media_album",
      entityId: album.id,
      unitId: album.unitId,
      changes: { title: { from: album.title }, slug: { from: album.slug } },
    });
    return { id: album.id };
  });
}

/** The next free position at the end of an album (call with the album locked). */
async function nextPosition(tx: Db, albumId: string): Promise<number> {
  const [{ next } = { next: 0 }] = await tx
    .select({ next: sql<number>`coalesce(max(${mediaItems.position}) + 1, 0)::int` })
    .from(mediaItems)
    .where(eq(mediaItems.albumId, albumId));
  return next;
}

/**
 * Adds uploaded photos and MP4 videos to an album, in the order given. Every file is checked by
 * its content first; if any is refused, none is added.
 */
export async function addMediaFiles(db: Db, actor: Actor | null, input: { albumId: string; files: UploadedFile[]; caption?: string }) {
  const scope = requirePermission(actor, "publication.manage");
  await findAlbumInScope(db, input.albumId, scope);
  if (input.files.length === 0) throw new InvalidInputError({ files: "media.filesRequired" });
  if (input.files.length > MAX_FILES_PER_UPLOAD) throw new InvalidInputError({ files: "media.tooManyFiles" });
  const caption = (input.caption ?? "").trim().slice(0, 300);
  const checked = await checkFiles(input.files.map((file) => ({ field: "files", file, allowed: MEDIA_KINDS })));
  const storage = getFileStorage();
  const stored: (CheckedFile & { sha256: string; size: number })[] = [];
  for (const file of checked) stored.push({ ...file, ...(await storage.put(file.bytes)) });

  return db.transaction(async (tx) => {
    const { album } = await findAlbumInScope(tx, input.albumId, scope, { forUpdate: true });
    const first = await nextPosition(tx, album.id);
    const rows = await tx
      .insert(mediaItems)
      .values(
        stored.map((file, i) => ({
          albumId: album.id,
          kind: file.kind === "mp4" ? ("video_file" as const) : ("photo" as const),
          sha256: file.sha256,
          mime: file.mime,
          size: file.size,
          caption,
          position: first + i,
        })),
      )
      .returning();
    await tx.update(mediaAlbums).set({ updatedAt: new Date() }).where(eq(mediaAlbums.id, album.id));
    await recordAudit(tx, actor, {
      action: "media.addFiles",
      entityType: "media_album",
      entityId: album.id,
      unitId: album.unitId,
      changes: { files: { to: stored.map((f) => f.sha256) } },
    });
    return rows;
  });
}

export async function addVideoLink(db: Db, actor: Actor | null, input: AddVideoLinkInput) {
  const scope = requirePermission(actor, "publication.manage");
  const link = normaliseVideoLink(input.url);
  await findAlbumInScope(db, input.albumId, scope);
  if (!link.ok) throw new InvalidInputError({ url: link.messageKey });
  return db.transaction(async (tx) => {
    const { album } = await findAlbumInScope(tx, input.albumId, scope, { forUpdate: true });
    const [item] = await tx
      .insert(mediaItems)
      .values({ albumId: album.id, kind: "video_link", url: link.embedUrl, caption: input.caption, position: await nextPosition(tx, album.id) })
      .returning();
    await tx.update(mediaAlbums).set({ updatedAt: new Date() }).where(eq(mediaAlbums.id, album.id));
    await recordAudit(tx, actor, {
      action: "media.addVideoLink",
      entityType: "media_album",
      entityId: album.id,
      unitId: album.unitId,
      changes: { url: { to: link.embedUrl } },
    });
    return item!;
  });
}

export async function updateMediaCaption(db: Db, actor: Actor | null, input: { itemId: string; caption: string }) {
  const scope = requirePermission(actor, "publication.manage");
  return db.transaction(async (tx) => {
    const { item, album } = await findItemInScope(tx, input.itemId, scope, { forUpdate: true });
    if (item.caption === input.caption) return item;
    const [updated] = await tx.update(mediaItems).set({ caption: input.caption }).where(eq(mediaItems.id, item.id)).returning();
    await tx.update(mediaAlbums).set({ updatedAt: new Date() }).where(eq(mediaAlbums.id, album.id));
    await recordAudit(tx, actor, {
      action: "media.updateCaption",
      entityType: "media_album",
      entityId: album.id,
      unitId: album.unitId,
      changes: { caption: { from: item.caption, to: input.caption } },
    });
    return updated!;
  });
}

export async function removeMediaItem(db: Db, actor: Actor | null, input: { itemId: string }) {
  const scope = requirePermission(actor, "publication.manage");
  return db.transaction(async (tx) => {
    const { item, album } = await findItemInScope(tx, input.itemId, scope, { forUpdate: true });
    await tx.delete(mediaItems).where(eq(mediaItems.id, item.id));
    await tx.update(mediaAlbums).set({ updatedAt: new Date() }).where(eq(mediaAlbums.id, album.id));
    await recordAudit(tx, actor, {
      action: "media.removeItem",
      entityType: "media_album",
      entityId: album.id,
      unitId: album.unitId,
      changes: { item: { from: item.sha256 ?? item.url } },
    });
    return { id: item.id };
  });
}

/** Moves an item one place up or down; positions are renumbered 0…n-1 in the same write. */
export async function moveMediaItem(db: Db, actor: Actor | null, input: { itemId: string; direction: "up" | "down" }) {
  const scope = requirePermission(actor, "publication.manage");
  return db.transaction(async (tx) => {
    const { item, album } = await findItemInScope(tx, input.itemId, scope, { forUpdate: true });
    const order = await tx
      .select({ id: mediaItems.id, position: mediaItems.position })
      .from(mediaItems)
      .where(eq(mediaItems.albumId, album.id))
      .orderBy(asc(mediaItems.position), asc(mediaItems.createdAt), asc(mediaItems.id));
    const from = order.findIndex((o) => o.id === item.id);
    const to = input.direction === "up" ? from - 1 : from + 1;
    if (to < 0 || to >= order.length) return { moved: false };
    [order[from], order[to]] = [order[to]!, order[from]!];
    for (const [position, row] of order.entries()) {
      if (row.position !== position) await tx.update(mediaItems).set({ position }).where(and(eq(mediaItems.id, row.id), eq(mediaItems.albumId, album.id)));
    }
    await tx.update(mediaAlbums).set({ updatedAt: new Date() }).where(eq(mediaAlbums.id, album.id));
    await recordAudit(tx, actor, {
      action: "media.moveItem",
      entityType: "media_album",
      entityId: album.id,
      unitId: album.unitId,
      changes: { position: { from, to } },
    });
    return { moved: true };
  });
}

/** Albums of the actor's units, newest first, with their item counts and first photo. */
export async function listAlbums(db: Db, actor: Actor | null, query: { page: number; pageSize: number }) {
  const scope = requirePermission(actor, "publication.manage");
  const where = inScope(units.path, scope);
  const [rows, [{ total } = { total: 0 }]] = await Promise.all([
    db
      .select({
        id: mediaAlbums.id,
        title: mediaAlbums.title,
        slug: mediaAlbums.slug,
        takenOn: mediaAlbums.takenOn,
        publishedAt: mediaAlbums.publishedAt,
        unitName: units.name,
        itemCount: sql<number>`(select count(*)::int from ${mediaItems} i where i.album_id = ${mediaAlbums.id})`,
        coverItemId: sql<string | null>`(select i.id from ${mediaItems} i where i.album_id = ${mediaAlbums.id} and i.kind = 'photo' order by i.position, i.created_at, i.id limit 1)`,
      })
      .from(mediaAlbums)
      .innerJoin(units, eq(units.id, mediaAlbums.unitId))
      .where(where)
      .orderBy(desc(mediaAlbums.createdAt), desc(mediaAlbums.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ total: sql<number>`count(*)::int` }).from(mediaAlbums).innerJoin(units, eq(units.id, mediaAlbums.unitId)).where(where),
  ]);
  return { rows, total };
}

/** One album of the actor's units with its items in order. */
export async function getAlbum(db: Db, actor: Actor | null, id: string) {
  const scope = requirePermission(actor, "publication.manage");
  const row = await findAlbumInScope(db, id, scope);
  const items = await db.select().from(mediaItems).where(eq(mediaItems.albumId, id)).orderBy(asc(mediaItems.position), asc(mediaItems.createdAt), asc(mediaItems.id));
  return { ...row, items };
}
