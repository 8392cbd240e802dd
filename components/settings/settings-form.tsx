"use client";

import { useRouter } from "next/navigation";
import { z } from "zod";
import { updateSettingsAction } from "@/lib/org/actions";
import { agesInOrder, agesInOrderMessage, settingsFields } from "@/lib/org/schemas";
import { t } from "@/lib/i18n";
import { Button } from "@/components/ui/button";
import { Field, SelectInput, TextArea, TextInput } from "@/components/ui/field";
import { FormStatus } from "@/components/forms/form-status";
import { useActionForm } from "@/components/forms/use-action-form";

type Values = {
  orgName: string;
  shortName: string;
  memberTerm: string;
  levelNames: string;
  numberingStyle: "ND30" | "HD36";
  address: string;
  phone: string;
  email: string;
  admissionMinAge: string;
  admissionMaxAge: string;
};

const toLevels = (text: string) => text.split("\n").map((l) => l.trim()).filter(Boolean);

// The form edits level names as lines of text; the action receives the list.
const formSchema = settingsFields
  .extend({ levelNames: z.string().transform(toLevels).pipe(settingsFields.shape.levelNames) })
  .refine(agesInOrder, agesInOrderMessage);

export function SettingsForm({ values }: { values: Values }) {
  const router = useRouter();
  const { form, onSubmit, status } = useActionForm<Values, null>(
    formSchema,
    (input) => updateSettingsAction({ ...input, levelNames: toLevels(input.levelNames) }),
    { defaultValues: values, onSuccess: () => router.refresh() },
  );
  const { errors, isSubmitting } = form.formState;
  return (
    <form onSubmit={onSubmit} noValidate>
      <fieldset disabled={isSubmitting} className="grid gap-3 sm:grid-cols-2">
        <Field label={t("settings.orgName")} error={errors.orgName?.message}>{(a) => <TextInput {...a} {...form.register("orgName")} />}</Field>
        <Field label={t("settings.shortName")} error={errors.shortName?.message}>{(a) => <TextInput {...a} {...form.register("shortName")} />}</Field>
        <Field label={t("settings.memberTerm")} hint={t("settings.memberTermHint")} error={errors.memberTerm?.message}>{(a) => <TextInput {...a} {...form.register("memberTerm")} />}</Field>
        <Field label={t("settings.numberingStyle")} error={errors.numberingStyle?.message}>
          {(a) => (
            <SelectInput {...a} {...form.register("numberingStyle")}>
              <option value="ND30">{t("settings.styleND30")}</option>
              <option value="HD36">{t("settings.styleHD36")}</option>
            </SelectInput>
          )}
        </Field>
        <div className="sm:col-span-2">
          <Field label={t("settings.levelNames")} error={errors.levelNames?.message}>{(a) => <TextArea {...a} rows={5} {...form.register("levelNames")} />}</Field>
        </div>
        <Field label={t("settings.admissionMinAge")} hint={t("settings.admissionAgeHint")} error={errors.admissionMinAge?.message}>
          {(a) => <TextInput {...a} inputMode="numeric" {...form.register("admissionMinAge")} />}
        </Field>
        <Field label={t("settings.admissionMaxAge")} error={errors.admissionMaxAge?.message}>
          {(a) => <TextInput {...a} inputMode="numeric" {...form.register("admissionMaxAge")} />}
        </Field>
        <Field label={t("settings.address")} error={errors.address?.message}>{(a) => <TextInput {...a} {...form.register("address")} />}</Field>
        <Field label={t("settings.phone")} error={errors.phone?.message}>{(a) => <TextInput {...a} {...form.register("phone")} />}</Field>
        <Field label={t("settings.email")} error={errors.email?.message}>{(a) => <TextInput {...a} type="email" {...form.register("email")} />}</Field>
        <div className="space-y-3 sm:col-span-2">
          <FormStatus status={status} />
          <Button type="submit">{t("common.save")}</Button>
        </div>
      </fieldset>
    </form>
  );
}
