import { z } from "zod";
import { memberStatus } from "@/db/schema";
import { DomainError } from "@/lib/auth/errors";
import { getActor } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { t } from "@/lib/i18n";
import { ETHNICITIES } from "@/lib/members/catalogues";
import { exportMembers } from "@/lib/members/export";
import { EVALUATION_LEVELS } from "@/lib/members/schemas";
import { AGE_BANDS, type AgeBand } from "@/lib/members/service";

export const dynamic = "force-dynamic";

const query = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  unit: z.uuid().optional().catch(undefined),
  status: z.enum(memberStatus.enumValues).optional().catch(undefined),
  gender: z.enum(["male", "female"]).optional().catch(undefined),
  age: z.enum(Object.keys(AGE_BANDS) as [AgeBand, ...AgeBand[]]).optional().catch(undefined),
  ethnicity: z.enum(ETHNICITIES).optional().catch(undefined),
  joined: z.coerce.number().int().min(1900).max(2100).optional().catch(undefined),
  evalYear: z.coerce.number().int().min(1990).max(2100).optional().catch(undefined),
  eval: z.enum(EVALUATION_LEVELS).optional().catch(undefined),
});

/** The member list with the page's filters, as an xlsx download; the service applies the scope. */
export async function GET(request: Request) {
  const params = query.parse(Object.fromEntries(new URL(request.url).searchParams));
  try {
    const file = await exportMembers(await getDb(), await getActor(), {
      q: params.q,
      unitId: params.unit,
      status: params.status,
      gender: params.gender,
      ageBand: params.age,
      ethnicity: params.ethnicity,
      joinedYear: params.joined,
      evaluationYear: params.eval ? params.evalYear : undefined,
      evaluation: params.eval,
    });
    return new Response(file.bytes, {
      headers: {
        "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "Content-Disposition": `attachment; filename="${file.fileName}"`,
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": "no-store",
      },
    });
  } catch (error) {
    if (error instanceof DomainError) {
      return new Response(t(error.code === "unauthenticated" ? "error.unauthenticated" : "error.notFound"), {
        status: error.code === "unauthenticated" ? 401 : 404,
        headers: { "Content-Type": "text/plain; charset=utf-8" },
      });
    }
    throw error;
  }
}
