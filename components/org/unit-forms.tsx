"use client";

import { useRouter } from "next/navigation";
import { createUnitAction, mergeUnitAction, moveUnitAction, updateUnitAction } from "@/lib/org/actions";
import { createUnitInput, mergeUnitInput, moveUnitInput, updateUnitInput } from "@/lib/org/schemas";
import { t } from "@/lib/i18n";
import { todayInVietnam } from "@/lib/i18n/format";
import { Button } from "@/components/ui/button";
import { Field, SelectInput, TextArea, TextInput } from "@/components/ui/field";
import { FormStatus } from "@/components/forms/form-status";
import { useActionForm } from "@/components/forms/use-action-form";

type UnitOption = { id: string; name: string; level: number };

function indent(o: UnitOption) {
  return `${"— ".repeat(o.level)}${o.name}`;
}

export function CreateUnitForm({ parentId, levels }: { parentId: string; levels: { level: number; name: string }[] }) {
  const router = useRouter();
  const { form, onSubmit, status } = useActionForm(createUnitInput, createUnitAction, {
    defaultValues: { parentId, name: "", code: "", level: levels[0]?.level ?? 1 },
    onSuccess: ({ id }) => router.push(`/lam-viec/don-vi/${id}`),
  });
  const { errors, isSubmitting } = form.formState;
  return (
    <form onSubmit={onSubmit} noValidate>
      <fieldset disabled={isSubmitting} className="space-y-3">
        <Field label={t("unit.name")} error={errors.name?.message}>{(a) => <TextInput {...a} {...form.register("name")} />}</Field>
        <Field label={t("unit.code")} error={errors.code?.message} hint={t("validation.code")}>{(a) => <TextInput {...a} {...form.register("code")} />}</Field>
        <Field label={t("unit.level")} error={errors.level?.message}>
          {(a) => (
            <SelectInput {...a} {...form.register("level")}>
              {levels.map((l) => <option key={l.level} value={l.level}>{l.name}</option>)}
            </SelectInput>
          )}
        </Field>
        <FormStatus status={status} />
        <Button type="submit">{t("common.create")}</Button>
      </fieldset>
    </form>
  );
}

export function RenameUnitForm({ id, name, code }: { id: string; name: string; code: string }) {
  const router = useRouter();
  const { form, onSubmit, status } = useActionForm(updateUnitInput, updateUnitAction, {
    defaultValues: { id, name, code },
    onSuccess: () => router.refresh(),
  });
  const { errors, isSubmitting } = form.formState;
  return (
    <form onSubmit={onSubmit} noValidate>
      <fieldset disabled={isSubmitting} className="space-y-3">
        <Field label={t("unit.name")} error={errors.name?.message}>{(a) => <TextInput {...a} {...form.register("name")} />}</Field>
        <Field label={t("unit.code")} error={errors.code?.message}>{(a) => <TextInput {...a} {...form.register("code")} />}</Field>
        <FormStatus status={status} />
        <Button type="submit">{t("common.save")}</Button>
      </fieldset>
    </form>
  );
}

export function MoveUnitForm({ id, options }: { id: string; options: UnitOption[] }) {
  const router = useRouter();
  const { form, onSubmit, status } = useActionForm(moveUnitInput, moveUnitAction, {
    defaultValues: { id, newParentId: "" },
    onSuccess: () => router.refresh(),
  });
  const { errors, isSubmitting } = form.formState;
  return (
    <form onSubmit={onSubmit} noValidate>
      <fieldset disabled={isSubmitting} className="space-y-3">
        <Field label={t("unit.newParent")} error={errors.newParentId?.message}>
          {(a) => (
            <SelectInput {...a} {...form.register("newParentId")}>
              <option value="">—</option>
              {options.map((o) => <option key={o.id} value={o.id}>{indent(o)}</option>)}
            </SelectInput>
          )}
        </Field>
        <FormStatus status={status} />
        <Button type="submit" variant="secondary">{t("unit.move")}</Button>
      </fieldset>
    </form>
  );
}

export function MergeUnitForm({ id, options }: { id: string; options: UnitOption[] }) {
  const router = useRouter();
  const { form, onSubmit, status } = useActionForm(mergeUnitInput, mergeUnitAction, {
    defaultValues: { id, targetId: "", effectiveOn: todayInVietnam(), note: "" },
    onSuccess: ({ targetId }) => router.push(`/lam-viec/don-vi/${targetId}`),
  });
  const { errors, isSubmitting } = form.formState;
  return (
    <form onSubmit={onSubmit} noValidate>
      <fieldset disabled={isSubmitting} className="space-y-3">
        <p className="text-sm text-slate-700">{t("unit.mergeHelp")}</p>
        <Field label={t("unit.mergeTarget")} error={errors.targetId?.message}>
          {(a) => (
            <SelectInput {...a} {...form.register("targetId")}>
              <option value="">—</option>
              {options.map((o) => <option key={o.id} value={o.id}>{indent(o)}</option>)}
            </SelectInput>
          )}
        </Field>
        <Field label={t("unit.mergeDate")} error={errors.effectiveOn?.message}>{(a) => <TextInput {...a} type="date" {...form.register("effectiveOn")} />}</Field>
        <Field label={t("unit.mergeNote")} error={errors.note?.message}>{(a) => <TextArea {...a} rows={2} {...form.register("note")} />}</Field>
        <FormStatus status={status} />
        <Button type="submit" variant="danger">{t("unit.merge")}</Button>
      </fieldset>
    </form>
  );
}
