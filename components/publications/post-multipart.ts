import type { UploadAnswer } from "@/lib/publications/http";
import { t } from "@/lib/i18n";

/** Sends a multipart form to one of the upload routes; a dropped connection becomes an answer too. */
export async function postMultipart(url: string, body: FormData): Promise<Extract<UploadAnswer, { ok: boolean }>> {
  try {
    const response = await fetch(url, { method: "POST", body });
    const answer = (await response.json().catch(() => null)) as UploadAnswer | null;
    if (answer && typeof answer.ok === "boolean") return answer;
    return { ok: false, message: response.status === 413 ? t("error.submitFailed") : t("error.unexpected"), fieldErrors: {} };
  } catch {
    return { ok: false, message: t("error.network"), fieldErrors: {} };
  }
}

/** A file larger than the limit, named in the message, before a byte is sent. */
export function tooLargeMessage(file: File, maxBytes: number): string | null {
  return file.size > maxBytes ? t("publication.fileTooLarge", { name: file.name, max: Math.floor(maxBytes / (1024 * 1024)) }) : null;
}
