import { getDb } from "@/lib/db";
import { feedResponse } from "@/lib/meetings/ics";

export const dynamic = "force-dynamic";

/** A personal calendar feed, /api/lich/<token>.ics: the token alone opens it (no session), and only its owner's calendar. */
export async function GET(_request: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return feedResponse(await getDb(), token);
}
