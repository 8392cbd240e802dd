import { revalidatePublic, verifiedRevalidation } from "@/lib/cache/revalidate";

export const dynamic = "force-dynamic";

/**
 * Expires cached public pages at the request of the app's own job queue (lib/cache/revalidate.ts,
 * revalidatePublicFromJob): only a body signed with the server's secret, and recent, is obeyed.
 */
export async function POST(request: Request) {
  const body = await request.text();
  const tags = verifiedRevalidation(body, request.headers.get("x-ket-noi-signature"));
  if (!tags) return new Response(null, { status: 403, headers: { "Cache-Control": "no-store" } });
  revalidatePublic(tags);
  return new Response(null, { status: 204, headers: { "Cache-Control": "no-store" } });
}
