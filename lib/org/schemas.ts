import { z } from "zod";
import { dateField, optionalText, requiredText, uuidField } from "@/lib/validation";

/** One zod schema per input, shared by the form and the action. */
export const unitCode = z
  .string("validation.required")
  .trim()
  .regex(/^[A-Za-z0-9-]{2,40}$/, "validation.code")
  .transform((v) => v.toUpperCase());

export const createUnitInput = z.object({
  parentId: uuidField,
  name: requiredText(200),
  code: unitCode,
  level: z.coerce.number("validation.required").int().min(1, "unit.levelBelowParent").max(7, "unit.levelUnknown"),
  activeFrom: dateField.optional(),
});

export const updateUnitInput = z.object({ id: uuidField, name: requiredText(200), code: unitCode });

export const moveUnitInput = z.object({ id: uuidField, newParentId: uuidField });

export const mergeUnitInput = z.object({
  id: uuidField,
  targetId: uuidField,
  effectiveOn: dateField,
  note: optionalText(500),
});

/** An age in years, or empty for "no limit". */
const optionalAge = z
  .union([z.literal(""), z.null(), z.coerce.number("validation.age").int("validation.age").min(10, "validation.age").max(120, "validation.age")])
  .optional()
  .transform((v) => (v === "" || v === undefined ? null : v));

/** The settings fields; the action and the form add the cross-field age check. */
export const settingsFields = z.object({
  orgName: requiredText(200),
  shortName: requiredText(80),
  memberTerm: requiredText(60),
  levelNames: z
    .array(z.string().trim().min(1, "validation.levelNames").max(80, "validation.tooLong"), "validation.levelNames")
    .min(2, "validation.levelNames")
    .max(8, "validation.levelNames"),
  numberingStyle: z.enum(["ND30", "HD36"], "validation.choice"),
  address: optionalText(300),
  phone: optionalText(40),
  email: z.union([z.literal(""), z.email("validation.email").max(200)]).default(""),
  admissionMinAge: optionalAge,
  admissionMaxAge: optionalAge,
});

export function agesInOrder(v: { admissionMinAge: number | null; admissionMaxAge: number | null }) {
  return v.admissionMinAge == null || v.admissionMaxAge == null || v.admissionMinAge <= v.admissionMaxAge;
}
export const agesInOrderMessage = { path: ["admissionMaxAge"], message: "settings.ageOrder" };

export const updateSettingsInput = settingsFields.refine(agesInOrder, agesInOrderMessage);

export type CreateUnitInput = z.infer<typeof createUnitInput>;
export type UpdateSettingsInput = z.infer<typeof updateSettingsInput>;
