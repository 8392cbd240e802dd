import { DomainError } from "@/lib/auth/errors";
import { getActor } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { readDocumentFile } from "@/lib/documents/files";
import { fileHeaders } from "@/lib/files/http";
import { t } from "@/lib/i18n";

export const dynamic = "force-dynamic";

/**
 * A document's file: anyone may have a published public document's files; anything else needs
 * the right to read documents of its unit, and otherwise does not exist. `?xem=1` shows it inline.
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const inline = new URL(request.url).searchParams.get("xem") === "1";
  try {
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw new DomainError("not_found", "document.fileNotFound");
    const db = await getDb();
    // Anonymous readers of public files do not need a session lookup.
    const file = await readDocumentFile(db, null, id).catch(async (error: unknown) => {
      if (error instanceof DomainError) return readDocumentFile(db, await getActor(), id);
      throw error;
    });
    const showInline = inline && (file.file.kind === "pdf" || file.file.mime.startsWith("image/"));
    return new Response(Buffer.from(file.bytes), {
      headers: fileHeaders({ mime: file.file.mime, fileName: file.file.fileName, size: file.bytes.length, inline: showInline, cache: file.isPublic ? "public" : "private" }),
    });
  } catch (error) {
    if (error instanceof DomainError) {
      return new Response(t("document.fileNotFound"), { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8", "X-Content-Type-Options": "nosniff" } });
    }
    throw error;
  }
}
