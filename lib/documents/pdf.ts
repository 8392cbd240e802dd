import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import fontkit from "@pdf-lib/fontkit";
import { PDFDocument, rgb, type PDFFont, type PDFPage } from "pdf-lib";
import { t } from "@/lib/i18n";
import type { DocumentStyle } from "./types";

/*
 * A plain A4 document with real, extractable Vietnamese text: demo and generated documents are
 * searched by their words, so the text must come back out exactly. NĐ30 asks for Times New Roman;
 * Tinos has the same metrics and full Vietnamese coverage, and ships as TTF files in an npm
 * package, so no machine's /usr/share/fonts is needed. Fonts are embedded whole: fontkit's subsetting drops
 * glyphs of this font in some viewers (Chrome showed most Vietnamese letters missing), and a
 * readable document is worth a few hundred kilobytes.
 */

export interface DocumentPdfMeta {
  /** Chooses the motto at the top right: the State's (NĐ30, default) or the Party's (HD36). */
  style?: DocumentStyle;
  /** The issuing body, top left, e.g. "TỔNG LIÊN ĐOÀN LAO ĐỘNG VIỆT NAM". May hold "\n". */
  issuer?: string;
  /** "Số, ký hiệu" without the word "Số", e.g. "452/QĐ-TLĐ". */
  numberSymbol?: string;
  /** "Hà Nội, ngày 15 tháng 3 năm 2025". */
  placeAndDate?: string;
  /** The signer's position and name, printed at the end. */
  signer?: { position: string; name: string };
  /** PDF properties. Author defaults to the issuer. */
  author?: string;
  subject?: string;
  keywords?: string[];
  /** Creation date of the file (default now), fixed in tests for identical output. */
  createdAt?: Date;
}

export interface DocumentPdfInput {
  /** Printed bold and centred; may hold "\n" (e.g. "QUYẾT ĐỊNH\nVề việc kiện toàn Ban Chấp hành"). */
  title: string;
  /** Body paragraphs, in order; "" leaves a blank line. */
  lines: string[];
  meta?: DocumentPdfMeta;
}

const PAGE = { width: 595.28, height: 841.89 }; // A4 in points
const MM = 72 / 25.4;
// NĐ30 margins: top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm.
const MARGIN = { top: 20 * MM, bottom: 20 * MM, left: 30 * MM, right: 20 * MM };
const BODY_SIZE = 13;
const HEADER_SIZE = 12;
const TITLE_SIZE = 14;
const LEADING = 1.35;
const INDENT = 10 * MM; // first line of a paragraph

const FONT_FILES = {
  regular: "@expo-google-fonts/tinos/400Regular/Tinos_400Regular.ttf",
  bold: "@expo-google-fonts/tinos/700Bold/Tinos_700Bold.ttf",
} as const;

let fontBytes: Promise<Record<keyof typeof FONT_FILES, Uint8Array>> | null = null;

/** The font files, read once per process from node_modules. */
function loadFonts() {
  fontBytes ??= (async () => {
    const require = createRequire(import.meta.url);
    const [regular, bold] = await Promise.all([readFile(require.resolve(FONT_FILES.regular)), readFile(require.resolve(FONT_FILES.bold))]);
    return { regular: new Uint8Array(regular), bold: new Uint8Array(bold) };
  })().catch((error: unknown) => {
    fontBytes = null; // let a later call try again
    throw error;
  });
  return fontBytes;
}

/** NFC, no control characters, tabs as spaces: what the font can draw and search can find. */
const clean = (text: string) =>
  text
    .normalize("NFC")
    .replace(/\t/g, "    ")
    .replace(/[\u0000-\u0009\u000b-\u001f\u007f\u200b-\u200d\ufeff]/g, "");

/**
 * The width of a text at a size. Laying text out with fontkit costs about a millisecond a call,
 * and wrapping asks for every word many times, so words are measured once per font (at size 1:
 * widths scale with the size) and a line is its words plus its spaces; kerning between words is
 * too small to matter for where a line breaks.
 */
