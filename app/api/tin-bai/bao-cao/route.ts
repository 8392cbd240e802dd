import { DomainError } from "@/lib/auth/errors";
import { getActor } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { t } from "@/lib/i18n";
import { exportEditorialReport } from "@/lib/portal/report-xlsx";

export const dynamic = "force-dynamic";

const STATUS = { unauthenticated: 401, invalid: 400 } as const;

/** The monthly editorial report (?thang=YYYY-MM&donVi=…) as an xlsx download; the service checks the permission and scope. */
export async function GET(request: Request) {
  const params = new URL(request.url).searchParams;
  try {
    const file = await exportEditorialReport(await getDb(), await getActor(), {
      month: params.get("thang") ?? "",
      unitId: params.get("donVi") || undefined,
    });
    return new Response(Buffer.from(file.bytes), {
      headers: {
        "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "Content-Disposition": `attachment; filename="${file.fileName}"`,
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": "no-store",
      },
    });
  } catch (error) {
    if (error instanceof DomainError) {
      // A refusal reads as "not found", as on the page; a bad month says what is wrong with it.
      const status = error.code === "unauthenticated" || error.code === "invalid" ? STATUS[error.code] : 404;
      const key = status === 404 ? "error.notFound" : error.messageKey;
      return new Response(t(key), { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
    }
    throw error;
  }
}
