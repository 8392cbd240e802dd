"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import {
  assignRoleAction,
  createUserAction,
  removeRoleAction,
  resetUserPasswordAction,
  setUserDisabledAction,
  updateUserAction,
} from "@/lib/accounts/actions";
import { assignRoleInput, createUserInput, resetPasswordInput, updateUserInput } from "@/lib/accounts/schemas";
import { ROLES } from "@/lib/auth/permissions";
import { t, type MessageKey } from "@/lib/i18n";
import { Button } from "@/components/ui/button";
import { Field, SelectInput, TextInput } from "@/components/ui/field";
import { FormStatus } from "@/components/forms/form-status";
import { useActionForm } from "@/components/forms/use-action-form";

type UnitOption = { id: string; name: string; level: number };

function UnitOptions({ units }: { units: UnitOption[] }) {
  return (
    <>
      <option value="">—</option>
      {units.map((u) => (
        <option key={u.id} value={u.id}>{`${"— ".repeat(u.level)}${u.name}`}</option>
      ))}
    </>
  );
}

function RoleOptions() {
  return (
    <>
      {ROLES.map((r) => (
        <option key={r} value={r}>{t(`role.${r}` as MessageKey)}</option>
      ))}
    </>
  );
}

export function CreateUserForm({ units }: { units: UnitOption[] }) {
  const router = useRouter();
  const { form, onSubmit, status } = useActionForm(createUserInput, createUserAction, {
    defaultValues: { username: "", fullName: "", email: "", homeUnitId: units.length === 1 ? units[0]!.id : "", role: "officer", temporaryPassword: "" },
    onSuccess: ({ id }) => router.push(`/lam-viec/tai-khoan/${id}`),
  });
  const { errors, isSubmitting } = form.formState;
  return (
    <form onSubmit={onSubmit} noValidate>
      <fieldset disabled={isSubmitting} className="grid gap-3 sm:grid-cols-2">
        <Field label={t("account.username")} error={errors.username?.message} hint={t("validation.username")}>
          {(a) => <TextInput {...a} autoCapitalize="none" autoComplete="off" {...form.register("username")} />}
        </Field>
        <Field label={t("account.fullName")} error={errors.fullName?.message}>{(a) => <TextInput {...a} {...form.register("fullName")} />}</Field>
        <Field label={t("account.email")} error={errors.email?.message}>{(a) => <TextInput {...a} type="email" {...form.register("email")} />}</Field>
        <Field label={t("account.homeUnit")} error={errors.homeUnitId?.message}>
          {(a) => <SelectInput {...a} {...form.register("homeUnitId")}><UnitOptions units={units} /></SelectInput>}
        </Field>
        <Field label={t("account.initialRole")} error={errors.role?.message}>
          {(a) => <SelectInput {...a} {...form.register("role")}><RoleOptions /></SelectInput>}
        </Field>
        <Field label={t("account.tempPassword")} error={errors.temporaryPassword?.message} hint={t("account.tempPasswordHint")}>
          {(a) => <TextInput {...a} type="text" autoComplete="new-password" {...form.register("temporaryPassword")} />}
        </Field>
        <div className="sm:col-span-2 space-y-3">
          <FormStatus status={status} />
          <Button type="submit">{isSubmitting ? t("common.saving") : t("account.create")}</Button>
        </div>
      </fieldset>
    </form>
  );
}

export function UpdateUserForm({ user, units }: { user: { id: string; fullName: string; email: string; homeUnitId: string }; units: UnitOption[] }) {
  const router = useRouter();
  const { form, onSubmit, status } = useActionForm(updateUserInput, updateUserAction, {
    defaultValues: user,
    onSuccess: () => router.refresh(),
  });
  const { errors, isSubmitting } = form.formState;
  return (
    <form onSubmit={onSubmit} noValidate>
      <fieldset disabled={isSubmitting} className="space-y-3">
        <Field label={t("account.fullName")} error={errors.fullName?.message}>{(a) => <TextInput {...a} {...form.register("fullName")} />}</Field>
        <Field label={t("account.email")} error={errors.email?.message}>{(a) => <TextInput {...a} type="email" {...form.register("email")} />}</Field>
        <Field label={t("account.homeUnit")} error={errors.homeUnitId?.message}>
          {(a) => <SelectInput {...a} {...form.register("homeUnitId")}><UnitOptions units={units} /></SelectInput>}
        </Field>
        <FormStatus status={status} />
        <Button type="submit">{t("common.save")}</Button>
      </fieldset>
    </form>
  );
}

