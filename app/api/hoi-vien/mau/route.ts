import { DomainError } from "@/lib/auth/errors";
import { getActor } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { t } from "@/lib/i18n";
import { buildTemplate } from "@/lib/members/import/template";
import { getSettings } from "@/lib/org/settings";
import { listUnitOptions } from "@/lib/org/units";

export const dynamic = "force-dynamic";

/** The import template, with the codes of the units this user manages in its drop-down list. */
export async function GET() {
  try {
    const db = await getDb();
    const units = await listUnitOptions(db, await getActor(), "member.manage");
    const settings = await getSettings(db);
    const bytes = await buildTemplate({
      orgName: settings?.orgName ?? "",
      memberTerm: settings?.memberTerm ?? "hội viên",
      unitCodes: units.map((u) => ({ code: u.code, name: u.name })),
    });
    const name = "mau-danh-sach-hoi-vien.xlsx";
    return new Response(Buffer.from(bytes), {
      headers: {
        "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "Content-Disposition": `attachment; filename="${name}"`,
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": "no-store",
      },
    });
  } catch (error) {
    if (error instanceof DomainError) {
      const unauthenticated = error.code === "unauthenticated";
      return new Response(t(unauthenticated ? "error.unauthenticated" : "error.notFound"), {
        status: unauthenticated ? 401 : 404,
        headers: { "Content-Type": "text/plain; charset=utf-8" },
      });
    }
    throw error;
  }
}
