import { z } from "zod";

/** Page, sort and filters live in the URL; bad values fall back to defaults rather than erroring. */
export const listParams = z.object({
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
  size: z.coerce.number().int().refine((n) => [10, 20, 50, 100].includes(n)).catch(20),
  q: z.string().trim().max(100).optional().catch(undefined),
  sort: z.string().max(40).optional().catch(undefined),
  dir: z.enum(["asc", "desc"]).optional().catch(undefined),
});

export type ListParams = z.infer<typeof listParams>;

export type RawSearchParams = Record<string, string | string[] | undefined>;

export function firstValues(params: RawSearchParams): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
}

export function parseList<T extends z.ZodRawShape>(params: RawSearchParams, extra?: z.ZodObject<T>) {
  const values = firstValues(params);
  const base = listParams.parse(values);
  return { ...base, ...(extra ? extra.parse(values) : {}) } as ListParams & z.infer<z.ZodObject<T>>;
}
