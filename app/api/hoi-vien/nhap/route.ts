import { DomainError } from "@/lib/auth/errors";
import { getActor } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { t } from "@/lib/i18n";
import { DEFAULT_MAX_BYTES } from "@/lib/members/import/read";
import { FileRejected, startImport } from "@/lib/members/import/service";

export const dynamic = "force-dynamic";

type Answer = { ok: true; id: string } | { ok: false; message: string; fieldErrors: Record<string, string> };

const json = (body: Answer, status = 200) =>
  Response.json(body, { status, headers: { "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" } });

const tooLarge = () => t("import.uploadTooLarge", { max: Math.floor(DEFAULT_MAX_BYTES / (1024 * 1024)) });

/**
 * Upload of a member list (multipart: unitId, file). A route handler rather than a server action:
 * lists are larger than the action body limit. The service checks the permission and the unit.
 */
export async function POST(request: Request) {
  const declared = Number(request.headers.get("content-length") ?? 0);
  // Refuse an oversized body before reading it (the multipart envelope adds a little).
  if (declared > DEFAULT_MAX_BYTES + 64 * 1024) {
    return json({ ok: false, message: t("import.fileRejected"), fieldErrors: { file: tooLarge() } }, 413);
  }
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return json({ ok: false, message: t("error.invalid"), fieldErrors: { file: t("import.fileRequired") } }, 400);
  }
  const file = form.get("file");
  const unitId = String(form.get("unitId") ?? "");
  const fieldErrors: Record<string, string> = {};
  if (!(file instanceof File) || (file.size === 0 && file.name === "")) fieldErrors.file = t("import.fileRequired");
  if (!/^[0-9a-f-]{36}$/i.test(unitId)) fieldErrors.unitId = t("validation.unknownItem");
  if (Object.keys(fieldErrors).length > 0) return json({ ok: false, message: t("error.invalid"), fieldErrors }, 400);
  const upload = file as File;
  if (upload.size > DEFAULT_MAX_BYTES) return json({ ok: false, message: t("import.fileRejected"), fieldErrors: { file: tooLarge() } }, 413);

  try {
    const bytes = new Uint8Array(await upload.arrayBuffer());
    const { id } = await startImport(await getDb(), await getActor(), { unitId, fileName: upload.name, bytes });
    return json({ ok: true, id });
  } catch (error) {
    if (error instanceof FileRejected) return json({ ok: false, message: t("import.fileRejected"), fieldErrors: { file: error.text } }, 422);
    if (error instanceof DomainError) {
      const status = { unauthenticated: 401, forbidden: 403, not_found: 404, invalid: 400, conflict: 409 }[error.code];
      const fields = Object.fromEntries(Object.entries(error.fieldErrors).map(([k, key]) => [k, t(key, error.values)]));
      if (error.code === "not_found") fields.unitId = t("unit.notFound");
      return json({ ok: false, message: t(error.messageKey, error.values), fieldErrors: fields }, status);
    }
    throw error;
  }
}
