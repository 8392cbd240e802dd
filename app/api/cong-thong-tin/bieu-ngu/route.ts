import { getActor } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { saveBannerFromForm } from "@/lib/portal/site/banner-http";

export const dynamic = "force-dynamic";

/** Creates a banner (multipart: the fields and an optional `image`); see saveBannerFromForm. */
export async function POST(request: Request) {
  return saveBannerFromForm(request, { db: await getDb(), actor: await getActor() });
}
