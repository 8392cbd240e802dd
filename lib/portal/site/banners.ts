import { and, asc, desc, eq, gte, isNull, lte, or } from "drizzle-orm";
import { portalBanners, type PortalBanner } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { InvalidInputError, NotFoundError } from "@/lib/auth/errors";
import { diff } from "@/lib/audit/mask";
import { recordAudit } from "@/lib/audit/service";
import type { Db } from "@/lib/db";
import { getFileStorage } from "@/lib/files/storage";
import { todayInVietnam } from "@/lib/i18n/format";
import { checkFiles, COVER_KINDS, type UploadedFile } from "@/lib/publications/uploads";
import { requireSiteManager } from "./access";
import type { BannerFields, UpdateBannerInput } from "./schemas";

/** Banners and slogans over the top of the portal, each shown from one day to another. */

export interface BannerImage {
  image?: UploadedFile | null;
}

/** Where a banner's image is served: the file's fingerprint in the address lets browsers keep it for a year. */
export function bannerImageUrl(banner: { id: string; imageSha256: string | null }): string | null {
  return banner.imageSha256 ? `/api/cong-thong-tin/bieu-ngu/${banner.id}/anh?v=${banner.imageSha256.slice(0, 16)}` : null;
}

/** The schema checks the order too; the service says it again so no caller can write a reversed range. */
function assertRange(input: { startsOn: string; endsOn: string | null }) {
  if (input.endsOn && input.endsOn < input.startsOn) throw new InvalidInputError({ endsOn: "site.banner.endsBeforeStarts" });
}

/** Checks the image by its content (JPEG, PNG or WebP), then stores it; nothing is written to the database yet. */
async function checkAndStore(image: UploadedFile | null | undefined) {
  if (!image) return null;
  const [checked] = await checkFiles([{ field: "image", file: image, allowed: COVER_KINDS }]);
  // Stored before the transaction: if that then fails, an unreferenced file is harmless (content-addressed).
  const { sha256 } = await getFileStorage().put(checked!.bytes);
  return { imageSha256: sha256, imageMime: checked!.mime };
}

async function findBanner(tx: Db, id: string, options: { forUpdate?: boolean } = {}) {
  const query = tx.select().from(portalBanners).where(eq(portalBanners.id, id));
  const [row] = options.forUpdate ? await query.for("update") : await query;
  if (!row) throw new NotFoundError("site.banner.notFound");
  return row;
}

const showingOn = (today: string) => and(lte(portalBanners.startsOn, today), or(isNull(portalBanners.endsOn), gte(portalBanners.endsOn, today)));

/** The banner showing on a day: among those whose range covers it, the lowest position, then the latest start. */
export async function currentBanner(db: Db, today: string = todayInVietnam()) {
  const [row] = await db
    .select()
    .from(portalBanners)
    .where(showingOn(today))
    .orderBy(asc(portalBanners.position), desc(portalBanners.startsOn), desc(portalBanners.createdAt), desc(portalBanners.id))
    .limit(1);
  if (!row) return null;
  return { id: row.id, slogan: row.slogan, linkUrl: row.linkUrl, imageUrl: bannerImageUrl(row), startsOn: row.startsOn, endsOn: row.endsOn };
}

export type CurrentBanner = NonNullable<Awaited<ReturnType<typeof currentBanner>>>;

/** Every banner for the editors, latest first, with which one shows today. */
export async function listBanners(db: Db, actor: Actor | null, today: string = todayInVietnam()) {
  await requireSiteManager(db, actor);
  const rows = await db.select().from(portalBanners).orderBy(desc(portalBanners.startsOn), asc(portalBanners.position), desc(portalBanners.createdAt));
  const current = await currentBanner(db, today);
  return { rows, currentId: current?.id ?? null, today };
}

export async function getBanner(db: Db, actor: Actor | null, id: string) {
  await requireSiteManager(db, actor);
  return findBanner(db, id);
}

export async function createBanner(db: Db, actor: Actor | null, input: BannerFields & BannerImage) {
  const root = await requireSiteManager(db, actor);
  assertRange(input);
  const image = await checkAndStore(input.image);
  return db.transaction(async (tx) => {
    const [created] = await tx
      .insert(portalBanners)
      .values({ slogan: input.slogan, linkUrl: input.linkUrl, startsOn: input.startsOn, endsOn: input.endsOn, position: input.position, ...image, createdBy: actor!.userId })
      .returning();
    await recordAudit(tx, actor, {
      action: "site.createBanner",
      entityType: "portal_banner",
      entityId: created!.id,
      unitId: root.id,
      changes: { slogan: { to: created!.slogan }, startsOn: { to: created!.startsOn }, endsOn: { to: created!.endsOn }, imageSha256: { to: created!.imageSha256 } },
    });
    return created!;
  });
}

/** Saves the fields and, when given, a new image (or takes the image off). */
export async function updateBanner(db: Db, actor: Actor | null, input: UpdateBannerInput & BannerImage) {
  const root = await requireSiteManager(db, actor);
  assertRange(input);
  // A banner that is not there is said so before any file is read.
  await findBanner(db, input.id);
  const image = await checkAndStore(input.image);
  return db.transaction(async (tx) => {
    const banner = await findBanner(tx, input.id, { forUpdate: true });
    const values: Partial<PortalBanner> = {
      slogan: input.slogan,
      linkUrl: input.linkUrl,
      startsOn: input.startsOn,
      endsOn: input.endsOn,
      position: input.position,
      ...(image ?? (input.removeImage ? { imageSha256: null, imageMime: null } : {})),
    };
    const changes = diff(banner, values);
    if (Object.keys(changes).length === 0) return banner;
    const [updated] = await tx.update(portalBanners).set({ ...values, updatedAt: new Date() }).where(eq(portalBanners.id, banner.id)).returning();
    await recordAudit(tx, actor, { action: "site.updateBanner", entityType: "portal_banner", entityId: banner.id, unitId: root.id, changes });
    return updated!;
  });
}

/** Deletes the banner; its image stays in storage (content-addressed, perhaps shared) and is no longer served. */
export async function deleteBanner(db: Db, actor: Actor | null, input: { id: string }) {
  const root = await requireSiteManager(db, actor);
  return db.transaction(async (tx) => {
    const banner = await findBanner(tx, input.id, { forUpdate: true });
    await tx.delete(portalBanners).where(eq(portalBanners.id, banner.id));
    await recordAudit(tx, actor, {
      action: "site.deleteBanner",
      entityType: "portal_banner",
      entityId: banner.id,
      unitId: root.id,
      changes: { slogan: { from: banner.slogan }, startsOn: { from: banner.startsOn }, endsOn: { from: banner.endsOn } },
    });
    return { id: banner.id };
  });
}
