import { z } from "zod";

/** The library's filters as they appear in the URL, shared by the public page and the workspace list. */
export const documentFilterParams = z.object({
  q: z.string().trim().max(120).optional().catch(undefined),
  type: z.string().max(10).optional().catch(undefined),
  issuer: z.uuid().optional().catch(undefined),
  year: z.coerce.number().int().min(1945).max(2100).optional().catch(undefined),
  field: z.string().max(100).optional().catch(undefined),
  validity: z.enum(["in_force", "replaced", "expired"]).optional().catch(undefined),
  visibility: z.enum(["public", "internal"]).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});

export type DocumentFilterParams = z.infer<typeof documentFilterParams>;

export function toDocumentQuery(p: DocumentFilterParams) {
  return { q: p.q || undefined, typeCode: p.type || undefined, issuer: p.issuer, year: p.year, field: p.field || undefined, validity: p.validity, visibility: p.visibility };
}
