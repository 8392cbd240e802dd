import { serveVisibleFile } from "@/lib/publications/file-routes";
import { readPublicationFile } from "@/lib/publications/serve";

export const dynamic = "force-dynamic";

/** A publication's cover image, inline; visible as its publication is. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return serveVisibleFile(request, id, (db, actor) => readPublicationFile(db, actor, id, "cover"), { inline: true });
}
