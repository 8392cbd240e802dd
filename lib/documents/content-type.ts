import { fileTypeFromBuffer } from "file-type";
import JSZip from "jszip";
import { t, type MessageKey } from "@/lib/i18n";
import { formatNumber } from "@/lib/i18n/format";
import { probePdf } from "./extract";

/** The kinds of file the documents module accepts; each use narrows them with `allowed`. */
export type FileKind = "pdf" | "docx" | "xlsx" | "jpeg" | "png" | "webp" | "gif" | "mp4";

export interface FileKindInfo {
  mime: string;
  /** The extension the file is stored and served with. */
  extension: string;
  /** Every extension a file of this kind may carry in its name. */
  extensions: readonly string[];
}

export const FILE_KINDS = {
  pdf: { mime: "application/pdf", extension: "pdf", extensions: ["pdf"] },
  docx: {
    mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    extension: "docx",
    extensions: ["docx"],
  },
  xlsx: { mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", extension: "xlsx", extensions: ["xlsx"] },
  jpeg: { mime: "image/jpeg", extension: "jpg", extensions: ["jpg", "jpeg", "jpe", "jfif"] },
  png: { mime: "image/png", extension: "png", extensions: ["png"] },
  webp: { mime: "image/webp", extension: "webp", extensions: ["webp"] },
  gif: { mime: "image/gif", extension: "gif", extensions: ["gif"] },
  mp4: { mime: "video/mp4", extension: "mp4", extensions: ["mp4", "m4v"] },
} as const satisfies Record<FileKind, FileKindInfo>;

export const ALL_FILE_KINDS = Object.keys(FILE_KINDS) as FileKind[];

const KIND_LABELS: Record<FileKind, MessageKey> = {
  pdf: "documents.kind.pdf",
  docx: "documents.kind.docx",
  xlsx: "documents.kind.xlsx",
  jpeg: "documents.kind.jpeg",
  png: "documents.kind.png",
  webp: "documents.kind.webp",
  gif: "documents.kind.gif",
  mp4: "documents.kind.mp4",
};

/** What a kind is called in messages: "tài liệu PDF". */
export function fileKindLabel(kind: FileKind): string {
  return t(KIND_LABELS[kind]);
}

export interface DetectedContent {
  /** One of our kinds, or null. */
  kind: FileKind | null;
  /** When kind is null: what the bytes are as an extension ("exe", "zip", "cfb"), or null if unknown. */
  other: string | null;
  /** A zip whose directory cannot be read (truncated or damaged): perhaps a broken docx or xlsx. */
  brokenZip: boolean;
}

const startsWith = (bytes: Uint8Array, prefix: readonly number[], at = 0) =>
  bytes.length >= at + prefix.length && prefix.every((b, i) => bytes[at + i] === b);

/** Readers accept the "%PDF-" header anywhere in the first 1024 bytes, so some producers put junk first. */
function isPdf(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 1024)).includes("%PDF-");
}

/** LibreOffice files, named by the type their "mimetype" entry declares. */
const OPEN_DOCUMENT = { text: "odt", spreadsheet: "ods", presentation: "odp" } as const;

/**
 * What the bytes are, from their content alone. PDF and zips are looked at here: a docx or xlsx is
 * a zip that holds word/document.xml or xl/workbook.xml (the part a reader needs, which is
 * stricter than what [Content_Types].xml claims). Everything else goes to file-type, which only
 * gets the first bytes: enough for every signature we accept, and it keeps a large or hostile
 * upload away from its deeper parsers.
 */
export async function detectContent(bytes: Uint8Array): Promise<DetectedContent> {
  const found = (kind: FileKind | null, other: string | null = null, brokenZip = false): DetectedContent => ({
    kind,
    other,
    brokenZip,
  });
  if (bytes.length === 0) return found(null);
  if (isPdf(bytes)) return found("pdf");
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) {
    let zip: JSZip;
    try {
      zip = await JSZip.loadAsync(bytes, { checkCRC32: false });
    } catch {
      return found(null, "zip", true);
    }
    if (zip.file("word/document.xml")) return found("docx");
    if (zip.file("xl/workbook.xml")) return found("xlsx");
    if (zip.file("ppt/presentation.xml")) return found(null, "pptx");
    const odf = /opendocument\.(text|spreadsheet|presentation)$/.exec((await zip.file("mimetype")?.async("string"))?.trim() ?? "");
    if (odf) return found(null, OPEN_DOCUMENT[odf[1] as keyof typeof OPEN_DOCUMENT]);
    return found(null, "zip");
  }
  const type = await fileTypeFromBuffer(bytes.subarray(0, 4100)).catch(() => undefined);
  const ext = type?.ext;
  switch (ext) {
    case "jpg":
      return found("jpeg");
    case "png":
    case "apng": // an animated PNG is still a PNG to every viewer
      return found("png");
    case "webp":
    case "gif":
    case "mp4":
      return found(ext);
    case "m4v": // MP4 with Apple's brand
      return found("mp4");
    case undefined:
      return found(null);
    default:
      return found(null, ext);
  }
}

export type UploadProblemCode = "empty" | "tooLarge" | "mismatch" | "unknown" | "forbidden" | "unreadable";

export interface UploadProblem {
  code: UploadProblemCode;
  /** For "unreadable": why. */
  reason: "encrypted" | "truncated" | "corrupt" | null;
  message: string;
  values: Record<string, string | number>;
}

