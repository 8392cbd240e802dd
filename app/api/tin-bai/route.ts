import { getActor } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { t } from "@/lib/i18n";
import { ARTICLE_FIELDS, createArticleInput } from "@/lib/portal/articles/schemas";
import { createArticle } from "@/lib/portal/articles/service";
import { answer, filesOf, parseFields, readMultipart, refusal } from "@/lib/publications/http";
import { maxFileBytes, toMegabytes } from "@/lib/publications/uploads";

export const dynamic = "force-dynamic";

/**
 * Creates a draft article (multipart: the fields and an optional `cover`). A route handler rather
 * than a server action: a cover photo is larger than the action body limit. The service checks
 * the permission, the unit, the category and the cover's content, and writes all or nothing.
 */
export async function POST(request: Request) {
  const max = maxFileBytes();
  const form = await readMultipart(request, max + 1024 * 1024, { field: "cover", message: t("article.uploadTooLarge", { max: toMegabytes(max) }) });
  if (form instanceof Response) return form;
  const fields = parseFields(createArticleInput, form, ARTICLE_FIELDS);
  if (!fields.ok) return fields.response;
  try {
    const [cover] = await filesOf(form, "cover");
    const created = await createArticle(await getDb(), await getActor(), { ...fields.data, cover: cover ?? null });
    return answer({ ok: true, id: created.id, message: t("article.created") });
  } catch (error) {
    return refusal(error);
  }
}
