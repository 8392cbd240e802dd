import { DomainError } from "@/lib/auth/errors";
import { getActor } from "@/lib/auth/session";
import { publicTags } from "@/lib/cache/public";
import { revalidatePublic } from "@/lib/cache/revalidate";
import { getDb } from "@/lib/db";
import { attachDocumentFile, FileRefused, maxFileBytes } from "@/lib/documents/files";
import { t } from "@/lib/i18n";

export const dynamic = "force-dynamic";

type Answer = { ok: true; id: string } | { ok: false; message: string; fieldErrors: Record<string, string> };

const json = (body: Answer, status = 200) => Response.json(body, { status, headers: { "Cache-Control": "no-store" } });

/** Attaches an uploaded file (multipart field "file") to a document; the service checks everything. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const max = maxFileBytes();
  const tooLarge = () => t("document.fileTooLarge", { max: Math.floor(max / (1024 * 1024)) });
  if (Number(request.headers.get("content-length") ?? 0) > max + 64 * 1024) {
    return json({ ok: false, message: t("document.fileRefused"), fieldErrors: { file: tooLarge() } }, 413);
  }
  let file: FormDataEntryValue | null;
  try {
    file = (await request.formData()).get("file");
  } catch {
    file = null;
  }
  if (!(file instanceof File) || file.name === "") return json({ ok: false, message: t("error.invalid"), fieldErrors: { file: t("document.fileRequired") } }, 400);
  if (file.size > max) return json({ ok: false, message: t("document.fileRefused"), fieldErrors: { file: tooLarge() } }, 413);
  try {
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw new DomainError("not_found", "document.notFound");
    const created = await attachDocumentFile(await getDb(), await getActor(), { documentId: id, fileName: file.name, bytes: new Uint8Array(await file.arrayBuffer()) });
    // A published document's page now lists one more file.
    revalidatePublic([publicTags.documents, publicTags.document(id)]);
    return json({ ok: true, id: created.id });
  } catch (error) {
    if (error instanceof FileRefused) return json({ ok: false, message: t("document.fileRefused"), fieldErrors: { file: error.text } }, 422);
    if (error instanceof DomainError) {
      const status = { unauthenticated: 401, forbidden: 403, not_found: 404, invalid: 400, conflict: 409 }[error.code];
      const message = t(error.messageKey, error.values);
      return json({ ok: false, message, fieldErrors: { file: message } }, status);
    }
    throw error;
  }
}
