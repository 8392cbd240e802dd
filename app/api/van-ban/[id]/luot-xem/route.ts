import { getDb } from "@/lib/db";
import { answerViewBeacon } from "@/lib/documents/views";

/** The view beacon of a public document page (components/documents/view-beacon.tsx). */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return answerViewBeacon(await getDb(), request, (await params).id);
}
