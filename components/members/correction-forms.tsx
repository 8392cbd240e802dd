"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import { decideCorrectionAction, requestCorrectionAction } from "@/lib/members/actions";
import { t, type MessageKey } from "@/lib/i18n";
import { Button } from "@/components/ui/button";
import { Field, TextInput } from "@/components/ui/field";
import { FormStatus } from "@/components/forms/form-status";

const FIELDS = ["fullName", "birthDate", "hometown", "currentAddress", "phone", "email", "education", "qualification", "occupation"] as const;
type Values = Record<(typeof FIELDS)[number] | "note", string>;

export function CorrectionRequestForm() {
  const router = useRouter();
  const form = useForm<Values>({ defaultValues: Object.fromEntries([...FIELDS, "note"].map((f) => [f, ""])) as Values });
  const [status, setStatus] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const onSubmit = form.handleSubmit(async ({ note, ...changes }) => {
    const result = await requestCorrectionAction({ changes, note });
    if (result.ok) {
      setErrors({});
      setStatus({ tone: "success", text: result.message ?? "" });
      form.reset();
      router.refresh();
    } else {
      setErrors(Object.fromEntries(Object.entries(result.fieldErrors).map(([k, v]) => [k.replace(/^changes\./, ""), v])));
      setStatus({ tone: "error", text: result.message });
    }
  });
  return (
    <form onSubmit={onSubmit} noValidate>
      <fieldset disabled={form.formState.isSubmitting} className="grid gap-3 sm:grid-cols-2">
        {FIELDS.map((f) => (
          <Field key={f} label={t(`member.${f}` as MessageKey)} error={errors[f]}>
            {(a) => <TextInput {...a} type={f === "birthDate" ? "date" : "text"} {...form.register(f)} />}
          </Field>
        ))}
        <Field label={t("member.correctionNote")} error={errors.note}>{(a) => <TextInput {...a} {...form.register("note")} />}</Field>
        <div className="space-y-3 sm:col-span-2">
          <FormStatus status={status} />
          <Button type="submit">{t("member.correction")}</Button>
        </div>
      </fieldset>
    </form>
  );
}

export function DecideCorrection({ correctionId }: { correctionId: string }) {
  const [pending, startTransition] = useTransition();
  const [status, setStatus] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const [done, setDone] = useState(false);
  const decide = (approve: boolean) =>
    startTransition(async () => {
      const result = await decideCorrectionAction({ correctionId, approve });
      setStatus(result.ok ? { tone: "success", text: result.message ?? "" } : { tone: "error", text: result.message });
      setDone(result.ok);
    });
  // Once decided, the confirmation stays in place; the record below shows the change on reload.
  if (done) return <FormStatus status={status} />;
  return (
    <span className="flex flex-wrap items-center gap-2">
      <Button type="button" disabled={pending} onClick={() => decide(true)}>{t("member.approve")}</Button>
      <Button type="button" variant="secondary" disabled={pending} onClick={() => decide(false)}>{t("member.decline")}</Button>
      <FormStatus status={status} />
    </span>
  );
}