export function ResetPasswordForm({ id }: { id: string }) {
  const { form, onSubmit, status } = useActionForm<{ id: string; temporaryPassword: string }, { id: string }>(
    resetPasswordInput,
    resetUserPasswordAction,
    { defaultValues: { id, temporaryPassword: "" }, onSuccess: (): void => form.reset({ id, temporaryPassword: "" }) },
  );
  const { errors, isSubmitting } = form.formState;
  return (
    <form onSubmit={onSubmit} noValidate>
      <fieldset disabled={isSubmitting} className="space-y-3">
        <Field label={t("account.tempPassword")} error={errors.temporaryPassword?.message} hint={t("account.tempPasswordHint")}>
          {(a) => <TextInput {...a} type="text" autoComplete="new-password" {...form.register("temporaryPassword")} />}
        </Field>
        <FormStatus status={status} />
        <Button type="submit" variant="secondary">{t("account.resetPassword")}</Button>
      </fieldset>
    </form>
  );
}

export function AssignRoleForm({ userId, units }: { userId: string; units: UnitOption[] }) {
  const router = useRouter();
  const { form, onSubmit, status } = useActionForm(assignRoleInput, assignRoleAction, {
    defaultValues: { userId, role: "officer", unitId: "" },
    onSuccess: () => router.refresh(),
  });
  const { errors, isSubmitting } = form.formState;
  return (
    <form onSubmit={onSubmit} noValidate>
      <fieldset disabled={isSubmitting} className="grid gap-3 sm:grid-cols-[1fr_2fr_auto] sm:items-start">
        <Field label={t("account.role")} error={errors.role?.message}>
          {(a) => <SelectInput {...a} {...form.register("role")}><RoleOptions /></SelectInput>}
        </Field>
        <Field label={t("account.roleUnit")} error={errors.unitId?.message}>
          {(a) => <SelectInput {...a} {...form.register("unitId")}><UnitOptions units={units} /></SelectInput>}
        </Field>
        <Button type="submit" className="sm:mt-6">{t("account.assignRole")}</Button>
        <div className="sm:col-span-3"><FormStatus status={status} /></div>
      </fieldset>
    </form>
  );
}

function useImmediateAction() {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [status, setStatus] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const run = (call: () => Promise<{ ok: boolean; message?: string }>) =>
    startTransition(async () => {
      const result = await call();
      setStatus(result.ok ? (result.message ? { tone: "success", text: result.message } : null) : { tone: "error", text: result.message ?? "" });
      if (result.ok) router.refresh();
    });
  return { pending, status, run };
}

export function RemoveRoleButton({ assignmentId, label }: { assignmentId: string; label: string }) {
  const { pending, status, run } = useImmediateAction();
  return (
    <span className="flex flex-col items-end gap-1">
      <Button type="button" variant="ghost" disabled={pending} aria-label={label} onClick={() => run(() => removeRoleAction({ assignmentId }))}>
        {t("account.removeRole")}
      </Button>
      <FormStatus status={status} />
    </span>
  );
}

export function DisableUserButton({ id, disabled }: { id: string; disabled: boolean }) {
  const { pending, status, run } = useImmediateAction();
  return (
    <div className="space-y-3">
      <Button
        type="button"
        variant={disabled ? "secondary" : "danger"}
        disabled={pending}
        onClick={() => run(async () => {
          const result = await setUserDisabledAction({ id, disabled: !disabled });
          return result.ok ? { ok: true, message: t(disabled ? "account.enabledDone" : "account.disabledDone") } : result;
        })}
      >
        {disabled ? t("account.enable") : t("account.disable")}
      </Button>
      <FormStatus status={status} />
    </div>
  );
}
