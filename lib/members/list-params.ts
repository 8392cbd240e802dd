import { z } from "zod";
import { memberStatus } from "@/db/schema";
import { ETHNICITIES } from "./catalogues";
import { EVALUATION_LEVELS } from "./schemas";
import { AGE_BANDS, type AgeBand, type MemberListQuery } from "./service";

/** The member list's filters as they appear in the URL, shared by the list page and the export. */
export const memberFilterParams = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  unit: z.uuid().optional().catch(undefined),
  status: z.enum(memberStatus.enumValues).optional().catch(undefined),
  gender: z.enum(["male", "female"]).optional().catch(undefined),
  age: z.enum(Object.keys(AGE_BANDS) as [AgeBand, ...AgeBand[]]).optional().catch(undefined),
  ethnicity: z.enum(ETHNICITIES).optional().catch(undefined),
  joined: z.coerce.number().int().min(1900).max(2100).optional().catch(undefined),
  evalYear: z.coerce.number().int().min(1990).max(2100).optional().catch(undefined),
  eval: z.enum(EVALUATION_LEVELS).optional().catch(undefined),
  /** Members created by one import batch. */
  batch: z.uuid().optional().catch(undefined),
});

export type MemberFilterParams = z.infer<typeof memberFilterParams>;

/** URL filters → the service's query; an evaluation filter without a year means last year. */
export function toMemberQuery(params: MemberFilterParams, lastYear: number): Omit<MemberListQuery, "page" | "pageSize"> {
  return {
    q: params.q,
    unitId: params.unit,
    status: params.status,
    gender: params.gender,
    ageBand: params.age,
    ethnicity: params.ethnicity,
    joinedYear: params.joined,
    evaluationYear: params.eval ? (params.evalYear ?? lastYear) : undefined,
    evaluation: params.eval,
    importBatchId: params.batch,
  };
}
