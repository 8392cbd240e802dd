import { z } from "zod";
import { optionalText, requiredText, uuidField } from "@/lib/validation";
import { isValidRule, WEEKLY_BRIEFING, zonedInstant } from "./recurrence";

/*
 * One schema per input, shared by the forms and the actions. Days are typed dd/MM/yyyy and times
 * HH:mm on the wall clock of Vietnam; the schemas give yyyy-MM-dd days and, for one meeting, the
 * instants.
 */

const DAY_VN = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
const DAY_ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

/** dd/MM/yyyy (or yyyy-MM-dd) to yyyy-MM-dd; null when it names no real day. */
export function parseDay(value: string): string | null {
  const text = value.trim();
  let y: number, m: number, d: number;
  const vn = DAY_VN.exec(text);
  const iso = DAY_ISO.exec(text);
  if (vn) [d, m, y] = [Number(vn[1]), Number(vn[2]), Number(vn[3])];
  else if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}

/** yyyy-MM-dd as dd/MM/yyyy, for a form's initial values. */
export const dayForForm = (day: string) => `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;

export const dayField = z
  .string("validation.required")
  .trim()
  .min(1, "validation.required")
  .transform((v, ctx) => {
    const day = parseDay(v);
    if (!day) {
      ctx.addIssue({ code: "custom", message: "validation.date" });
      return z.NEVER;
    }
    return day;
  });

export const timeField = z
  .string("validation.required")
  .trim()
  .regex(/^([01]?\d|2[0-3]):[0-5]\d$/, "meeting.timeFormat")
  .transform((v) => v.padStart(5, "0"));

const idList = z.array(uuidField).max(500).default([]);

export const agendaItemInput = z.object({
  title: requiredText(300),
  presenter: optionalText(120),
  durationMinutes: z.union([z.literal(""), z.null(), z.coerce.number().int().min(1, "meeting.durationRange").max(600, "meeting.durationRange")]).optional().transform((v) => (v === "" || v == null ? null : v)),
});
export type AgendaItemInput = z.output<typeof agendaItemInput>;

const blankToNull = (schema: z.ZodType<string>) => z.union([z.literal(""), z.null(), schema]).optional().transform((v) => (v ? v : null));

/** Who takes part and where: shared by series and one-off meetings. */
const commonFields = {
  title: requiredText(300),
  chairId: blankToNull(uuidField),
  roomId: blankToNull(uuidField),
  participantUserIds: idList,
  participantUnitIds: idList,
  agenda: z.array(agendaItemInput).max(50).default([]),
};

export const RECURRENCE_KINDS = ["weekly", "everyNWeeks", "monthly", "custom"] as const;

export const seriesFields = z.object({
  ...commonFields,
  unitId: uuidField,
  rrule: z.string().trim().max(500, "validation.tooLong").default(WEEKLY_BRIEFING.rrule).refine(isValidRule, "meeting.invalidRecurrence"),
  startsOn: dayField,
  startTime: timeField,
  durationMinutes: z.coerce.number("meeting.durationRange").int("meeting.durationRange").min(5, "meeting.durationRange").max(1440, "meeting.durationRange"),
});
export const createSeriesInput = seriesFields;
export type CreateSeriesInput = z.output<typeof createSeriesInput>;

export const skipOccurrenceInput = z.object({ seriesId: uuidField, occurrenceDate: dayField, reason: requiredText(300) });

/** A time on a day: the form's fields, checked together, and the instants they name in Vietnam. */
const slotFields = z.object({ date: dayField, startTime: timeField, endTime: timeField });
function checkSlot(v: { startTime: string; endTime: string }, ctx: z.core.$RefinementCtx) {
  if (v.endTime <= v.startTime) ctx.addIssue({ code: "custom", path: ["endTime"], message: "meeting.endBeforeStart" });
}
const withInstants = <T extends { date: string; startTime: string; endTime: string }>(v: T) => ({
  ...v,
  startsAt: zonedInstant(v.date, v.startTime),
  endsAt: zonedInstant(v.date, v.endTime),
});

export const moveOccurrenceInput = slotFields
  .extend({ seriesId: uuidField, occurrenceDate: dayField })
  .superRefine(checkSlot)
  .transform(withInstants);

export const changeSeriesFromInput = seriesFields
  .omit({ unitId: true, startsOn: true })
  .extend({ seriesId: uuidField, fromDate: dayField });
export type ChangeSeriesFromInput = z.output<typeof changeSeriesFromInput>;

export const meetingFields = slotFields.extend({
  ...commonFields,
  documentIds: idList,
});

export const createMeetingInput = meetingFields.extend({ unitId: uuidField }).superRefine(checkSlot).transform(withInstants);
export type CreateMeetingInput = z.output<typeof createMeetingInput>;

export const updateMeetingInput = meetingFields
  .extend({ id: uuidField, version: z.coerce.number().int().min(1) })
  .superRefine(checkSlot)
  .transform(withInstants);
export type UpdateMeetingInput = z.output<typeof updateMeetingInput>;

export const cancelMeetingInput = z.object({ id: uuidField, reason: requiredText(300) });
