"use client";

import { useRouter } from "next/navigation";
import { t } from "@/lib/i18n";
import { moveCategoryAction, updateCategoryAction } from "@/lib/portal/site/actions";
import { moveCategoryInput, updateCategoryInput } from "@/lib/portal/site/schemas";
import { Button } from "@/components/ui/button";
import { Field, SelectInput, TextArea, TextInput } from "@/components/ui/field";
import { FormStatus } from "@/components/forms/form-status";
import { useActionForm } from "@/components/forms/use-action-form";

interface Category {
  id: string;
  name: string;
  description: string;
  parentId: string | null;
}

/** Rename a category (and edit its description), or put it under another parent: two small forms, each saved on its own. */
export function CategoryEditForm({ category, parents }: { category: Category; parents: { id: string; name: string }[] }) {
  const router = useRouter();
  const rename = useActionForm<{ id: string; name: string; description: string }, { id: string }>(updateCategoryInput, updateCategoryAction, {
    defaultValues: { id: category.id, name: category.name, description: category.description },
    onSuccess: () => router.refresh(),
  });
  const move = useActionForm<{ id: string; parentId: string }, { id: string }>(moveCategoryInput, moveCategoryAction, {
    defaultValues: { id: category.id, parentId: category.parentId ?? "" },
    onSuccess: () => router.refresh(),
  });
  const renameErrors = rename.form.formState.errors;
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <form onSubmit={rename.onSubmit} noValidate className="space-y-3">
        <fieldset disabled={rename.form.formState.isSubmitting} className="space-y-3">
          <Field label={t("site.category.name")} hint={t("site.category.slugHint")} error={renameErrors.name?.message}>
            {(a) => <TextInput {...a} autoComplete="off" maxLength={120} {...rename.form.register("name")} />}
          </Field>
          <Field label={t("site.category.description")} error={renameErrors.description?.message}>
            {(a) => <TextArea {...a} rows={2} {...rename.form.register("description")} />}
          </Field>
        </fieldset>
        <FormStatus status={rename.status} />
        <Button type="submit" variant="secondary" disabled={rename.form.formState.isSubmitting}>{t("site.category.rename")}</Button>
      </form>
      <form onSubmit={move.onSubmit} noValidate className="space-y-3">
        <fieldset disabled={move.form.formState.isSubmitting}>
          <Field label={t("site.category.moveUnder")} hint={t("site.category.parentHint")} error={move.form.formState.errors.parentId?.message}>
            {(a) => (
              <SelectInput {...a} {...move.form.register("parentId")}>
                <option value="">{t("site.category.noParent")}</option>
                {parents.filter((p) => p.id !== category.id).map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
              </SelectInput>
            )}
          </Field>
        </fieldset>
        <FormStatus status={move.status} />
        <Button type="submit" variant="secondary" disabled={move.form.formState.isSubmitting}>{t("site.category.move")}</Button>
      </form>
    </div>
  );
}
