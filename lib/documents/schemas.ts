import { z } from "zod";
import { dateField, optionalText, requiredText, uuidField } from "@/lib/validation";

const blankToNull = <T extends z.ZodType>(schema: T) =>
  z.union([z.literal(""), z.null(), schema]).optional().transform((v) => (v === "" || v === undefined ? null : (v as z.output<T>)));

export const VALIDITIES = ["in_force", "replaced", "expired"] as const;
export const URGENCIES = ["normal", "urgent", "very_urgent", "flash"] as const;
export const CONFIDENTIALITIES = ["normal", "secret", "top_secret", "absolute_secret"] as const;
export const VISIBILITIES = ["public", "internal"] as const;

/** The record's fields, shared by the form and the actions. */
export const documentFields = z
  .object({
    unitId: uuidField,
    numberSymbol: requiredText(80),
    typeCode: requiredText(10),
    /** One of our units, an organisation from the directory, or a new one typed in. */
    issuerUnitId: blankToNull(uuidField),
    issuerExternalId: blankToNull(uuidField),
    issuerName: optionalText(200),
    issuedOn: dateField,
    signer: optionalText(120),
    abstract: requiredText(500),
    field: optionalText(100),
    validity: z.enum(VALIDITIES, "validation.choice").default("in_force"),
    replacedById: blankToNull(uuidField),
    urgency: z.enum(URGENCIES, "validation.choice").default("normal"),
    confidentiality: z.enum(CONFIDENTIALITIES, "validation.choice").default("normal"),
    visibility: z.enum(VISIBILITIES, "validation.choice").default("public"),
    paperLocation: optionalText(300),
    /** The clerk saw the duplicate warning and saves anyway. */
    acceptDuplicate: z.boolean().default(false),
  })
  .superRefine((v, ctx) => {
    const issuers = [v.issuerUnitId, v.issuerExternalId, v.issuerName || null].filter(Boolean).length;
    if (issuers === 0) ctx.addIssue({ code: "custom", path: ["issuerName"], message: "document.issuerRequired" });
    if (v.validity === "replaced" && !v.replacedById) ctx.addIssue({ code: "custom", path: ["replacedById"], message: "document.replacedByRequired" });
    if (v.confidentiality !== "normal" && !v.paperLocation) ctx.addIssue({ code: "custom", path: ["paperLocation"], message: "document.paperLocationRequired" });
  });

export const createDocumentInput = documentFields;
export const updateDocumentInput = z.intersection(documentFields, z.object({ id: uuidField, version: z.number().int().min(1) }));
export const documentIdInput = z.object({ id: uuidField });
export const removeFileInput = z.object({ fileId: uuidField });

export type DocumentFields = z.output<typeof documentFields>;
export type UpdateDocumentInput = z.output<typeof updateDocumentInput>;
