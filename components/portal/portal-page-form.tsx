"use client";

import { useState } from "react";
import { Controller } from "react-hook-form";
import type { PortalPageKey } from "@/db/schema/portal";
import { t } from "@/lib/i18n";
import { updatePortalPageAction } from "@/lib/portal/page-actions";
import { updatePortalPageInput } from "@/lib/portal/page-schemas";
import { Button } from "@/components/ui/button";
import { Field, TextInput } from "@/components/ui/field";
import { FormStatus } from "@/components/forms/form-status";
import { useActionForm } from "@/components/forms/use-action-form";
import { RichTextEditor } from "./rich-text-editor";

type Values = { key: PortalPageKey; title: string; bodyHtml: string; version: number };

/**
 * Edits one organisation page. The version it was loaded from goes with every save; when someone
 * saved in between, the form keeps what was typed and offers to save over theirs or to look first.
 */
export function PortalPageForm({ page }: { page: Values }) {
  const [newerVersion, setNewerVersion] = useState<number | null>(null);
  const { form, onSubmit, status } = useActionForm<Values, { version: number }>(updatePortalPageInput, updatePortalPageAction, {
    defaultValues: page,
    onSuccess: (data) => {
      setNewerVersion(null);
      form.setValue("version", data.version);
    },
    onFailure: (result) => {
      const details = result.details as { version?: number } | undefined;
      setNewerVersion(result.code === "conflict" && typeof details?.version === "number" ? details.version : null);
    },
  });
  const { errors, isSubmitting } = form.formState;

  const overwrite = () => {
    if (newerVersion === null) return;
    form.setValue("version", newerVersion);
    void onSubmit();
  };

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <fieldset disabled={isSubmitting} className="space-y-4">
        <Field label={t("site.page.title")} hint={t("site.page.titleHint")} error={errors.title?.message}>
          {(a) => <TextInput {...a} autoComplete="off" {...form.register("title")} />}
        </Field>
        <Controller
          control={form.control}
          name="bodyHtml"
          render={({ field, fieldState }) => (
            <RichTextEditor
              id={`trang-${page.key}-noi-dung`}
              name={field.name}
              label={t("site.page.body")}
              hint={t("site.page.bodyHint")}
              defaultValue={page.bodyHtml}
              onChange={field.onChange}
              error={fieldState.error?.message}
            />
          )}
        />
      </fieldset>
      <FormStatus status={status} />
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={isSubmitting}>{isSubmitting ? t("common.saving") : t("common.save")}</Button>
        {newerVersion !== null && (
          <>
            <Button type="button" variant="secondary" disabled={isSubmitting} onClick={overwrite}>{t("site.page.overwrite")}</Button>
            <Button type="button" variant="ghost" onClick={() => window.location.reload()}>{t("site.page.loadLatest")}</Button>
          </>
        )}
      </div>
    </form>
  );
}
