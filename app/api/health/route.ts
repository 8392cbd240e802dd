import { sql } from "drizzle-orm";
import { getDatabase } from "@/lib/db";
import { t } from "@/lib/i18n";

export const dynamic = "force-dynamic";

/** For load balancers and operators: is the database answering? */
export async function GET() {
  const started = performance.now();
  try {
    const handle = await getDatabase();
    await handle.db.execute(sql`select 1`);
    return Response.json(
      { status: "ok", message: t("health.ok"), database: { kind: handle.kind, status: "ok", latencyMs: Math.round(performance.now() - started) } },
      { headers: { "Cache-Control": "no-store" } },
    );
  } catch {
    return Response.json(
      { status: "error", message: t("health.dbDown"), database: { status: "error" } },
      { status: 503, headers: { "Cache-Control": "no-store" } },
    );
  }
}
