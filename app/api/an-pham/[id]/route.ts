import { getActor } from "@/lib/auth/session";
import { publicTags } from "@/lib/cache/public";
import { revalidatePublic } from "@/lib/cache/revalidate";
import { getDb } from "@/lib/db";
import { t } from "@/lib/i18n";
import { answer, filesOf, parseFields, readMultipart, refusal } from "@/lib/publications/http";
import { updatePublicationInput } from "@/lib/publications/schemas";
import { updatePublication } from "@/lib/publications/service";
import { maxFileBytes, toMegabytes } from "@/lib/publications/uploads";

export const dynamic = "force-dynamic";

const FIELDS = ["unitId", "kind", "title", "issueNumber", "year", "description", "removeCover"] as const;

/** Saves a publication's fields, and a new PDF or cover when one is sent (multipart). */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const max = maxFileBytes();
  const form = await readMultipart(request, 2 * max, { field: "pdf", message: t("publication.uploadTooLarge", { max: toMegabytes(max) }) });
  if (form instanceof Response) return form;
  form.set("id", id);
  const fields = parseFields(updatePublicationInput, form, [...FIELDS, "id"]);
  if (!fields.ok) return fields.response;
  try {
    const [[pdf], [cover]] = await Promise.all([filesOf(form, "pdf"), filesOf(form, "cover")]);
    const updated = await updatePublication(await getDb(), await getActor(), { ...fields.data, pdf: pdf ?? null, cover: cover ?? null });
    revalidatePublic([publicTags.publications]);
    return answer({ ok: true, id: updated.id, message: t("publication.saved") });
  } catch (error) {
    return refusal(error);
  }
}
