"use client";

import { useRouter } from "next/navigation";
import { t } from "@/lib/i18n";
import { createCategoryAction } from "@/lib/portal/site/actions";
import { createCategoryInput } from "@/lib/portal/site/schemas";
import { Button } from "@/components/ui/button";
import { Field, SelectInput, TextArea, TextInput } from "@/components/ui/field";
import { FormStatus } from "@/components/forms/form-status";
import { useActionForm } from "@/components/forms/use-action-form";

interface Values {
  name: string;
  parentId: string;
  description: string;
}

/** A new category, at the top or under one of the top-level categories (two levels at most). */
export function CategoryCreateForm({ parents }: { parents: { id: string; name: string }[] }) {
  const router = useRouter();
  const empty: Values = { name: "", parentId: "", description: "" };
  const { form, onSubmit, status } = useActionForm<Values, { id: string }>(createCategoryInput, createCategoryAction, {
    defaultValues: empty,
    onSuccess: () => {
      form.reset(empty);
      router.refresh();
    },
  });
  const { errors, isSubmitting } = form.formState;
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <fieldset disabled={isSubmitting} className="grid gap-3 sm:grid-cols-2">
        <Field label={t("site.category.name")} hint={t("site.category.nameHint")} error={errors.name?.message}>
          {(a) => <TextInput {...a} autoComplete="off" maxLength={120} {...form.register("name")} />}
        </Field>
        <Field label={t("site.category.parent")} hint={t("site.category.parentHint")} error={errors.parentId?.message}>
          {(a) => (
            <SelectInput {...a} {...form.register("parentId")}>
              <option value="">{t("site.category.noParent")}</option>
              {parents.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
            </SelectInput>
          )}
        </Field>
        <div className="sm:col-span-2">
          <Field label={t("site.category.description")} error={errors.description?.message}>
            {(a) => <TextArea {...a} rows={2} {...form.register("description")} />}
          </Field>
        </div>
      </fieldset>
      <FormStatus status={status} />
      <Button type="submit" disabled={isSubmitting}>{t("site.category.create")}</Button>
    </form>
  );
}
