import { getActor } from "@/lib/auth/session";
import { publicTags } from "@/lib/cache/public";
import { revalidatePublic } from "@/lib/cache/revalidate";
import { getDb } from "@/lib/db";
import { t } from "@/lib/i18n";
import { answer, filesOf, parseFields, readMultipart, refusal } from "@/lib/publications/http";
import { createPublicationInput } from "@/lib/publications/schemas";
import { createPublication } from "@/lib/publications/service";
import { maxFileBytes, toMegabytes } from "@/lib/publications/uploads";

export const dynamic = "force-dynamic";

const FIELDS = ["unitId", "kind", "title", "issueNumber", "year", "description"] as const;

/**
 * Creates a publication (multipart: the fields, `pdf`, optional `cover`). A route handler rather
 * than a server action: PDFs are larger than the action body limit. The service checks the
 * permission, the unit and the files' content, and writes all or nothing.
 */
export async function POST(request: Request) {
  const max = maxFileBytes();
  const form = await readMultipart(request, 2 * max, { field: "pdf", message: t("publication.uploadTooLarge", { max: toMegabytes(max) }) });
  if (form instanceof Response) return form;
  const fields = parseFields(createPublicationInput, form, FIELDS);
  if (!fields.ok) return fields.response;
  try {
    const [[pdf], [cover]] = await Promise.all([filesOf(form, "pdf"), filesOf(form, "cover")]);
    const created = await createPublication(await getDb(), await getActor(), { ...fields.data, pdf: pdf ?? null, cover: cover ?? null });
    // Its address may have been visited (and a "not found" cached) before it existed.
    revalidatePublic([publicTags.publications]);
    return answer({ ok: true, id: created.id, message: t("publication.created") });
  } catch (error) {
    return refusal(error);
  }
}
