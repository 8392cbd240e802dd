import { serveVisibleFile } from "@/lib/publications/file-routes";
import { readMediaFile } from "@/lib/publications/serve";

export const dynamic = "force-dynamic";

/** A photo or an uploaded MP4 of an album, inline (with byte ranges); visible as its album is. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return serveVisibleFile(request, id, (db, actor) => readMediaFile(db, actor, id), { inline: true });
}
