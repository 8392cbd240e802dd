import { DomainError } from "@/lib/auth/errors";
import { getActor } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { notFound, serveFile } from "@/lib/publications/http";
import { readPublicationFile } from "@/lib/publications/serve";

export const dynamic = "force-dynamic";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A publication's cover image, inline; visible as its publication is. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!UUID.test(id)) return notFound();
  try {
    const db = await getDb();
    const file = await readPublicationFile(db, null, id, "cover").catch(async (error: unknown) => {
      if (error instanceof DomainError) return readPublicationFile(db, await getActor(), id, "cover");
      throw error;
    });
    return serveFile(request, file, { inline: true });
  } catch (error) {
    if (error instanceof DomainError) return notFound();
    throw error;
  }
}
