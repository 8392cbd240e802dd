import { readArticleCover } from "@/lib/portal/articles/cover";
import { serveVisibleFile } from "@/lib/publications/file-routes";

export const dynamic = "force-dynamic";

/** An article's cover image, inline: anyone's once published, otherwise only for those who may open the article. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return serveVisibleFile(request, id, (db, actor) => readArticleCover(db, actor, id), { inline: true });
}
