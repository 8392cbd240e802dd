import type { z } from "zod";
import { DomainError } from "@/lib/auth/errors";
import { contentDisposition } from "@/lib/files/http";
import { t } from "@/lib/i18n";
import { translateIssue } from "@/lib/validation";
import type { ServedFile } from "./serve";
import { FilesRefused, type UploadedFile } from "./uploads";

/**
 * The plumbing of the upload and file routes under app/api/an-pham: multipart in, the same
 * answer shape as a server action out, and stored files served with safe headers.
 */

export type UploadAnswer = { ok: true; id: string; message?: string } | { ok: false; message: string; fieldErrors: Record<string, string> };

export const answer = (body: UploadAnswer, status = 200) =>
  Response.json(body, { status, headers: { "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" } });

const invalid = (fieldErrors: Record<string, string>, status = 400) => answer({ ok: false, message: t("error.invalid"), fieldErrors }, status);

/**
 * Reads a multipart body no larger than `limit` (the multipart envelope adds a little): a
 * declared length over it is refused before any byte is read.
 */
export async function readMultipart(request: Request, limit: number, tooLarge: { field: string; message: string }): Promise<FormData | Response> {
  if (!sameOrigin(request)) return answer({ ok: false, message: t("error.forbidden"), fieldErrors: {} }, 403);
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > limit + 256 * 1024) return invalid({ [tooLarge.field]: tooLarge.message }, 413);
  try {
    return await request.formData();
  } catch {
    return invalid({ [tooLarge.field]: t("publication.uploadBroken") });
  }
}

/**
 * A form post from another site is refused, as Next.js refuses such server actions: the Origin,
 * when the browser sends one, must name the host the request came to (behind a proxy, the
 * forwarded host). The session cookie's SameSite=Lax is the first guard; this is the second.
 */
export function sameOrigin(request: Request): boolean {
  const origin = request.headers.get("origin");
  if (!origin) return true;
  const host = (request.headers.get("x-forwarded-host") ?? request.headers.get("host") ?? "").split(",")[0]!.trim().toLowerCase();
  try {
    return new URL(origin).host.toLowerCase() === host;
  } catch {
    return false;
  }
}

/** The zod issues of the text fields, in Vietnamese, per field (as defineAction reports them). */
export function parseFields<S extends z.ZodType>(schema: S, form: FormData, names: readonly string[]): { ok: true; data: z.output<S> } | { ok: false; response: Response } {
  const raw = Object.fromEntries(names.map((name) => [name, typeof form.get(name) === "string" ? String(form.get(name)) : undefined]));
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, data: parsed.data };
  const fieldErrors: Record<string, string> = {};
  for (const issue of parsed.error.issues) fieldErrors[issue.path.map(String).join(".") || "_form"] ??= translateIssue(issue);
  return { ok: false, response: invalid(fieldErrors) };
}

/** The files of a field; an empty file input sends one nameless empty part, which is no file. */
export async function filesOf(form: FormData, name: string): Promise<UploadedFile[]> {
  const files = form.getAll(name).filter((v): v is File => typeof v === "object" && v !== null && "arrayBuffer" in v);
  const chosen = files.filter((f) => f.size > 0 || f.name !== "");
  return Promise.all(chosen.map(async (f) => ({ fileName: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
}

/** A service's refusal as the form's answer: refused files by field, domain errors by code. */
export function refusal(error: unknown): Response {
  if (error instanceof FilesRefused) return answer({ ok: false, message: t("publication.fileRefused"), fieldErrors: error.texts }, 422);
  if (error instanceof DomainError) {
    const status = { unauthenticated: 401, forbidden: 403, not_found: 404, invalid: 400, conflict: 409 }[error.code];
    const fieldErrors = Object.fromEntries(Object.entries(error.fieldErrors).map(([field, key]) => [field, t(key, error.values)]));
    return answer({ ok: false, message: t(error.messageKey, error.values), fieldErrors }, status);
  }
  throw error;
}

export const notFound = () =>
  new Response(t("error.notFound"), { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8", "X-Content-Type-Options": "nosniff", "Cache-Control": "no-store" } });

/**
 * A stored file. Inline files may be framed by our own pages only (the PDF viewer on a
 * publication's page); MP4s answer byte ranges, which players need to seek. A published file may
 * be cached briefly (unpublishing takes effect within minutes); an unpublished one never.
 */
export function serveFile(request: Request, file: ServedFile, options: { inline: boolean }): Response {
  const size = file.bytes.length;
  const headers = new Headers({
    "Content-Type": file.mime,
    "Content-Disposition": contentDisposition(options.inline ? "inline" : "attachment", file.fileName),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "SAMEORIGIN",
    "Content-Security-Policy": "frame-ancestors 'self'",
    "Cache-Control": file.isPublic ? "public, max-age=300" : "private, no-store",
    "Accept-Ranges": "bytes",
  });
  const range = parseRange(request.headers.get("range"), size);
  if (range === "unsatisfiable") {
    headers.set("Content-Range", `bytes */${size}`);
    return new Response(null, { status: 416, headers });
  }
  if (range) {
    headers.set("Content-Range", `bytes ${range.start}-${range.end}/${size}`);
    headers.set("Content-Length", String(range.end - range.start + 1));
    return new Response(Buffer.from(file.bytes.subarray(range.start, range.end + 1)), { status: 206, headers });
  }
  headers.set("Content-Length", String(size));
  return new Response(Buffer.from(file.bytes), { status: 200, headers });
}

/** One "bytes=a-b" range (or a suffix "bytes=-n"); several ranges, or none, get the whole file. */
export function parseRange(header: string | null, size: number): { start: number; end: number } | "unsatisfiable" | null {
  const match = header ? /^bytes=(\d*)-(\d*)$/.exec(header.trim()) : null;
  if (!match || (match[1] === "" && match[2] === "")) return null;
  let start: number;
  let end: number;
  if (match[1] === "") {
    const suffix = Number(match[2]);
    if (suffix === 0) return "unsatisfiable";
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(match[1]);
    end = match[2] === "" ? size - 1 : Math.min(Number(match[2]), size - 1);
  }
  if (start >= size || start > end) return "unsatisfiable";
  return { start, end };
}
