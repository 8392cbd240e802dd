"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { t } from "@/lib/i18n";
import { ARTICLE_FIELDS, createArticleInput, updateArticleInput } from "@/lib/portal/articles/schemas";
import { translateIssue } from "@/lib/validation";
import { Button } from "@/components/ui/button";
import { Field, SelectInput, TextArea, TextInput } from "@/components/ui/field";
import { FormStatus } from "@/components/forms/form-status";
import { postMultipart, tooLargeMessage } from "@/components/publications/post-multipart";
import { RichTextEditor } from "@/components/portal/rich-text-editor";
import { useHydrated } from "@/components/use-hydrated";

type Option = { id: string; label: string };

export interface ArticleFormValues {
  id: string;
  version: number;
  unitId: string;
  categoryId: string;
  title: string;
  summary: string;
  bodyHtml: string;
  tags: string[];
  featured: boolean;
  hasCover: boolean;
}

/**
 * Writes or edits an article. The cover goes with the fields to the upload route (it outgrows the
 * server-action limit); the same zod schema checks the fields here first. A refused save keeps
 * everything typed: the form is never reset by a refusal.
 */
export function ArticleForm({ units, categories, maxBytes, article, canFeature }: { units: Option[]; categories: Option[]; maxBytes: number; article?: ArticleFormValues; canFeature: boolean }) {
  const router = useRouter();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [status, setStatus] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const ready = useHydrated();
  const maxMb = Math.floor(maxBytes / (1024 * 1024));

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const data = new FormData(formElement);
    const values = Object.fromEntries(ARTICLE_FIELDS.map((f) => [f, String(data.get(f) ?? "")]));
    const parsed = article ? updateArticleInput.safeParse({ ...values, id: article.id, version: article.version }) : createArticleInput.safeParse(values);
    const local: Record<string, string> = {};
    if (!parsed.success) for (const issue of parsed.error.issues) local[issue.path.map(String).join(".")] ??= translateIssue(issue);
    const cover = data.get("cover");
    const problem = cover instanceof File ? tooLargeMessage(cover, maxBytes) : null;
    if (problem) local.cover = problem;
    setErrors(local);
    setStatus(null);
    if (Object.keys(local).length > 0) {
      setStatus({ tone: "error", text: t("error.invalid") });
      return;
    }
    if (article) data.set("version", String(article.version));
    setBusy(true);
    const answer = await postMultipart(article ? `/api/tin-bai/${article.id}` : "/api/tin-bai", data);
    setBusy(false);
    if (answer.ok) {
      if (article) {
        setStatus({ tone: "success", text: answer.message ?? t("article.saved") });
        formElement.querySelectorAll<HTMLInputElement>("input[type=file]").forEach((input) => (input.value = ""));
        router.refresh();
      } else {
        router.push(`/lam-viec/tin-bai/${answer.id}`);
      }
      return;
    }
    setErrors(answer.fieldErrors);
    setStatus({ tone: "error", text: answer.message });
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <fieldset disabled={busy} className="grid gap-3 sm:grid-cols-2">
        <div className="sm:col-span-2">
          <Field label={t("article.title")} error={errors.title}>
            {(a) => <TextInput {...a} name="title" defaultValue={article?.title} autoComplete="off" maxLength={200} />}
          </Field>
        </div>
        <Field label={t("article.category")} error={errors.categoryId}>
          {(a) => (
            <SelectInput {...a} name="categoryId" defaultValue={article?.categoryId ?? categories[0]?.id ?? ""}>
              {categories.map((c) => <option key={c.id} value={c.id}>{c.label}</option>)}
            </SelectInput>
          )}
        </Field>
        <Field label={t("article.unit")} error={errors.unitId}>
          {(a) => (
            <SelectInput {...a} name="unitId" defaultValue={article?.unitId ?? units[0]?.id ?? ""}>
              {units.map((u) => <option key={u.id} value={u.id}>{u.label}</option>)}
            </SelectInput>
          )}
        </Field>
        <div className="sm:col-span-2">
          <Field label={t("article.summary")} hint={t("article.summaryHint")} error={errors.summary}>
            {(a) => <TextArea {...a} name="summary" rows={3} maxLength={600} defaultValue={article?.summary} />}
          </Field>
        </div>
        <div className="sm:col-span-2">
          <RichTextEditor id="bodyHtml" name="bodyHtml" label={t("article.body")} defaultValue={article?.bodyHtml ?? ""} error={errors.bodyHtml} />
        </div>
        <Field label={t("article.tags")} hint={t("article.tagsHint")} error={errors.tags}>
          {(a) => <TextInput {...a} name="tags" defaultValue={article?.tags.join(", ")} autoComplete="off" />}
        </Field>
        <div className="space-y-2">
          <Field label={t("article.cover")} hint={t("article.coverHint", { max: maxMb })} error={errors.cover}>
            {(a) => <TextInput {...a} type="file" name="cover" accept=".jpg,.jpeg,.png,.webp,image/jpeg,image/png,image/webp" />}
          </Field>
          {article?.hasCover && (
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" name="removeCover" value="1" /> {t("article.removeCover")}
            </label>
          )}
        </div>
        {canFeature && (
          <label className="flex items-center gap-2 text-sm sm:col-span-2">
            <input type="checkbox" name="featured" value="1" defaultChecked={article?.featured} /> {t("article.featured")}
          </label>
        )}
      </fieldset>
      <FormStatus status={status} />
      <Button type="submit" disabled={busy || !ready}>{article ? t("article.saveDraft") : t("article.create")}</Button>
    </form>
  );
}
