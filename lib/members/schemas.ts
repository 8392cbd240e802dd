import { z } from "zod";
import { dateField, optionalText, requiredText, uuidField } from "@/lib/validation";
import { ETHNICITIES, RELIGIONS } from "./catalogues";
import { checkNationalId, normaliseNationalId } from "./national-id";

const blankToNull = <T extends z.ZodType>(schema: T) =>
  z.union([z.literal(""), z.null(), schema]).optional().transform((v) => (v === "" || v === undefined ? null : (v as z.output<T>)));

/** The record's fields, shared by the entry form, the edit form and the actions. */
export const memberFields = z.object({
  fullName: requiredText(120),
  birthDate: dateField,
  gender: blankToNull(z.enum(["male", "female"], "validation.choice")),
  ethnicity: blankToNull(z.enum(ETHNICITIES, "member.unknownEthnicity")),
  religion: blankToNull(z.enum(RELIGIONS, "member.unknownReligion")),
  nationalId: blankToNull(z.string().trim().transform(normaliseNationalId)),
  hometown: optionalText(300),
  currentAddress: optionalText(300),
  phone: blankToNull(
    z
      .string()
      .trim()
      .transform((v) => v.replace(/[\s.]/g, "").replace(/^\+84/, "0"))
      .pipe(z.string().regex(/^0\d{9}$/, "member.phoneFormat")),
  ),
  email: blankToNull(z.email("validation.email").max(200)),
  education: optionalText(60),
  qualification: optionalText(200),
  occupation: optionalText(200),
  joinedOn: blankToNull(dateField),
  partyJoinedOn: blankToNull(dateField),
  /** Why the organisation may hold this sensitive record (Law 91/2025): the member's consent, or the charter they joined under. */
  lawfulBasis: z.enum(["consent", "charter"], "validation.choice").default("consent"),
});

/** Cross-field rules: the ID must fit the birth date; joining comes after birth. */
function checkRecord(v: z.output<typeof memberFields>, ctx: z.core.$RefinementCtx) {
  if (v.nationalId) {
    const problem = checkNationalId(v.nationalId, v.birthDate);
    if (problem) ctx.addIssue({ code: "custom", path: ["nationalId"], message: `member.${problem}` });
  }
  if (v.joinedOn && v.joinedOn < v.birthDate) ctx.addIssue({ code: "custom", path: ["joinedOn"], message: "member.joinedBeforeBirth" });
  if (v.partyJoinedOn && v.partyJoinedOn < v.birthDate) ctx.addIssue({ code: "custom", path: ["partyJoinedOn"], message: "member.joinedBeforeBirth" });
}

export const createMemberInput = memberFields
  .extend({ unitId: uuidField, mode: z.enum(["admit", "record"], "validation.choice") })
  .superRefine(checkRecord);

export const updateMemberInput = memberFields
  .extend({ id: uuidField, version: z.coerce.number().int().min(1) })
  .superRefine(checkRecord);

export const EVALUATION_LEVELS = ["excellent", "good", "completed", "not_completed"] as const;

export const recordEvaluationsInput = z.object({
  unitId: uuidField,
  year: z.coerce.number().int().min(1990, "member.evaluationYear").max(2100, "member.evaluationYear"),
  results: z
    .array(z.object({ memberId: uuidField, level: z.enum(EVALUATION_LEVELS, "validation.choice") }))
    .min(1, "member.evaluationNone")
    .max(2000),
});

export const EXIT_KINDS = ["matured_out", "left", "removed", "expelled", "deceased"] as const;

export const recordExitInput = z.object({
  memberIds: z.array(uuidField).min(1, "member.noneSelected").max(2000),
  kind: z.enum(EXIT_KINDS, "validation.choice"),
  occurredOn: dateField,
  reason: requiredText(500),
});

export const requestTransferInput = z.object({ memberId: uuidField, toUnitId: uuidField, reason: optionalText(500) });
export const decideTransferInput = z.object({
  transferId: uuidField,
  accept: z.boolean(),
  placeUnitId: blankToNull(uuidField),
  note: optionalText(500),
});

export type MemberFields = z.output<typeof memberFields>;
export type CreateMemberInput = z.output<typeof createMemberInput>;
export type UpdateMemberInput = z.output<typeof updateMemberInput>;

export const requestCorrectionInput = z.object({
  changes: z.partialRecord(z.enum(["fullName", "birthDate", "hometown", "currentAddress", "phone", "email", "education", "qualification", "occupation"]), z.string().trim().max(300, "validation.tooLong")),
  note: optionalText(500),
});
export const decideCorrectionInput = z.object({ correctionId: uuidField, approve: z.boolean() });

export const addParticipationInput = z.object({ memberId: uuidField, unitId: uuidField });
export const removeParticipationInput = z.object({ participationId: uuidField });
