import { eq } from "drizzle-orm";
import { portalBanners } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { DomainError } from "@/lib/auth/errors";
import { publicTags } from "@/lib/cache/public";
import { revalidatePublic } from "@/lib/cache/revalidate";
import type { Db } from "@/lib/db";
import { fileHeaders } from "@/lib/files/http";
import { getFileStorage } from "@/lib/files/storage";
import { t } from "@/lib/i18n";
import { todayInVietnam } from "@/lib/i18n/format";
import { answer, filesOf, notFound, parseFields, readMultipart, refusal } from "@/lib/publications/http";
import { maxFileBytes, toMegabytes } from "@/lib/publications/uploads";
import { requireSiteManager } from "./access";
import { createBanner, updateBanner } from "./banners";
import { BANNER_FIELDS, createBannerInput, updateBannerInput } from "./schemas";

/**
 * What the banner routes under app/api/cong-thong-tin/bieu-ngu do, apart from finding the
 * database and the session (passed in, so tests drive the same code with their own).
 */

interface RouteContext {
  db: Db;
  actor: Actor | null;
}

/**
 * Creates a banner, or saves one when `id` is given, from a multipart body: the fields and an
 * optional `image`. A route rather than a server action, because an image can outgrow the
 * action body limit. Once committed, every cached public page is expired: the banner is on all of them.
 */
export async function saveBannerFromForm(request: Request, ctx: RouteContext, id?: string): Promise<Response> {
  const max = maxFileBytes();
  const form = await readMultipart(request, max, { field: "image", message: t("publication.uploadTooLarge", { max: toMegabytes(max) }) });
  if (form instanceof Response) return form;
  try {
    const [image = null] = await filesOf(form, "image");
    let saved: { id: string };
    if (id) {
      form.set("id", id);
      const fields = parseFields(updateBannerInput, form, [...BANNER_FIELDS, "removeImage", "id"]);
      if (!fields.ok) return fields.response;
      saved = await updateBanner(ctx.db, ctx.actor, { ...fields.data, image });
    } else {
      const fields = parseFields(createBannerInput, form, BANNER_FIELDS);
      if (!fields.ok) return fields.response;
      saved = await createBanner(ctx.db, ctx.actor, { ...fields.data, image });
    }
    revalidatePublic([publicTags.portal]);
    return answer({ ok: true, id: saved.id, message: t(id ? "site.banner.saved" : "site.banner.created") });
  } catch (error) {
    return refusal(error);
  }
}

const EXTENSIONS: Record<string, string> = { "image/jpeg": "jpg", "image/png": "png", "image/webp": "webp" };

/**
 * A banner's image. Once its first day has come it is anyone's, and the address carrying the
 * file's fingerprint (?v=) may be kept for a year: a new image gets a new address. A banner still
 * to come is the editors' alone; for everyone else it does not exist.
 */
export async function bannerImageResponse(request: Request, db: Db, actorOf: () => Promise<Actor | null>, id: string, today: string = todayInVietnam()): Promise<Response> {
  const [banner] = await db
    .select({ sha256: portalBanners.imageSha256, mime: portalBanners.imageMime, startsOn: portalBanners.startsOn })
    .from(portalBanners)
    .where(eq(portalBanners.id, id));
  if (!banner?.sha256 || !banner.mime) return notFound();
  const isPublic = banner.startsOn <= today;
  if (!isPublic) {
    try {
      await requireSiteManager(db, await actorOf());
    } catch (error) {
      if (error instanceof DomainError) return notFound();
      throw error;
    }
  }
  const bytes = await getFileStorage().get(banner.sha256);
  if (!bytes) return notFound();
  const headers = fileHeaders({ mime: banner.mime, fileName: `bieu-ngu.${EXTENSIONS[banner.mime] ?? "bin"}`, size: bytes.length, inline: true, cache: isPublic ? "public" : "private" });
  headers.set("ETag", `"${banner.sha256}"`);
  if (isPublic) {
    const fingerprinted = new URL(request.url).searchParams.get("v") === banner.sha256.slice(0, 16);
    // An address without the current fingerprint (an old page) is answered, but only briefly kept.
    headers.set("Cache-Control", fingerprinted ? "public, max-age=31536000, immutable" : "public, max-age=300");
  }
  if (request.headers.get("if-none-match") === `"${banner.sha256}"`) {
    headers.delete("Content-Length");
    return new Response(null, { status: 304, headers });
  }
  return new Response(Buffer.from(bytes), { status: 200, headers });
}
