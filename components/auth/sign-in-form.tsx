"use client";

import { signIn } from "next-auth/react";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { t } from "@/lib/i18n";
import { Button } from "@/components/ui/button";
import { Field, TextInput } from "@/components/ui/field";
import { FormStatus } from "@/components/forms/form-status";

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const form = useForm<{ login: string; password: string }>({ defaultValues: { login: "", password: "" } });
  const [status, setStatus] = useState<{ tone: "error"; text: string } | null>(null);
  const { errors, isSubmitting } = form.formState;
  const required = { required: t("validation.required") };

  const onSubmit = form.handleSubmit(async (values) => {
    setStatus(null);
    const result = await signIn("credentials", { ...values, redirect: false });
    if (!result || result.error) {
      setStatus({ tone: "error", text: result?.error === "throttled" ? t("auth.throttled") : t("auth.invalid") });
      form.setValue("password", "");
      return;
    }
    // A full navigation, so every server component reads the new session.
    window.location.assign(callbackUrl);
  });

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <fieldset disabled={isSubmitting} className="space-y-4">
        <Field label={t("auth.login")} error={errors.login?.message}>
          {(a) => <TextInput {...a} autoComplete="username" autoCapitalize="none" {...form.register("login", required)} />}
        </Field>
        <Field label={t("auth.password")} error={errors.password?.message}>
          {(a) => <TextInput {...a} type="password" autoComplete="current-password" {...form.register("password", required)} />}
        </Field>
        <FormStatus status={status} />
        <Button type="submit" className="w-full">
          {isSubmitting ? t("auth.submitting") : t("auth.submit")}
        </Button>
      </fieldset>
    </form>
  );
}