const unitWidths = new WeakMap<PDFFont, Map<string, number>>();
function textWidth(font: PDFFont, text: string, size: number): number {
  let widths = unitWidths.get(font);
  if (!widths) unitWidths.set(font, (widths = new Map()));
  const unit = (word: string) => {
    let width = widths.get(word);
    if (width === undefined) {
      width = font.widthOfTextAtSize(word, 1);
      if (widths.size < 50_000) widths.set(word, width);
    }
    return width;
  };
  const words = text.split(" ");
  return size * (words.reduce((sum, word) => sum + (word ? unit(word) : 0), 0) + (words.length - 1) * unit(" "));
}

/** Splits a paragraph into lines that fit `width`, by words; a word longer than a line is cut. */
export function wrapText(text: string, font: PDFFont, size: number, width: number, firstLineIndent = 0): string[] {
  const words = text.split(/ +/).filter(Boolean);
  const lines: string[] = [];
  let line = "";
  const room = () => width - (lines.length === 0 ? firstLineIndent : 0);
  const fits = (candidate: string) => textWidth(font, candidate, size) <= room();
  for (let word of words) {
    const candidate = line ? `${line} ${word}` : word;
    if (fits(candidate)) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    line = "";
    // A word wider than the line (a long link): cut it, by characters, never inside one.
    let chars = Array.from(word);
    while (chars.length > 1 && !fits(word)) {
      let cut = chars.length - 1;
      while (cut > 1 && !fits(chars.slice(0, cut).join(""))) cut--;
      lines.push(chars.slice(0, cut).join(""));
      chars = chars.slice(cut);
      word = chars.join("");
    }
    line = word;
  }
  if (line || lines.length === 0) lines.push(line);
  return lines;
}

/** Text that may hold "\n", as lines that fit `width`. */
const paragraphLines = (text: string, font: PDFFont, size: number, width: number) =>
  clean(text)
    .split("\n")
    .flatMap((line) => wrapText(line.replace(/\s+/g, " ").trim(), font, size, width));

