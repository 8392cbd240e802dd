import { getDb } from "@/lib/db";
import { answerArticleViewBeacon } from "@/lib/portal/articles/views";

/** The view beacon of a public article page (components/portal/view-beacon.tsx). */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return answerArticleViewBeacon(await getDb(), request, (await params).id);
}
