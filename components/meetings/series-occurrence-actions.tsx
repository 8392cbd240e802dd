"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormStatus } from "@/components/forms/form-status";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { Field, TextInput } from "@/components/ui/field";
import { t } from "@/lib/i18n";
import { changeSeriesFromAction, moveOccurrenceAction, skipOccurrenceAction } from "@/lib/meetings/actions";
import { changeSeriesFromInput, moveOccurrenceInput, skipOccurrenceInput } from "@/lib/meetings/schemas";

/** Skip or move one date of a series; each opens a small form in place. */
export function OccurrenceActions({ seriesId, occurrenceDate, dayText, time }: { seriesId: string; occurrenceDate: string; dayText: string; time: { startTime: string; endTime: string } }) {
  const [open, setOpen] = useState<"skip" | "move" | null>(null);
  return (
    <div className="space-y-2">
      <div className="flex gap-2">
        <Button type="button" variant="secondary" onClick={() => setOpen(open === "skip" ? null : "skip")} aria-expanded={open === "skip"}>{t("seriesPage.skip")}</Button>
        <Button type="button" variant="secondary" onClick={() => setOpen(open === "move" ? null : "move")} aria-expanded={open === "move"}>{t("seriesPage.move")}</Button>
      </div>
      {open === "skip" && <SkipForm seriesId={seriesId} occurrenceDate={occurrenceDate} />}
      {open === "move" && <MoveForm seriesId={seriesId} occurrenceDate={occurrenceDate} dayText={dayText} time={time} />}
    </div>
  );
}

function SkipForm({ seriesId, occurrenceDate }: { seriesId: string; occurrenceDate: string }) {
  const router = useRouter();
  const { form, onSubmit, status } = useActionForm<{ seriesId: string; occurrenceDate: string; reason: string }, unknown>(skipOccurrenceInput, skipOccurrenceAction, {
    defaultValues: { seriesId, occurrenceDate, reason: "" },
    onSuccess: () => router.refresh(),
  });
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-2 rounded-md border border-slate-200 p-3">
      <fieldset disabled={form.formState.isSubmitting} className="space-y-2">
        <Field label={t("seriesPage.reason")} error={form.formState.errors.reason?.message} hint={t("seriesPage.reasonHint")}>
          {(p) => <TextInput {...p} {...form.register("reason")} />}
        </Field>
        <FormStatus status={status} />
        <Button type="submit" variant="danger">{t("seriesPage.confirmSkip")}</Button>
      </fieldset>
    </form>
  );
}

type MoveValues = { seriesId: string; occurrenceDate: string; date: string; startTime: string; endTime: string };

function MoveForm({ seriesId, occurrenceDate, dayText, time }: { seriesId: string; occurrenceDate: string; dayText: string; time: { startTime: string; endTime: string } }) {
  const router = useRouter();
  const { form, onSubmit, status } = useActionForm<MoveValues, unknown>(moveOccurrenceInput, moveOccurrenceAction, {
    defaultValues: { seriesId, occurrenceDate, date: dayText, ...time },
    onSuccess: () => router.refresh(),
  });
  const errors = form.formState.errors;
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-2 rounded-md border border-slate-200 p-3">
      <fieldset disabled={form.formState.isSubmitting} className="grid gap-2 sm:grid-cols-3">
        <Field label={t("meetingForm.date")} error={errors.date?.message} hint="dd/MM/yyyy">
          {(p) => <TextInput {...p} {...form.register("date")} />}
        </Field>
        <Field label={t("meetingForm.startTime")} error={errors.startTime?.message}>
          {(p) => <TextInput {...p} {...form.register("startTime")} />}
        </Field>
        <Field label={t("meetingForm.endTime")} error={errors.endTime?.message}>
          {(p) => <TextInput {...p} {...form.register("endTime")} />}
        </Field>
        <div className="sm:col-span-3 space-y-2">
          <FormStatus status={status} />
          <Button type="submit">{t("seriesPage.confirmMove")}</Button>
        </div>
      </fieldset>
    </form>
  );
}

export interface ChangeFromInitial {
  seriesId: string;
  fromDate: string;
  title: string;
  rrule: string;
  startTime: string;
  durationMinutes: number;
  chairId: string;
  roomId: string;
  participantUserIds: string[];
  participantUnitIds: string[];
  agenda: { title: string; presenter: string; durationMinutes: number | null }[];
}

/** "Thay đổi từ ngày này": the series ends the day before and a continuing one starts with the changes. */
export function ChangeFromForm({ initial }: { initial: ChangeFromInitial }) {
  const router = useRouter();
  const { form, onSubmit, status } = useActionForm<ChangeFromInitial, { id: string }>(changeSeriesFromInput, changeSeriesFromAction, {
    defaultValues: initial,
    onSuccess: (data) => router.push(`/lam-viec/hop/lich/${data.id}`),
  });
  const errors = form.formState.errors;
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3">
      <fieldset disabled={form.formState.isSubmitting} className="grid gap-3 sm:grid-cols-2">
        <Field label={t("seriesPage.fromDate")} error={errors.fromDate?.message} hint="dd/MM/yyyy">
          {(p) => <TextInput {...p} {...form.register("fromDate")} />}
        </Field>
        <Field label={t("meetingForm.title")} error={errors.title?.message}>
          {(p) => <TextInput {...p} {...form.register("title")} />}
        </Field>
        <Field label={t("meetingForm.startTime")} error={errors.startTime?.message} hint="HH:mm">
          {(p) => <TextInput {...p} {...form.register("startTime")} />}
        </Field>
        <Field label={t("seriesForm.duration")} error={errors.durationMinutes?.message}>
          {(p) => <TextInput {...p} inputMode="numeric" {...form.register("durationMinutes")} />}
        </Field>
        <Field label={t("seriesForm.rrule")} error={errors.rrule?.message} hint={t("seriesForm.rruleHint")}>
          {(p) => <TextInput {...p} className="font-mono" {...form.register("rrule")} />}
        </Field>
        <div className="sm:col-span-2 space-y-2">
          <p className="text-sm text-slate-600">{t("seriesPage.changeKeeps")}</p>
          <FormStatus status={status} />
          <Button type="submit">{t("seriesPage.confirmChange")}</Button>
        </div>
      </fieldset>
    </form>
  );
}