/** Renders a document as an A4 PDF. The layout follows NĐ30 loosely; it is a readable copy, not a legal original. */
export async function renderDocumentPdf(input: DocumentPdfInput): Promise<Uint8Array> {
  const meta = input.meta ?? {};
  const pdf = await PDFDocument.create();
  pdf.registerFontkit(fontkit);
  const bytes = await loadFonts();
  const regular = await pdf.embedFont(bytes.regular, { subset: false });
  const bold = await pdf.embedFont(bytes.bold, { subset: false });

  const title = clean(input.title).trim();
  const created = meta.createdAt ?? new Date();
  pdf.setTitle(title.replace(/\s*\n\s*/g, " "));
  const author = meta.author ?? meta.issuer?.replace(/\s*\n\s*/g, " ");
  if (author) pdf.setAuthor(clean(author));
  if (meta.subject) pdf.setSubject(clean(meta.subject));
  if (meta.keywords?.length) pdf.setKeywords(meta.keywords.map(clean));
  pdf.setCreator(t("app.name"));
  pdf.setProducer(t("app.name"));
  pdf.setLanguage("vi-VN");
  pdf.setCreationDate(created);
  pdf.setModificationDate(created);

  const bodyWidth = PAGE.width - MARGIN.left - MARGIN.right;
  const black = rgb(0, 0, 0);
  let page: PDFPage = pdf.addPage([PAGE.width, PAGE.height]);
  let y = PAGE.height - MARGIN.top;

  const newPage = () => {
    page = pdf.addPage([PAGE.width, PAGE.height]);
    // NĐ30: pages are numbered from the second, centred in the top margin.
    const number = String(pdf.getPageCount());
    page.drawText(number, {
      x: (PAGE.width - textWidth(regular, number, HEADER_SIZE)) / 2,
      y: PAGE.height - MARGIN.top / 2 - HEADER_SIZE / 2,
      size: HEADER_SIZE,
      font: regular,
      color: black,
    });
    y = PAGE.height - MARGIN.top;
  };
  const lineHeight = (size: number) => size * LEADING;
  const ensureRoom = (height: number) => {
    if (y - height < MARGIN.bottom) newPage();
  };
  /** Draws one line at the cursor; `align` within the column [left, left + width]. */
  const drawLine = (text: string, font: PDFFont, size: number, left: number, width: number, align: "left" | "center") => {
    ensureRoom(lineHeight(size));
    y -= lineHeight(size);
    const x = align === "center" ? left + (width - textWidth(font, text, size)) / 2 : left;
    if (text) page.drawText(text, { x, y, size, font, color: black });
  };

  // Header: issuer and number on the left, motto and place/date on the right, side by side.
  const hasHeader = meta.issuer || meta.numberSymbol || meta.placeAndDate || meta.style;
  if (hasHeader) {
    const leftWidth = bodyWidth * 0.42;
    const rightLeft = MARGIN.left + leftWidth;
    const rightWidth = bodyWidth - leftWidth;
    const top = y;
    const style = meta.style ?? "ND30";
    for (const line of meta.issuer ? paragraphLines(meta.issuer, bold, HEADER_SIZE, leftWidth) : []) {
      drawLine(line, bold, HEADER_SIZE, MARGIN.left, leftWidth, "center");
    }
    if (meta.numberSymbol) {
      const key = style === "HD36" ? "documents.pdf.numberHD36" : "documents.pdf.numberND30";
      drawLine(t(key, { value: clean(meta.numberSymbol).trim() }), regular, HEADER_SIZE, MARGIN.left, leftWidth, "center");
    }
    const leftBottom = y;
    y = top;
    const motto = style === "HD36" ? [t("documents.pdf.partyMotto")] : [t("documents.pdf.stateMotto"), t("documents.pdf.stateSlogan")];
    for (const line of motto) drawLine(line, bold, HEADER_SIZE, rightLeft, rightWidth, "center");
    if (meta.placeAndDate) {
      for (const line of paragraphLines(meta.placeAndDate, regular, HEADER_SIZE, rightWidth)) {
        drawLine(line, regular, HEADER_SIZE, rightLeft, rightWidth, "center");
      }
    }
    y = Math.min(y, leftBottom) - lineHeight(HEADER_SIZE);
  }

  for (const line of paragraphLines(title, bold, TITLE_SIZE, bodyWidth)) {
    drawLine(line, bold, TITLE_SIZE, MARGIN.left, bodyWidth, "center");
  }
  y -= lineHeight(BODY_SIZE) / 2;

  for (const paragraph of input.lines.map(clean)) {
    const text = paragraph.replace(/\s+/g, " ").trim();
    if (!text) {
      ensureRoom(lineHeight(BODY_SIZE));
      y -= lineHeight(BODY_SIZE);
      continue;
    }
    wrapText(text, regular, BODY_SIZE, bodyWidth, INDENT).forEach((line, i) => {
      const indent = i === 0 ? INDENT : 0;
      drawLine(line, regular, BODY_SIZE, MARGIN.left + indent, bodyWidth - indent, "left");
    });
  }

  if (meta.signer) {
    const left = MARGIN.left + bodyWidth * 0.45;
    const width = bodyWidth * 0.55;
    ensureRoom(lineHeight(BODY_SIZE) * 6);
    y -= lineHeight(BODY_SIZE);
    for (const line of paragraphLines(meta.signer.position, bold, BODY_SIZE, width)) drawLine(line, bold, BODY_SIZE, left, width, "center");
    y -= lineHeight(BODY_SIZE) * 3; // room for the signature and seal
    for (const line of paragraphLines(meta.signer.name, bold, BODY_SIZE, width)) drawLine(line, bold, BODY_SIZE, left, width, "center");
  }

  return pdf.save();
}
