import { DomainError } from "@/lib/auth/errors";
import { getActor } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { t } from "@/lib/i18n";
import { todayInVietnam } from "@/lib/i18n/format";
import { exportMembers } from "@/lib/members/export";
import { memberFilterParams, toMemberQuery } from "@/lib/members/list-params";

export const dynamic = "force-dynamic";


/** The member list with the page's filters, as an xlsx download; the service applies the scope. */
export async function GET(request: Request) {
  const params = memberFilterParams.parse(Object.fromEntries(new URL(request.url).searchParams));
  try {
    const lastYear = Number(todayInVietnam().slice(0, 4)) - 1;
    const file = await exportMembers(await getDb(), await getActor(), toMemberQuery(params, lastYear));
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
