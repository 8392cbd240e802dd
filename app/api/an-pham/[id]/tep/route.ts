import { DomainError } from "@/lib/auth/errors";
import { getActor } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { notFound, serveFile } from "@/lib/publications/http";
import { readPublicationFile } from "@/lib/publications/serve";

export const dynamic = "force-dynamic";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A publication's PDF: a download (attachment), or with `?xem=1` inline for the viewer on its
 * page. Published: anyone's; unpublished: only for editors of its unit, otherwise "not found".
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!UUID.test(id)) return notFound();
  const inline = new URL(request.url).searchParams.get("xem") === "1";
  try {
    const db = await getDb();
    // A published file needs no session lookup; only a refusal asks who is asking.
    const file = await readPublicationFile(db, null, id, "pdf").catch(async (error: unknown) => {
      if (error instanceof DomainError) return readPublicationFile(db, await getActor(), id, "pdf");
      throw error;
    });
    return serveFile(request, file, { inline });
  } catch (error) {
    if (error instanceof DomainError) return notFound();
    throw error;
  }
}
