"use client";

import { signIn } from "next-auth/react";
import { changeOwnPasswordAction } from "@/lib/accounts/actions";
import { changePasswordInput } from "@/lib/accounts/schemas";
import { t } from "@/lib/i18n";
import { Button } from "@/components/ui/button";
import { Field, TextInput } from "@/components/ui/field";
import { FormStatus } from "@/components/forms/form-status";
import { useActionForm } from "@/components/forms/use-action-form";

type Values = { currentPassword: string; newPassword: string; confirmPassword: string };

/** After the change the old session is dead; sign in again with the new password and go on. */
export function ChangePasswordForm({ next }: { next: string }) {
  const { form, onSubmit, status } = useActionForm<Values, { username: string }>(changePasswordInput, changeOwnPasswordAction, {
    defaultValues: { currentPassword: "", newPassword: "", confirmPassword: "" },
    onSuccess: async ({ username }) => {
      const result = await signIn("credentials", { login: username, password: form.getValues("newPassword"), redirect: false });
      window.location.assign(result?.ok ? next : "/dang-nhap");
    },
  });
  const { errors, isSubmitting } = form.formState;
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <fieldset disabled={isSubmitting} className="space-y-4">
        <Field label={t("password.current")} error={errors.currentPassword?.message}>
          {(a) => <TextInput {...a} type="password" autoComplete="current-password" {...form.register("currentPassword")} />}
        </Field>
        <Field label={t("password.new")} hint={t("password.hint")} error={errors.newPassword?.message}>
          {(a) => <TextInput {...a} type="password" autoComplete="new-password" {...form.register("newPassword")} />}
        </Field>
        <Field label={t("password.confirm")} error={errors.confirmPassword?.message}>
          {(a) => <TextInput {...a} type="password" autoComplete="new-password" {...form.register("confirmPassword")} />}
        </Field>
        <FormStatus status={status} />
        <Button type="submit">{isSubmitting ? t("common.saving") : t("password.submit")}</Button>
      </fieldset>
    </form>
  );
}
