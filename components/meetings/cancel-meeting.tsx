"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormStatus } from "@/components/forms/form-status";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { Field, TextInput } from "@/components/ui/field";
import { t } from "@/lib/i18n";
import { cancelMeetingAction } from "@/lib/meetings/actions";
import { cancelMeetingInput } from "@/lib/meetings/schemas";

export function CancelMeeting({ id }: { id: string }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const { form, onSubmit, status } = useActionForm<{ id: string; reason: string }, unknown>(cancelMeetingInput, cancelMeetingAction, {
    defaultValues: { id, reason: "" },
    onSuccess: () => router.refresh(),
  });
  if (!open) return <Button type="button" variant="danger" onClick={() => setOpen(true)}>{t("meetingPage.cancel")}</Button>;
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-2 rounded-md border border-red-200 p-3">
      <fieldset disabled={form.formState.isSubmitting} className="space-y-2">
        <Field label={t("seriesPage.reason")} error={form.formState.errors.reason?.message}>
          {(p) => <TextInput {...p} {...form.register("reason")} />}
        </Field>
        <FormStatus status={status} />
        <Button type="submit" variant="danger">{t("meetingPage.confirmCancel")}</Button>
      </fieldset>
    </form>
  );
}
