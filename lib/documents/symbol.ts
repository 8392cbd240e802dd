import { t, type MessageKey } from "@/lib/i18n";
import { findDocumentType, type DocumentStyle } from "./types";

/*
 * "Số, ký hiệu" of an official document, in both styles (see /work/shared/domain/documents.md):
 *   NĐ30  15/QĐ-BNV, 452/QĐ-TLĐ, a letter without type 05/BNV-VP   n/TYPE-ISSUER[-UNIT], n/ISSUER-UNIT
 *   HD36  127-QĐ/TW, 374-TB/HU, 37-HD/TĐTN-BTC                     n-TYPE/ISSUER[-UNIT]
 * Clerks type what they see on paper, so the parser is lenient (a "Số:" prefix, spaces, lower
 * case, en dashes, the wrong separator, a trailing period) and never loses the text: what it cannot
 * read is kept as written and flagged.
 */

export type SymbolProblemCode =
  | "empty"
  | "noNumber"
  | "badNumber"
  | "noSymbol"
  | "noIssuer"
  | "unrecognised"
  // A warning: the result is still ok.
  | "unknownType";

export interface SymbolProblem {
  code: SymbolProblemCode;
  message: string;
  values: Record<string, string | number>;
}

interface ParsedFields {
  style: DocumentStyle;
  /** The sequence number: 5 for "05". */
  number: number;
  /** The number as printed: at least two digits ("05", "452"). */
  numberText: string;
  /** The type's abbreviation in its catalogue spelling ("QyĐ"), or null for an NĐ30 letter. */
  typeCode: string | null;
  /** The issuing body's abbreviation, upper case ("TLĐ"). */
  issuerCode: string;
  /** The drafting unit (or, for a joint symbol, everything after the issuer), or null. */
  unitCode: string | null;
}

export type ParsedNumberSymbol =
  | (ParsedFields & {
      ok: true;
      /** The canonical text: no spaces, the style's separators, e.g. "05/QĐ-TLĐ". */
      normalised: string;
      /** The input, trimmed. */
      original: string;
      /** Warnings only (e.g. a type abbreviation missing from the catalogue). */
      problems: SymbolProblem[];
    })
  | {
      ok: false;
      style: null;
      number: null;
      numberText: null;
      typeCode: null;
      issuerCode: null;
      unitCode: null;
      /** The cleaned text (no "Số:" prefix, single spaces), kept so the clerk can correct it. */
      normalised: string;
      original: string;
      problems: SymbolProblem[];
    };

export type NumberSymbolParts =
  | { style: "ND30"; number: number; typeCode: string | null; issuerCode: string; unitCode?: string | null }
  | { style: "HD36"; number: number; typeCode: string; issuerCode: string; unitCode?: string | null };

export interface ParseOptions {
  /** The organisation's own style: decides only when the text itself does not (e.g. "374 TB HU"). */
  preferredStyle?: DocumentStyle;
}

/** Numbers restart at 01 every year (NĐ30) or term (HD36); six digits is far beyond any register. */
export const MAX_DOCUMENT_NUMBER = 999_999;

const MESSAGES: Record<SymbolProblemCode, MessageKey> = {
  empty: "documents.symbol.empty",
  noNumber: "documents.symbol.noNumber",
  badNumber: "documents.symbol.badNumber",
  noSymbol: "documents.symbol.noSymbol",
  noIssuer: "documents.symbol.noIssuer",
  unrecognised: "documents.symbol.unrecognised",
  unknownType: "documents.symbol.unknownType",
};

const problem = (code: SymbolProblemCode, values: Record<string, string | number> = {}): SymbolProblem => ({
  code,
  values,
  message: t(MESSAGES[code], values),
});

/** Two digits at least: "05". */
export function formatDocumentNumber(number: number): string {
  return String(number).padStart(2, "0");
}

const upper = (code: string) => code.replace(/\s+/g, "").toLocaleUpperCase("vi");

/** An abbreviation in its catalogue spelling ("qyđ" → "QyĐ"), else upper case. */
function canonicalType(code: string): string {
  return findDocumentType(code)?.code ?? upper(code);
}

/** The canonical "Số, ký hiệu" text of these parts. */
export function formatNumberSymbol(parts: NumberSymbolParts): string {
  const number = formatDocumentNumber(parts.number);
  const issuer = upper(parts.issuerCode) + (parts.unitCode ? `-${upper(parts.unitCode)}` : "");
  if (parts.style === "HD36") return `${number}-${canonicalType(parts.typeCode)}/${issuer}`;
  return parts.typeCode ? `${number}/${canonicalType(parts.typeCode)}-${issuer}` : `${number}/${issuer}`;
}

// "Số:", "Số, ký hiệu:", "số hiệu", "So:" — but not the word at the start of something else.
const PREFIX = /^(?:số|so)(?:\s*,?\s*(?:ký|kí|ky|ki)?\s*hiệu)?\s*[:.]?\s*(?=\d|$)/iu;
// "…, ngày 12/3/2024" pasted along with the symbol: the date is a field of its own.
const DATE_SUFFIX = /[\s,;]+(?:ngày|ngay)(?:\s.*)?$/iu;
const DASHES = /[\u2010-\u2015\u2212\ufe58\ufe63\uff0d]/g;
const SLASHES = /[\\\u2044\u2215\uff0f]/g;
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff\u00ad]/g;
const PART = /^[\p{L}][\p{L}\p{M}\p{N}]*$/u;

