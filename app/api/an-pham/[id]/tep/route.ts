import { serveVisibleFile } from "@/lib/publications/file-routes";
import { readPublicationFile } from "@/lib/publications/serve";

export const dynamic = "force-dynamic";

/**
 * A publication's PDF: a download (attachment), or with `?xem=1` inline for the viewer on its
 * page. Published: anyone's; unpublished: only for editors of its unit, otherwise "not found".
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const inline = new URL(request.url).searchParams.get("xem") === "1";
  return serveVisibleFile(request, id, (db, actor) => readPublicationFile(db, actor, id, "pdf"), { inline });
}
