"use client";

import { useRouter } from "next/navigation";
import { z } from "zod";
import { FormStatus } from "@/components/forms/form-status";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { Field, SelectInput, TextInput } from "@/components/ui/field";
import { t, type MessageKey } from "@/lib/i18n";
import { createSeriesAction } from "@/lib/meetings/actions";
import { RECURRENCE_KINDS, seriesFields } from "@/lib/meetings/schemas";
import type { MeetingFormOptions } from "@/lib/meetings/service";
import { parseAgenda } from "@/lib/meetings/agenda-text";
import { placeServerErrors, SharedFields, type SharedValues } from "./shared-fields";

export const WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"] as const;

const formSchema = seriesFields.omit({ agenda: true, rrule: true }).extend({
  agendaText: z.string().max(10_000),
  kind: z.enum(RECURRENCE_KINDS),
  weekdays: z.array(z.enum(WEEKDAYS)).default([]),
  interval: z.coerce.number().int().min(1, "meeting.durationRange").max(52, "meeting.durationRange"),
  monthDay: z.coerce.number().int().min(1).max(31),
  rrule: z.string().max(500),
});

export type SeriesValues = SharedValues & {
  unitId: string;
  title: string;
  startsOn: string;
  startTime: string;
  durationMinutes: number | string;
  kind: (typeof RECURRENCE_KINDS)[number];
  weekdays: string[];
  interval: number | string;
  monthDay: number | string;
  rrule: string;
};

/** The rule the simple choices make; an expert types it as RRULE. */
export function ruleOf(v: Pick<SeriesValues, "kind" | "weekdays" | "interval" | "monthDay" | "rrule">): string {
  const days = (v.weekdays.length ? v.weekdays : ["MO"]).join(",");
  if (v.kind === "weekly") return `FREQ=WEEKLY;BYDAY=${days}`;
  if (v.kind === "everyNWeeks") return `FREQ=WEEKLY;INTERVAL=${Number(v.interval) || 1};BYDAY=${days}`;
  if (v.kind === "monthly") return `FREQ=MONTHLY;BYMONTHDAY=${Number(v.monthDay) || 1}`;
  return v.rrule.trim();
}

/** "Lịch giao ban hằng tuần": prefilled Monday 09:00–10:30. */
export function SeriesForm({ options, initial }: { options: MeetingFormOptions; initial: SeriesValues }) {
  const router = useRouter();
  const { form, onSubmit, status } = useActionForm<SeriesValues, { id: string }>(
    formSchema,
    async ({ agendaText, kind, weekdays, interval, monthDay, rrule, ...values }) => {
      const result = await createSeriesAction({ ...values, durationMinutes: Number(values.durationMinutes), rrule: ruleOf({ kind, weekdays, interval, monthDay, rrule }), agenda: parseAgenda(agendaText) });
      if (result.ok) return result;
      const placed = placeServerErrors(result.fieldErrors);
      // A rule made from the choices is named at the choices; one typed in, at its field.
      if (placed.rrule && kind !== "custom") placed.kind = placed.rrule;
      return { ...result, fieldErrors: placed };
    },
    { defaultValues: initial, onSuccess: (data) => router.push(`/lam-viec/hop/lich/${data.id}`) },
  );
  const { register, formState, watch } = form;
  const errors = formState.errors;
  const msg = (name: keyof SeriesValues) => errors[name]?.message as string | undefined;
  const kind = watch("kind");
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <fieldset disabled={formState.isSubmitting} className="space-y-4">
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label={t("meetingForm.unit")} error={msg("unitId")}>
            {(p) => (
              <SelectInput {...p} {...register("unitId")}>
                <option value="">{t("meetingForm.chooseUnit")}</option>
                {options.units.map((u) => <option key={u.id} value={u.id}>{"\u00a0".repeat(Math.max(0, u.level - 1) * 2)}{u.name}</option>)}
              </SelectInput>
            )}
          </Field>
          <Field label={t("meetingForm.title")} error={msg("title")}>
            {(p) => <TextInput {...p} {...register("title")} />}
          </Field>
          <Field label={t("seriesForm.startsOn")} error={msg("startsOn")} hint="dd/MM/yyyy">
            {(p) => <TextInput {...p} inputMode="numeric" {...register("startsOn")} />}
          </Field>
          <div className="grid grid-cols-2 gap-4">
            <Field label={t("meetingForm.startTime")} error={msg("startTime")} hint="HH:mm">
              {(p) => <TextInput {...p} inputMode="numeric" {...register("startTime")} />}
            </Field>
            <Field label={t("seriesForm.duration")} error={msg("durationMinutes")}>
              {(p) => <TextInput {...p} inputMode="numeric" {...register("durationMinutes")} />}
            </Field>
          </div>
          <Field label={t("seriesForm.repeat")} error={msg("kind")}>
            {(p) => (
              <SelectInput {...p} {...register("kind")}>
                {RECURRENCE_KINDS.map((k) => <option key={k} value={k}>{t(`seriesForm.kind.${k}` as MessageKey)}</option>)}
              </SelectInput>
            )}
          </Field>
          {kind === "everyNWeeks" && (
            <Field label={t("seriesForm.interval")} error={msg("interval")}>
              {(p) => <TextInput {...p} inputMode="numeric" {...register("interval")} />}
            </Field>
          )}
          {kind === "monthly" && (
            <Field label={t("seriesForm.monthDay")} error={msg("monthDay")}>
              {(p) => <TextInput {...p} inputMode="numeric" {...register("monthDay")} />}
            </Field>
          )}
          {kind === "custom" && (
            <Field label={t("seriesForm.rrule")} error={msg("rrule")} hint={t("seriesForm.rruleHint")}>
              {(p) => <TextInput {...p} className="font-mono" {...register("rrule")} />}
            </Field>
          )}
        </div>
        {(kind === "weekly" || kind === "everyNWeeks") && (
          <fieldset className="space-y-1">
            <legend className="text-sm font-medium text-slate-800">{t("seriesForm.weekdays")}</legend>
            <div className="flex flex-wrap gap-3">
              {WEEKDAYS.map((d) => (
                <label key={d} className="inline-flex items-center gap-1 text-sm">
                  <input type="checkbox" value={d} {...register("weekdays")} /> {t(`seriesForm.day.${d}` as MessageKey)}
                </label>
              ))}
            </div>
          </fieldset>
        )}
        <SharedFields options={options} register={register} errors={errors} />
        <FormStatus status={status} />
        <Button type="submit">{t("seriesForm.submit")}</Button>
      </fieldset>
    </form>
  );
}