/** The text as the clerk meant it: NFC, one kind of dash and slash, no prefix or trailing dot. */
function clean(raw: string): string {
  return raw
    .normalize("NFKC") // full-width digits and slashes (１５／) become plain ones
    .replace(INVISIBLE, "")
    .replace(/[\u0000-\u001f\u007f]/g, " ")
    .replace(DASHES, "-")
    .replace(SLASHES, "/")
    .replace(/Ð/g, "Đ") // the Icelandic eth, which old converters and some keyboards produce
    .replace(/ð/g, "đ")
    .replace(/\s+/g, " ")
    .trim()
    .replace(PREFIX, "")
    .replace(DATE_SUFFIX, "")
    .replace(/[\s.,;:]+$/u, "")
    .replace(/\s*([-/])\s*/g, "$1")
    .replace(/[-/]{2,}/g, (run) => (run.includes("/") ? "/" : "-"))
    .replace(/^[-/]+|[-/]+$/g, "");
}

const failed = (original: string, normalised: string, problems: SymbolProblem[]): ParsedNumberSymbol => ({
  ok: false,
  style: null,
  number: null,
  numberText: null,
  typeCode: null,
  issuerCode: null,
  unitCode: null,
  normalised,
  original,
  problems,
});

/**
 * Reads "Số, ký hiệu" as written on a document. The separator after the number tells the style
 * ("/" NĐ30, "-" HD36); when there is none ("452 QĐ-TLĐ"), the next separator does; when neither
 * does, the organisation's preferred style (NĐ30 by default). In NĐ30 style a first part that is
 * not a type abbreviation makes the symbol a letter's (05/BNV-VP). Never throws.
 */
export function parseNumberSymbol(raw: string, options: ParseOptions = {}): ParsedNumberSymbol {
  const original = (raw ?? "").trim();
  const text = clean(original);
  if (!text) return failed(original, text, [problem("empty")]);

  const match = /^(\d+)([-/ ]?)(.*)$/u.exec(text);
  if (!match) return failed(original, text, [problem("noNumber", { text })]);
  const [, digits, firstSeparator, rest] = match as unknown as [string, string, string, string];

  const number = Number(digits);
  if (number < 1 || number > MAX_DOCUMENT_NUMBER) {
    return failed(original, text, [problem("badNumber", { number: digits })]);
  }
  if (!rest) return failed(original, text, [problem("noSymbol", { text })]);

  // Parts and the separators between them: "QĐ-TLĐ" → parts [QĐ, TLĐ], separators ["-"].
  const pieces = rest.split(/([-/ ])/);
  const parts = pieces.filter((_, i) => i % 2 === 0);
  const separators = pieces.filter((_, i) => i % 2 === 1);
  if (!parts.every((part) => PART.test(part))) return failed(original, text, [problem("unrecognised", { text })]);
  // "12CV/TU" reads as 12-CV/TU, but "15a/QĐ-BNV" is not a number we can store.
  if (firstSeparator === "" && !findDocumentType(parts[0]!)) {
    return failed(original, text, [problem("unrecognised", { text })]);
  }

  const style = decideStyle(firstSeparator, separators[0], options.preferredStyle);
  const [first, second, ...others] = parts as [string, ...string[]];
  const unitCode = others.length ? others.map(upper).join("-") : null;
  const warnings: SymbolProblem[] = [];
  let fields: ParsedFields;

  if (style === "ND30") {
    const type = findDocumentType(first);
    if (type && !second) {
      return failed(original, text, [problem("noIssuer", { text, example: "15/QĐ-BNV" })]);
    }
    fields = type
      ? { style, number, numberText: formatDocumentNumber(number), typeCode: type.code, issuerCode: upper(second!), unitCode }
      : {
          style,
          number,
          numberText: formatDocumentNumber(number),
          typeCode: null,
          issuerCode: upper(first),
          unitCode: second ? [second, ...others].map(upper).join("-") : null,
        };
  } else {
    if (!second) return failed(original, text, [problem("noIssuer", { text, example: "374-TB/HU" })]);
    const typeCode = canonicalType(first);
    if (!findDocumentType(first)) warnings.push(problem("unknownType", { code: typeCode }));
    fields = { style, number, numberText: formatDocumentNumber(number), typeCode, issuerCode: upper(second), unitCode };
  }

  // An HD36 symbol always has a type, so these fields are valid parts of either style.
  const normalised = formatNumberSymbol(fields as NumberSymbolParts);
  return { ok: true, ...fields, normalised, original, problems: warnings };
}

function decideStyle(first: string, second: string | undefined, preferred: DocumentStyle | undefined): DocumentStyle {
  if (first === "/") return "ND30";
  if (first === "-") return "HD36";
  if (second === "-") return "ND30";
  if (second === "/") return "HD36";
  return preferred ?? "ND30";
}

/**
 * A key for the duplicate warning NĐ30 requires: the same (number, symbol, issuer) registered twice.
 * Case, spacing and style do not matter ("452 /qđ/tlđ" = "452/QĐ-TLĐ" = "452-QĐ/TLĐ"); text that does
 * not parse is compared as cleaned text. `scope` is the numbering series the caller compares
 * within, since numbers restart: the year for NĐ30, the term for HD36.
 */
export function numberSymbolKey(text: string, issuerId: string | number, scope?: string | number): string {
  const parsed = parseNumberSymbol(text);
  const symbol = parsed.ok
    ? [parsed.number, parsed.typeCode ?? "", parsed.issuerCode, parsed.unitCode ?? ""].join("|")
    : parsed.normalised.replace(/\s+/g, "");
  return `${issuerId}#${scope ?? ""}#${symbol.toLocaleLowerCase("vi")}`;
}
