"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { createMemberAction, updateMemberAction } from "@/lib/members/actions";
import { ETHNICITIES, EDUCATION_LEVELS, RELIGIONS } from "@/lib/members/catalogues";
import { createMemberInput, updateMemberInput } from "@/lib/members/schemas";
import { t, type MessageKey } from "@/lib/i18n";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, SelectInput, TextInput } from "@/components/ui/field";
import { FormStatus } from "@/components/forms/form-status";
import { useActionForm } from "@/components/forms/use-action-form";
import type { UseFormReturn } from "react-hook-form";

export interface MemberFormValues {
  fullName: string;
  birthDate: string;
  gender: string;
  ethnicity: string;
  religion: string;
  nationalId: string;
  hometown: string;
  currentAddress: string;
  phone: string;
  email: string;
  education: string;
  qualification: string;
  occupation: string;
  joinedOn: string;
  partyJoinedOn: string;
  lawfulBasis: string;
}

export const EMPTY_MEMBER: MemberFormValues = {
  fullName: "", birthDate: "", gender: "", ethnicity: "", religion: "", nationalId: "", hometown: "", currentAddress: "",
  phone: "", email: "", education: "", qualification: "", occupation: "", joinedOn: "", partyJoinedOn: "", lawfulBasis: "consent",
};

type AnyForm = UseFormReturn<MemberFormValues & Record<string, unknown>>;

/** The record's fields, laid out once for the entry form and the edit form. */
function RecordFields({ form }: { form: AnyForm }) {
  const { errors } = form.formState;
  const err = (k: keyof MemberFormValues) => errors[k]?.message as string | undefined;
  const text = (k: keyof MemberFormValues, label: MessageKey, props: Record<string, unknown> = {}) => (
    <Field label={t(label)} error={err(k)}>{(a) => <TextInput {...a} {...props} {...form.register(k)} />}</Field>
  );
  const choice = (k: keyof MemberFormValues, label: MessageKey, options: readonly string[]) => (
    <Field label={t(label)} error={err(k)}>
      {(a) => (
        <SelectInput {...a} {...form.register(k)}>
          <option value="">—</option>
          {options.map((o) => <option key={o} value={o}>{o}</option>)}
        </SelectInput>
      )}
    </Field>
  );
  return (
    <>
      {text("fullName", "member.fullName", { autoComplete: "off" })}
      {text("birthDate", "member.birthDate", { type: "date" })}
      <Field label={t("member.gender")} error={err("gender")}>
        {(a) => (
          <SelectInput {...a} {...form.register("gender")}>
            <option value="">—</option>
            <option value="male">{t("member.gender.male")}</option>
            <option value="female">{t("member.gender.female")}</option>
          </SelectInput>
        )}
      </Field>
      {choice("ethnicity", "member.ethnicity", ETHNICITIES)}
      {choice("religion", "member.religion", RELIGIONS)}
      <Field label={t("member.nationalId")} hint={t("member.nationalIdHint")} error={err("nationalId")}>
        {(a) => <TextInput {...a} inputMode="numeric" autoComplete="off" {...form.register("nationalId")} />}
      </Field>
      {text("phone", "member.phone", { type: "tel", inputMode: "tel" })}
      {text("email", "member.email", { type: "email" })}
      {text("hometown", "member.hometown")}
      {text("currentAddress", "member.currentAddress")}
      {choice("education", "member.education", EDUCATION_LEVELS)}
      {text("qualification", "member.qualification")}
      {text("occupation", "member.occupation")}
      {text("joinedOn", "member.joinedOn", { type: "date" })}
      {text("partyJoinedOn", "member.partyJoinedOn", { type: "date" })}
      <Field label={t("member.lawfulBasis")} error={err("lawfulBasis")}>
        {(a) => (
          <SelectInput {...a} {...form.register("lawfulBasis")}>
            <option value="consent">{t("member.lawfulBasis.consent")}</option>
            <option value="charter">{t("member.lawfulBasis.charter")}</option>
          </SelectInput>
        )}
      </Field>
    </>
  );
}

export function CreateMemberForm({ units }: { units: { id: string; name: string; level: number }[] }) {
  const router = useRouter();
  const { form, onSubmit, status } = useActionForm<MemberFormValues & { unitId: string; mode: string }, { id: string }>(
    createMemberInput,
    createMemberAction as never,
    { defaultValues: { ...EMPTY_MEMBER, unitId: units.length === 1 ? units[0]!.id : "", mode: "record" }, onSuccess: ({ id }) => router.push(`/lam-viec/hoi-vien/${id}`) },
  );
  const { errors, isSubmitting } = form.formState;
  return (
    <form onSubmit={onSubmit} noValidate>
      <fieldset disabled={isSubmitting} className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        <Field label={t("member.unit")} error={errors.unitId?.message}>
          {(a) => (
            <SelectInput {...a} {...form.register("unitId")}>
              <option value="">—</option>
              {units.map((u) => <option key={u.id} value={u.id}>{`${"— ".repeat(u.level)}${u.name}`}</option>)}
            </SelectInput>
          )}
        </Field>
        <Field label={t("member.mode")} error={errors.mode?.message}>
          {(a) => (
            <SelectInput {...a} {...form.register("mode")}>
              <option value="record">{t("member.mode.record")}</option>
              <option value="admit">{t("member.mode.admit")}</option>
            </SelectInput>
          )}
        </Field>
        <RecordFields form={form as unknown as AnyForm} />
        <div className="space-y-3 sm:col-span-2 lg:col-span-3">
          <FormStatus status={status} />
          <Button type="submit">{isSubmitting ? t("common.saving") : t("member.create")}</Button>
        </div>
      </fieldset>
    </form>
  );
}

export function EditMemberForm({ id, version, values }: { id: string; version: number; values: MemberFormValues }) {
  const router = useRouter();
  const [changed, setChanged] = useState<string[] | null>(null);
  const { form, onSubmit, status } = useActionForm<MemberFormValues & { id: string; version: number }, { version: number }>(
    updateMemberInput,
    updateMemberAction as never,
    {
      defaultValues: { ...values, id, version },
      onSuccess: ({ version: next }) => {
        setChanged(null);
        form.setValue("version", next);
        router.refresh();
      },
      onFailure: (result) => {
        const details = result.details as { version: number; current: Record<string, string | null>; changedFields: string[] } | undefined;
        if (result.code !== "conflict" || !details) return;
        // Keep what was typed; move to the newer version and say which fields someone else changed.
        form.setValue("version", details.version);
        setChanged(details.changedFields.map((f) => `${t(`member.${f}` as MessageKey)}: ${details.current[f] ?? "—"}`));
      },
    },
  );
  const { isSubmitting } = form.formState;
  return (
    <form onSubmit={onSubmit} noValidate>
      <fieldset disabled={isSubmitting} className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        <RecordFields form={form as unknown as AnyForm} />
        <div className="space-y-3 sm:col-span-2 lg:col-span-3">
          {changed && <Alert tone="error">{t("member.conflictChanged", { fields: changed.join("; ") })}</Alert>}
          <FormStatus status={status} />
          <Button type="submit">{isSubmitting ? t("common.saving") : t("common.save")}</Button>
        </div>
      </fieldset>
    </form>
  );
}
