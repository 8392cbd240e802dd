"use client";

import { useRouter } from "next/navigation";
import { z } from "zod";
import { FormStatus } from "@/components/forms/form-status";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { Field, SelectInput, TextInput } from "@/components/ui/field";
import { t } from "@/lib/i18n";
import { createMeetingAction, updateMeetingAction } from "@/lib/meetings/actions";
import { meetingFields } from "@/lib/meetings/schemas";
import type { MeetingFormOptions } from "@/lib/meetings/service";
import { uuidField } from "@/lib/validation";
import { parseAgenda } from "@/lib/meetings/agenda-text";
import { placeServerErrors, SharedFields, type SharedValues } from "./shared-fields";

const fieldsSchema = meetingFields.omit({ agenda: true }).extend({ agendaText: z.string().max(10_000) });
const createSchema = fieldsSchema.extend({ unitId: uuidField });

type Values = SharedValues & { unitId: string; title: string; date: string; startTime: string; endTime: string; documentIds: string[] };

/** Creating a meeting, or editing one: its unit stays (updateMeeting does not move a meeting to another unit). */
export type MeetingFormMode = { kind: "create" } | { kind: "edit"; id: string; version: number; unitName: string };

/** A one-off meeting, or a change to any meeting: day dd/MM/yyyy and times HH:mm in Vietnam. */
export function MeetingForm({ options, initial, mode = { kind: "create" } }: { options: MeetingFormOptions; initial: Values; mode?: MeetingFormMode }) {
  const router = useRouter();
  const { form, onSubmit, status } = useActionForm<Values, { id: string }>(
    mode.kind === "edit" ? fieldsSchema : createSchema,
    async ({ agendaText, unitId, ...values }) => {
      const agenda = parseAgenda(agendaText);
      const result =
        mode.kind === "edit"
          ? await updateMeetingAction({ ...values, agenda, id: mode.id, version: mode.version })
          : await createMeetingAction({ ...values, unitId, agenda });
      if (!result.ok) return { ...result, fieldErrors: placeServerErrors(result.fieldErrors) };
      return { ...result, data: { id: mode.kind === "edit" ? mode.id : (result.data as { id: string }).id } };
    },
    { defaultValues: initial, onSuccess: (data) => router.push(`/lam-viec/hop/${data.id}`) },
  );
  const { register, formState } = form;
  const errors = formState.errors;
  const msg = (name: keyof Values) => errors[name]?.message as string | undefined;
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <fieldset disabled={formState.isSubmitting} className="space-y-4">
        <div className="grid gap-4 sm:grid-cols-2">
          {mode.kind === "edit" ? (
            <div className="space-y-1">
              <p className="text-sm font-medium text-slate-800">{t("meetingForm.unit")}</p>
              <p className="text-sm">{mode.unitName}</p>
              <p className="text-xs text-slate-600">{t("meetingEdit.unitFixed", { unit: mode.unitName })}</p>
            </div>
          ) : (
            <Field label={t("meetingForm.unit")} error={msg("unitId")}>
              {(p) => (
                <SelectInput {...p} {...register("unitId")}>
                  <option value="">{t("meetingForm.chooseUnit")}</option>
                  {options.units.map((u) => <option key={u.id} value={u.id}>{"\u00a0".repeat(Math.max(0, u.level - 1) * 2)}{u.name}</option>)}
                </SelectInput>
              )}
            </Field>
          )}
          <Field label={t("meetingForm.title")} error={msg("title")}>
            {(p) => <TextInput {...p} {...register("title")} />}
          </Field>
          <Field label={t("meetingForm.date")} error={msg("date")} hint="dd/MM/yyyy">
            {(p) => <TextInput {...p} inputMode="numeric" placeholder="dd/MM/yyyy" {...register("date")} />}
          </Field>
          <div className="grid grid-cols-2 gap-4">
            <Field label={t("meetingForm.startTime")} error={msg("startTime")} hint="HH:mm">
              {(p) => <TextInput {...p} inputMode="numeric" placeholder="09:00" {...register("startTime")} />}
            </Field>
            <Field label={t("meetingForm.endTime")} error={msg("endTime")} hint="HH:mm">
              {(p) => <TextInput {...p} inputMode="numeric" placeholder="10:30" {...register("endTime")} />}
            </Field>
          </div>
        </div>
        <SharedFields options={options} register={register} errors={errors} />
        <Field label={t("meetingForm.documents")} error={msg("documentIds")} hint={t("meetingForm.multiHint")}>
          {(p) => (
            <SelectInput {...p} multiple size={5} {...register("documentIds")}>
              {options.documents.map((d) => <option key={d.id} value={d.id}>{d.numberSymbol} — {d.abstract}</option>)}
            </SelectInput>
          )}
        </Field>
        <FormStatus status={status} />
        <Button type="submit">{t(mode.kind === "edit" ? "meetingEdit.save" : "meeting.create")}</Button>
      </fieldset>
    </form>
  );
}
