import { InvalidInputError } from "@/lib/auth/errors";
import { checkUpload, type FileKind } from "@/lib/documents/content-type";
import { env } from "@/lib/env";

const MB = 1024 * 1024;

export const PDF_KINDS = ["pdf"] as const satisfies readonly FileKind[];
export const COVER_KINDS = ["jpeg", "png", "webp"] as const satisfies readonly FileKind[];
export const PHOTO_KINDS = ["jpeg", "png", "webp", "gif"] as const satisfies readonly FileKind[];
export const VIDEO_KINDS = ["mp4"] as const satisfies readonly FileKind[];
export const MEDIA_KINDS = [...PHOTO_KINDS, ...VIDEO_KINDS] as const;

/** How many files one album upload takes (each within the file limit). */
export const MAX_FILES_PER_UPLOAD = 20;

/** The largest single file, from FILE_MAX_MB (stated in every upload form). */
export function maxFileBytes(): number {
  return env().FILE_MAX_MB * MB;
}

/** The largest album upload (all its files together): 100 MB, or one file's limit if that is more. */
export function maxUploadBytes(): number {
  return Math.max(maxFileBytes(), 100 * MB);
}

export const toMegabytes = (bytes: number) => Math.floor(bytes / MB);

export interface UploadedFile {
  fileName: string;
  bytes: Uint8Array;
}

export interface CheckedFile extends UploadedFile {
  /** The form field it came in. */
  field: string;
  kind: FileKind;
  mime: string;
  extension: string;
}

/**
 * Refused files, with the check's own Vietnamese sentence (it names the file and the limit) per
 * form field. The upload route shows these next to the file inputs.
 */
export class FilesRefused extends InvalidInputError {
  constructor(readonly texts: Record<string, string>) {
    super(Object.fromEntries(Object.keys(texts).map((field) => [field, "publication.fileRefused" as const])), "publication.fileRefused");
  }
}

/**
 * Checks every file by its content before anything is stored: all problems are reported at once,
 * and nothing is written while any file is refused. The files come back in the order given.
 */
export async function checkFiles(entries: { field: string; file: UploadedFile; allowed: readonly FileKind[] }[]): Promise<CheckedFile[]> {
  const maxBytes = maxFileBytes();
  const problems: Record<string, string[]> = {};
  const checked: CheckedFile[] = [];
  for (const { field, file, allowed } of entries) {
    const result = await checkUpload(file.bytes, file.fileName, { maxBytes, allowed });
    if (result.ok) checked.push({ ...file, field, kind: result.kind, mime: result.mime, extension: result.extension });
    else (problems[field] ??= []).push(result.problem.message);
  }
  if (Object.keys(problems).length > 0) {
    throw new FilesRefused(Object.fromEntries(Object.entries(problems).map(([field, texts]) => [field, texts.join(" ")])));
  }
  return checked;
}

/** A file name safe to keep and to send back in Content-Disposition: no paths, no control characters. */
export function cleanFileName(name: string, extension: string): string {
  const base = (name.split(/[\\/]/).pop() ?? "").normalize("NFC").replace(/[\u0000-\u001f\u007f"]/g, "_").trim().slice(0, 200);
  if (!base || base.startsWith(".")) return `tep.${extension}`;
  return base;
}
