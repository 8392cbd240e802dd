import { getActor } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { bannerImageResponse } from "@/lib/portal/site/banner-http";
import { notFound } from "@/lib/publications/http";

export const dynamic = "force-dynamic";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A banner's image, inline; anyone's from its first day, the editors' alone before (see bannerImageResponse). */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!UUID.test(id)) return notFound();
  // The session is read only for a banner still to come.
  return bannerImageResponse(request, await getDb(), getActor, id);
}