export type UploadCheck =
  | { ok: true; kind: FileKind; mime: string; extension: string; problem: null }
  | { ok: false; kind: FileKind | null; mime: null; extension: null; problem: UploadProblem };

export interface UploadRules {
  /** Largest accepted file, in bytes. */
  maxBytes: number;
  /** The kinds this upload takes. */
  allowed: readonly FileKind[];
}

/** The extension of a file name, lower case, or "" ("Báo cáo.PDF" → "pdf"). */
export function extensionOf(fileName: string): string {
  const base = fileName.trim().split(/[\\/]/).pop() ?? "";
  const dot = base.lastIndexOf(".");
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : "";
}

const kindOfExtension = (extension: string): FileKind | null =>
  ALL_FILE_KINDS.find((kind) => (FILE_KINDS[kind].extensions as readonly string[]).includes(extension)) ?? null;

const MB = 1024 * 1024;
const megabytes = (bytes: number) => formatNumber(Math.round((bytes / MB) * 10) / 10);

/**
 * Checks an upload by its content, whatever its name says: an .exe or a PNG renamed .pdf is
 * refused, as is a file of a kind this upload does not take, an empty or oversized file, and a
 * file that would not open (a PDF that wants a password or lacks its end, a zip without its
 * directory). A file with no extension, or whose name and content agree, is accepted with the
 * kind's MIME type and canonical extension, which is what it should be stored and served with.
 * Never throws.
 */
export async function checkUpload(bytes: Uint8Array, fileName: string, rules: UploadRules): Promise<UploadCheck> {
  const name = fileName.trim() || "?";
  const allowedText = rules.allowed.map(fileKindLabel).join(", ");
  const refuse = (
    code: UploadProblemCode,
    key: MessageKey,
    values: Record<string, string | number> = {},
    kind: FileKind | null = null,
    reason: UploadProblem["reason"] = null,
  ): UploadCheck => {
    const all = { name, allowed: allowedText, ...values };
    return { ok: false, kind, mime: null, extension: null, problem: { code, reason, values: all, message: t(key, all) } };
  };

  if (bytes.length === 0) return refuse("empty", "documents.upload.empty");
  if (bytes.length > rules.maxBytes) {
    return refuse("tooLarge", "documents.upload.tooLarge", { size: megabytes(bytes.length), max: megabytes(rules.maxBytes) });
  }

  const extension = extensionOf(name);
  const claimed = kindOfExtension(extension);
  let detected: DetectedContent;
  try {
    detected = await detectContent(bytes);
  } catch {
    detected = { kind: null, other: null, brokenZip: false };
  }
  const { kind } = detected;

  if (!kind) {
    if (detected.brokenZip && (claimed === "docx" || claimed === "xlsx")) {
      return refuse("unreadable", "documents.upload.corrupt", {}, claimed, "corrupt");
    }
    const actual = detected.other ? otherLabel(detected.other) : null;
    if (claimed) {
      return actual
        ? refuse("mismatch", "documents.upload.mismatch", { extension, actual })
        : refuse("mismatch", "documents.upload.mismatchUnknown", { extension, expected: fileKindLabel(claimed) });
    }
    return actual ? refuse("forbidden", "documents.upload.forbidden", { actual }) : refuse("unknown", "documents.upload.unknown");
  }

  if (extension && !(FILE_KINDS[kind].extensions as readonly string[]).includes(extension)) {
    return refuse("mismatch", "documents.upload.mismatch", { extension, actual: fileKindLabel(kind) }, kind);
  }
  if (!rules.allowed.includes(kind)) {
    return refuse("forbidden", "documents.upload.forbidden", { actual: fileKindLabel(kind) }, kind);
  }
  if (kind === "pdf") {
    const state = await pdfState(bytes);
    if (state === "encrypted") return refuse("unreadable", "documents.upload.encrypted", {}, kind, "encrypted");
    if (state === "truncated") return refuse("unreadable", "documents.upload.truncated", {}, kind, "truncated");
    if (state === "corrupt") return refuse("unreadable", "documents.upload.corrupt", {}, kind, "corrupt");
  }
  const info = FILE_KINDS[kind];
  return { ok: true, kind, mime: info.mime, extension: info.extension, problem: null };
}

/** A type we do not take, named for the clerk: old Office files and encrypted Office files share one container. */
function otherLabel(extension: string): string {
  if (extension === "cfb") return t("documents.kind.cfb");
  if (extension === "exe" || extension === "elf" || extension === "mach") return t("documents.kind.program", { extension });
  return t("documents.kind.other", { extension });
}

/**
 * Whether a PDF will open. A file cut short (an interrupted upload) lacks the "%%EOF" marker that
 * readers look for in its last 1024 bytes. Then pdf.js opens it: a file that wants a password is
 * refused, but one that is encrypted only to restrict printing or copying (common in published
 * PDFs) opens without one and is fine.
 */
async function pdfState(bytes: Uint8Array): Promise<"ok" | "truncated" | "encrypted" | "corrupt"> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (!buffer.subarray(Math.max(0, buffer.length - 1024)).includes("%%EOF")) return "truncated";
  const state = await probePdf(bytes);
  return state === "ok" ? "ok" : state === "encrypted" ? "encrypted" : "corrupt";
}
