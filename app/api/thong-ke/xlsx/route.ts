import { DomainError } from "@/lib/auth/errors";
import { getActor } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { t } from "@/lib/i18n";
import { unitActivity } from "@/lib/stats/activity";
import { statsDashboard } from "@/lib/stats/dashboard";
import { DATE_FIELDS, parseStatsParams, type DateField } from "@/components/stats/query";
import { statsFileName, statsWorkbook } from "./workbook";

export const dynamic = "force-dynamic";

const text = (body: string, status: number) => new Response(body, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });

/**
 * The statistics page as an xlsx download, with the page's parameters (`don-vi`, `ngay`, `tu`,
 * `den`). The services check the permission and the scope, as for the page: a unit the user may
 * not see (or no unit at all) is "not found"; a day that is wrong or refused says which and why.
 */
export async function GET(request: Request) {
  const params = parseStatsParams(new URL(request.url).searchParams);
  if (params.badUnit) return text(t("error.notFound"), 404);
  const wrongDay = Object.entries(params.fieldErrors)[0];
  if (wrongDay) return text(`${t(fieldLabel(wrongDay[0] as DateField))}: ${t(wrongDay[1])}`, 400);
  try {
    const db = await getDb();
    const actor = await getActor();
    const dashboard = await statsDashboard(db, actor, params.query);
    const activity = await unitActivity(db, actor, { unitId: dashboard.unit.id, from: dashboard.flows.from, to: dashboard.flows.to });
    const bytes = await statsWorkbook(dashboard, activity);
    return new Response(Buffer.from(bytes), {
      headers: {
        "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "Content-Disposition": `attachment; filename="${statsFileName(dashboard)}"`,
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": "no-store",
      },
    });
  } catch (error) {
    if (error instanceof DomainError) {
      if (error.code === "unauthenticated") return text(t(error.messageKey), 401);
      if (error.code === "invalid") {
        const [field, key] = Object.entries(error.fieldErrors)[0] ?? [];
        return text(field && key && field in DATE_FIELDS ? `${t(fieldLabel(field as DateField))}: ${t(key)}` : t(error.messageKey), 400);
      }
      // A refusal reads as "not found", as on the page.
      return text(t("error.notFound"), 404);
    }
    throw error;
  }
}

function fieldLabel(field: DateField) {
  return ({ asOf: "statsPage.form.asOf", from: "statsPage.form.from", to: "statsPage.form.to" } as const)[field];
}
