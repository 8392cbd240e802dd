import { randomBytes } from "node:crypto";
import { mediaAlbums, mediaItems, publications } from "@/db/schema";
import type { Db } from "@/lib/db";
import { verificationCode } from "@/lib/documents/verification";

/**
 * Rows made directly in the tables (no files stored), for tests that only need a publication or
 * an album to exist at a unit: the permission matrix among them.
 */

const tag = () => randomBytes(4).toString("hex");

export async function makePublication(db: Db, unitId: string, overrides: Partial<typeof publications.$inferInsert> = {}) {
  const sha = randomBytes(32).toString("hex");
  const suffix = tag();
  const [row] = await db
    .insert(publications)
    .values({
      unitId,
      kind: "newsletter",
      title: `Bản tin thử ${suffix}`,
      slug: `ban-tin-thu-${suffix}`,
      year: 2026,
      pdfSha256: sha,
      pdfFileName: "ban-tin.pdf",
      pdfSize: 1000,
      verificationCode: verificationCode(sha),
      ...overrides,
    })
    .returning();
  return row!;
}

export async function makeAlbum(db: Db, unitId: string, options: { items?: number; published?: boolean } = {}) {
  const suffix = tag();
  const [album] = await db
    .insert(mediaAlbums)
    .values({ unitId, title: `Album thử ${suffix}`, slug: `album-thu-${suffix}`, publishedAt: options.published ? new Date() : null })
    .returning();
  const items = [];
  for (let position = 0; position < (options.items ?? 0); position++) items.push(await makeMediaItem(db, album!.id, position));
  return { album: album!, items };
}

export async function makeMediaItem(db: Db, albumId: string, position = 0) {
  const [item] = await db
    .insert(mediaItems)
    .values({ albumId, kind: "photo", sha256: randomBytes(32).toString("hex"), mime: "image/png", size: 100, position })
    .returning();
  return item!;
}
