import { getActor } from "@/lib/auth/session";
import { publicTags } from "@/lib/cache/public";
import { revalidatePublic } from "@/lib/cache/revalidate";
import { getDb } from "@/lib/db";
import { t } from "@/lib/i18n";
import { answer, filesOf, readMultipart, refusal } from "@/lib/publications/http";
import { addMediaFiles } from "@/lib/publications/media";
import { maxUploadBytes, toMegabytes } from "@/lib/publications/uploads";

export const dynamic = "force-dynamic";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Adds photos or MP4 videos to an album (multipart: `files`, repeated; optional `caption`). Every
 * file is checked by content first; if one is refused, none is added.
 */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!UUID.test(id)) return answer({ ok: false, message: t("media.albumNotFound"), fieldErrors: {} }, 404);
  const max = maxUploadBytes();
  const form = await readMultipart(request, max, { field: "files", message: t("media.uploadTooLarge", { max: toMegabytes(max) }) });
  if (form instanceof Response) return form;
  const caption = typeof form.get("caption") === "string" ? String(form.get("caption")) : "";
  try {
    const files = await filesOf(form, "files");
    const added = await addMediaFiles(await getDb(), await getActor(), { albumId: id, files, caption });
    revalidatePublic([publicTags.albums]);
    return answer({ ok: true, id, message: t("media.filesAdded", { count: added.length }) });
  } catch (error) {
    return refusal(error);
  }
}
