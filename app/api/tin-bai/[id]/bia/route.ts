import { DomainError } from "@/lib/auth/errors";
import { getActor } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { readArticleCover } from "@/lib/portal/articles/cover";
import { notFound, serveFile } from "@/lib/publications/http";

export const dynamic = "force-dynamic";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An article's cover image, inline: anyone's once published, otherwise only for those who may open the article. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!UUID.test(id)) return notFound();
  try {
    const db = await getDb();
    const file = await readArticleCover(db, null, id).catch(async (error: unknown) => {
      if (error instanceof DomainError) return readArticleCover(db, await getActor(), id);
      throw error;
    });
    return serveFile(request, file, { inline: true });
  } catch (error) {
    if (error instanceof DomainError) return notFound();
    throw error;
  }
}
