import { z } from "zod";
import { optionalText, requiredText, uuidField } from "@/lib/validation";

/** The rooms and bookings forms' inputs: shared by the forms (client) and the actions (server). */

const capacityField = z.preprocess(
  (v) => (v === "" || v === null || v === undefined ? null : v),
  z.coerce.number("validation.invalid").int("validation.invalid").min(1, "validation.invalid").max(10_000, "validation.invalid").nullable(),
);
const checkbox = z.preprocess((v) => v === true || v === "on" || v === "true", z.boolean());

export const createRoomInput = z.object({
  unitId: uuidField,
  name: requiredText(120),
  kind: z.enum(["physical", "online"], "validation.choice"),
  location: optionalText(300),
  capacity: capacityField,
  autoApprove: checkbox,
});
export const updateRoomInput = createRoomInput.omit({ unitId: true, kind: true }).extend({ id: uuidField });
export const setRoomActiveInput = z.object({ id: uuidField, active: checkbox });

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const DAY = /^(\d{2})\/(\d{2})\/(\d{4})$/;

/** The booking form: a day typed dd/MM/yyyy and the hours HH:mm, both in Vietnam's time. */
export const bookRoomInput = z.object({
  roomId: uuidField,
  unitId: uuidField,
  title: requiredText(200),
  day: z.string().trim().regex(DAY, "validation.date").refine((v) => dayIso(v) !== null, "validation.date"),
  startsAt: z.string().trim().regex(TIME, "room.timeFormat"),
  endsAt: z.string().trim().regex(TIME, "room.timeFormat"),
});
export const decideBookingInput = z.object({ bookingId: uuidField, approve: checkbox, note: optionalText(500) });
export const cancelBookingInput = z.object({ bookingId: uuidField });

/** dd/MM/yyyy → yyyy-MM-dd, or null for a day that does not exist (31/02). */
export function dayIso(value: string): string | null {
  const m = DAY.exec(value.trim());
  if (!m) return null;
  const iso = `${m[3]}-${m[2]}-${m[1]}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso ? null : iso;
}
