import { getActor } from "@/lib/auth/session";
import { publicTags } from "@/lib/cache/public";
import { revalidatePublic } from "@/lib/cache/revalidate";
import { getDb } from "@/lib/db";
import { t } from "@/lib/i18n";
import { ARTICLE_FIELDS, updateArticleInput } from "@/lib/portal/articles/schemas";
import { updateArticle } from "@/lib/portal/articles/service";
import { answer, filesOf, parseFields, readMultipart, refusal } from "@/lib/publications/http";
import { maxFileBytes, toMegabytes } from "@/lib/publications/uploads";

export const dynamic = "force-dynamic";

/** Saves an article's fields, and a new cover when one is sent (multipart). */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const max = maxFileBytes();
  const form = await readMultipart(request, max + 1024 * 1024, { field: "cover", message: t("article.uploadTooLarge", { max: toMegabytes(max) }) });
  if (form instanceof Response) return form;
  form.set("id", id);
  const fields = parseFields(updateArticleInput, form, [...ARTICLE_FIELDS, "id", "version", "removeCover"]);
  if (!fields.ok) return fields.response;
  try {
    const [cover] = await filesOf(form, "cover");
    const { article, published } = await updateArticle(await getDb(), await getActor(), { ...fields.data, cover: cover ?? null });
    // A correction to a published story shows at once.
    if (published) revalidatePublic([publicTags.articles, publicTags.article(article.id)]);
    return answer({ ok: true, id: article.id, message: t("article.saved") });
  } catch (error) {
    return refusal(error);
  }
}
