import { getDb } from "@/lib/db";
import { answerDocumentViewBeacon } from "@/lib/documents/views";

/** The view beacon of a public document page (components/portal/view-beacon.tsx). */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return answerDocumentViewBeacon(await getDb(), request, (await params).id);
}
