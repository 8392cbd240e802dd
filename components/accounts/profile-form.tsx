"use client";

import { useRouter } from "next/navigation";
import { updateOwnProfileAction } from "@/lib/accounts/actions";
import { updateProfileInput } from "@/lib/accounts/schemas";
import { t } from "@/lib/i18n";
import { Button } from "@/components/ui/button";
import { Field, TextInput } from "@/components/ui/field";
import { FormStatus } from "@/components/forms/form-status";
import { useActionForm } from "@/components/forms/use-action-form";

export function ProfileForm({ values }: { values: { fullName: string; email: string } }) {
  const router = useRouter();
  const { form, onSubmit, status } = useActionForm(updateProfileInput, updateOwnProfileAction, {
    defaultValues: values,
    onSuccess: () => router.refresh(),
  });
  const { errors, isSubmitting } = form.formState;
  return (
    <form onSubmit={onSubmit} noValidate>
      <fieldset disabled={isSubmitting} className="space-y-3">
        <Field label={t("account.fullName")} error={errors.fullName?.message}>{(a) => <TextInput {...a} autoComplete="name" {...form.register("fullName")} />}</Field>
        <Field label={t("account.email")} error={errors.email?.message}>{(a) => <TextInput {...a} type="email" autoComplete="email" {...form.register("email")} />}</Field>
        <FormStatus status={status} />
        <Button type="submit">{t("common.save")}</Button>
      </fieldset>
    </form>
  );
}
