import { getActor } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { meetingDownloadResponse } from "@/lib/meetings/ics";

export const dynamic = "force-dynamic";

/** One meeting as an .ics file for the signed-in user who may see it; anything else is 404. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return meetingDownloadResponse(await getDb(), await getActor(), id);
}
