import { DomainError } from "@/lib/auth/errors";
import { getActor } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { notFound, serveFile } from "@/lib/publications/http";
import { readMediaFile } from "@/lib/publications/serve";

export const dynamic = "force-dynamic";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A photo or an uploaded MP4 of an album, inline (with byte ranges); visible as its album is. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!UUID.test(id)) return notFound();
  try {
    const db = await getDb();
    const file = await readMediaFile(db, null, id).catch(async (error: unknown) => {
      if (error instanceof DomainError) return readMediaFile(db, await getActor(), id);
      throw error;
    });
    return serveFile(request, file, { inline: true });
  } catch (error) {
    if (error instanceof DomainError) return notFound();
    throw error;
  }
}
