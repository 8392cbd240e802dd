import { z } from "zod";
import { optionalText, requiredText, uuidField } from "@/lib/validation";

/** The most tags an article carries, and the longest tag. */
export const MAX_TAGS = 10;
const MAX_TAG_LENGTH = 40;
/** A long feature with tables stays well below this; the limit keeps a pasted document out. */
export const MAX_BODY_CHARS = 200_000;

const booleanField = z.preprocess((v) => v === true || v === "true" || v === "on" || v === "1", z.boolean()).default(false);

/** "thanh niên, tình nguyện" → ["thanh niên", "tình nguyện"]: trimmed, no empties, no repeats (ignoring case). */
const tagsField = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => {
    const parts = (Array.isArray(v) ? v : (v ?? "").split(",")).map((s) => s.normalize("NFC").trim().replace(/\s+/g, " ")).filter(Boolean);
    const seen = new Set<string>();
    return parts.filter((p) => {
      const key = p.toLocaleLowerCase("vi");
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  })
  .refine((tags) => tags.length <= MAX_TAGS, "article.tooManyTags")
  .refine((tags) => tags.every((tag) => tag.length <= MAX_TAG_LENGTH), "article.tagTooLong");

/**
 * An article's fields, shared by the form and the upload route (the cover travels beside them in
 * the same multipart request). The body is HTML from the editor; the service sanitises it.
 */
export const articleFields = z.object({
  unitId: uuidField,
  categoryId: uuidField,
  title: requiredText(200),
  summary: optionalText(600),
  bodyHtml: z.string().max(MAX_BODY_CHARS, "article.bodyTooLong").default(""),
  tags: tagsField,
  /** Editors only: shown among the home page's featured stories. */
  featured: booleanField,
});

/** The text fields of the article form's multipart body (the cover travels beside them). */
export const ARTICLE_FIELDS = ["unitId", "categoryId", "title", "summary", "bodyHtml", "tags", "featured"] as const;

export const createArticleInput = articleFields;
export const updateArticleInput = articleFields.extend({
  id: uuidField,
  /** The version the form was loaded from: a save over someone else's newer one is refused. */
  version: z.coerce.number().int().min(1),
  removeCover: booleanField,
});

export const articleStepInput = z.object({ id: uuidField, comment: optionalText(2000) });
/** Returning or rejecting says why. */
export const articleReasonInput = z.object({ id: uuidField, comment: requiredText(2000) });
/** "2026-12-01T07:30" as the editor's form sends it, in Vietnam time. */
export const articleScheduleInput = z.object({
  id: uuidField,
  publishAt: z.string("validation.required").regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, "article.publishAtFormat"),
  comment: optionalText(2000),
});

export type ArticleFields = z.output<typeof articleFields>;
export type CreateArticleInput = z.output<typeof createArticleInput>;
export type UpdateArticleInput = z.output<typeof updateArticleInput>;
