import mammoth from "mammoth";
import { extractText as extractPdfPages, getDocumentProxy } from "unpdf";
import type { FileKind } from "./content-type";

/**
 * The text of an uploaded document, for search: PDF through pdf.js (the serverless build unpdf
 * bundles, so nothing is fetched at run time), DOCX through mammoth. Broken files are reported,
 * never thrown: an upload must not fail because its text could not be read.
 */

export type ExtractErrorCode = "unreadable" | "encrypted" | "unsupported";

export interface ExtractedText {
  /** NFC, one space between words, paragraphs split by a blank line; "" when there is none. */
  text: string;
  /** PDF only: the number of pages. */
  pages?: number;
  /** Whether the file has a text layer: false for a scanned PDF (images only), which needs OCR. */
  searchable: boolean;
  /** The text was cut at MAX_TEXT_BYTES. */
  truncated: boolean;
  error: ExtractErrorCode | null;
}

/**
 * The most text kept, in UTF-8 bytes: the search index only needs the words, and PostgreSQL's
 * tsvector refuses more than 1 MB, so a 500-page annex must not become one giant row.
 */
export const MAX_TEXT_BYTES = 1_000_000;

// pdf.js logs every oddity of a damaged file to the console; errors are handled here instead.
const PDF_OPTIONS = { verbosity: 0, stopAtErrors: false, isEvalSupported: false } as const;

export async function extractText(bytes: Uint8Array, kind: FileKind): Promise<ExtractedText> {
  if (kind === "pdf") return extractFromPdf(bytes);
  if (kind === "docx") return extractFromDocx(bytes);
  return failure("unsupported");
}

const failure = (error: ExtractErrorCode, pages?: number): ExtractedText => ({
  text: "",
  ...(pages === undefined ? {} : { pages }),
  searchable: false,
  truncated: false,
  error,
});

/**
 * pdf.js gets a copy, as a plain Uint8Array: it transfers the buffer it is given to its worker
 * (which would empty the caller's bytes) and refuses a Node Buffer outright. `Buffer#slice` is no
 * copy, hence the constructor.
 */
const openPdf = (bytes: Uint8Array) => getDocumentProxy(new Uint8Array(bytes), PDF_OPTIONS);

const isPasswordError = (error: unknown) => error instanceof Error && error.name === "PasswordException";

async function extractFromPdf(bytes: Uint8Array): Promise<ExtractedText> {
  let pdf: Awaited<ReturnType<typeof getDocumentProxy>> | null = null;
  try {
    pdf = await openPdf(bytes);
    const { totalPages, text } = await extractPdfPages(pdf, { mergePages: false });
    const pages = (Array.isArray(text) ? text : [text]).map(normaliseText).filter(Boolean);
    return finish(pages.join("\n\n"), totalPages);
  } catch (error) {
    return failure(isPasswordError(error) ? "encrypted" : "unreadable");
  } finally {
    await pdf?.destroy().catch(() => {});
  }
}

async function extractFromDocx(bytes: Uint8Array): Promise<ExtractedText> {
  try {
    const result = await mammoth.extractRawText({ buffer: Buffer.from(bytes) });
    return finish(normaliseText(result.value));
  } catch {
    return failure("unreadable");
  }
}

/**
 * Whether a PDF opens: "encrypted" when it wants a password (one that only restricts printing or
 * copying opens fine), "unreadable" when pdf.js cannot make sense of it. Never throws.
 */
export async function probePdf(bytes: Uint8Array): Promise<"ok" | "encrypted" | "unreadable"> {
  let pdf: Awaited<ReturnType<typeof getDocumentProxy>> | null = null;
  try {
    pdf = await openPdf(bytes);
    await pdf.getPage(1);
    return "ok";
  } catch (error) {
    return isPasswordError(error) ? "encrypted" : "unreadable";
  } finally {
    await pdf?.destroy().catch(() => {});
  }
}

/** A scanned page may carry a stray mark or two; a text layer has words. */
const HAS_WORDS = /[\p{L}\p{N}]/u;

function finish(text: string, pages?: number): ExtractedText {
  const capped = capUtf8(text, MAX_TEXT_BYTES);
  return {
    text: capped,
    ...(pages === undefined ? {} : { pages }),
    searchable: HAS_WORDS.test(capped),
    truncated: capped.length < text.length,
    error: null,
  };
}

/**
 * Text as search wants it: NFC (pdf.js may hand back a base letter and a combining tone mark
 * separately), no control or invisible characters, spaces collapsed within a line, lines trimmed,
 * at most one blank line in a row.
 */
export function normaliseText(text: string): string {
  return text
    .normalize("NFC")
    .replace(/\r\n?/g, "\n")
    .replace(/[\u200b-\u200d\u2060\ufeff\u00ad]/g, "")
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, " ")
    .split("\n")
    .map((line) => line.replace(/[^\S\n]+/g, " ").trim())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/** The longest prefix of `text` whose UTF-8 form fits in `maxBytes`, never splitting a character. */
export function capUtf8(text: string, maxBytes: number): string {
  if (text.length * 3 <= maxBytes || Buffer.byteLength(text, "utf8") <= maxBytes) return text;
  const cut = Buffer.from(text, "utf8").subarray(0, maxBytes).toString("utf8");
  // A character cut in half decodes as U+FFFD at the very end: drop it.
  return cut.endsWith("\ufffd") && !text.startsWith(cut) ? cut.slice(0, -1) : cut;
}
