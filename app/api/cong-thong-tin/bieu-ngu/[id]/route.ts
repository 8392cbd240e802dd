import { getActor } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { t } from "@/lib/i18n";
import { saveBannerFromForm } from "@/lib/portal/site/banner-http";
import { answer } from "@/lib/publications/http";

export const dynamic = "force-dynamic";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Saves a banner's fields, and a new image when one is sent (multipart). */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!UUID.test(id)) return answer({ ok: false, message: t("site.banner.notFound"), fieldErrors: {} }, 404);
  return saveBannerFromForm(request, { db: await getDb(), actor: await getActor() }, id);
}
