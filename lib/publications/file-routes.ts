import { DomainError } from "@/lib/auth/errors";
import type { Actor } from "@/lib/auth/actor";
import { getActor } from "@/lib/auth/session";
import { getDb, type Db } from "@/lib/db";
import { notFound, serveFile } from "./http";
import type { ServedFile } from "./serve";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The GET of a stored file's route (a publication's PDF or cover, an album's photo, an article's
 * cover): read as anyone first, since a published file needs no session lookup; only a refusal
 * asks who is asking, and whatever the signed-in actor may not see either is "not found".
 */
export async function serveVisibleFile(request: Request, id: string, read: (db: Db, actor: Actor | null) => Promise<ServedFile>, options: { inline: boolean }): Promise<Response> {
  if (!UUID.test(id)) return notFound();
  try {
    const db = await getDb();
    const file = await read(db, null).catch(async (error: unknown) => {
      if (error instanceof DomainError) return read(db, await getActor());
      throw error;
    });
    return serveFile(request, file, options);
  } catch (error) {
    if (error instanceof DomainError) return notFound();
    throw error;
  }
}
