"use client";

import type { FieldErrors, UseFormRegister } from "react-hook-form";
import { Field, SelectInput, TextArea } from "@/components/ui/field";
import { t } from "@/lib/i18n";
import type { MeetingFormOptions } from "@/lib/meetings/service";

/** The fields a meeting and a series share: chair, room, participants (people and whole units) and the agenda. */
export interface SharedValues {
  chairId: string;
  roomId: string;
  participantUserIds: string[];
  participantUnitIds: string[];
  agendaText: string;
}

const message = (errors: FieldErrors, name: string) => (errors[name]?.message as string | undefined) ?? undefined;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function SharedFields({ options, register, errors }: { options: MeetingFormOptions; register: UseFormRegister<any>; errors: FieldErrors }) {
  return (
    <>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label={t("meetingForm.chair")} error={message(errors, "chairId")}>
          {(p) => (
            <SelectInput {...p} {...register("chairId")}>
              <option value="">{t("meetingForm.noChair")}</option>
              {options.people.map((u) => <option key={u.id} value={u.id}>{u.fullName} — {u.unitName}</option>)}
            </SelectInput>
          )}
        </Field>
        <Field label={t("meetingForm.room")} error={message(errors, "roomId")} hint={t("meetingForm.roomHint")}>
          {(p) => (
            <SelectInput {...p} {...register("roomId")}>
              <option value="">{t("meetingForm.noRoom")}</option>
              {options.rooms.map((r) => <option key={r.id} value={r.id}>{r.name} ({t(r.kind === "online" ? "meetingForm.online" : "meetingForm.physical")}, {r.unitName})</option>)}
            </SelectInput>
          )}
        </Field>
        <Field label={t("meetingForm.participantUsers")} error={message(errors, "participantUserIds")} hint={t("meetingForm.multiHint")}>
          {(p) => (
            <SelectInput {...p} multiple size={6} {...register("participantUserIds")}>
              {options.people.map((u) => <option key={u.id} value={u.id}>{u.fullName} — {u.unitName}</option>)}
            </SelectInput>
          )}
        </Field>
        <Field label={t("meetingForm.participantUnits")} error={message(errors, "participantUnitIds")} hint={t("meetingForm.unitsHint")}>
          {(p) => (
            <SelectInput {...p} multiple size={6} {...register("participantUnitIds")}>
              {options.units.map((u) => <option key={u.id} value={u.id}>{"\u00a0".repeat(Math.max(0, u.level - 1) * 2)}{u.name}</option>)}
            </SelectInput>
          )}
        </Field>
      </div>
      <Field label={t("meetingForm.agenda")} error={message(errors, "agendaText")} hint={t("meetingForm.agendaHint")}>
        {(p) => <TextArea {...p} rows={4} {...register("agendaText")} />}
      </Field>
    </>
  );
}

/** The service names times by instant; the form by its day and clock fields. */
export function placeServerErrors(fieldErrors: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [field, text] of Object.entries(fieldErrors)) {
    const name = field === "startsAt" ? "startTime" : field === "endsAt" ? "endTime" : field.startsWith("agenda") ? "agendaText" : field;
    out[name] ??= text;
  }
  return out;
}
