import { Readable } from "node:stream";
import ExcelJS from "exceljs";
import { SaxesParser } from "saxes";
import type { Cell, CellProblem, MergeRange } from "./read";
import { betweenTags, crc32, partChecksum, partStream, readPart, repack, type RepackPart, wholePart, type ZipEntry } from "./zip";

/**
 * Streaming access to a workbook. Cell values come from exceljs's streaming reader (shared strings,
 * styles for dates, rich text, cached formula results); it neither reports merged ranges nor the
 * sheets' names and visibility, and merged ranges sit after the rows in the sheet's XML, so those
 * few things are read first, straight from the parts: the workbook's sheet list and each sheet's
 * <mergeCell> and <dimension> elements. No whole-workbook model is ever built: a hundred thousand
 * rows are read in a few megabytes of working memory.
 */

export interface BookSheet {
  name: string;
  hidden: boolean;
  /** Part name in the zip, e.g. xl/worksheets/sheet1.xml. */
  path: string;
}

const SMALL_PART = 16 * 1024 * 1024;

/** Attributes of every element named `local` (any namespace prefix), in document order. */
function elements(xml: string, local: string): Record<string, string>[] {
  const found: Record<string, string>[] = [];
  const parser = new SaxesParser();
  parser.on("opentag", (tag) => {
    const name = tag.name.includes(":") ? tag.name.slice(tag.name.indexOf(":") + 1) : tag.name;
    if (name === local) found.push(tag.attributes as Record<string, string>);
  });
  parser.write(xml).close();
  return found;
}

/** The workbook's sheets in order, with where each is stored. */
export function workbookSheets(bytes: Uint8Array, parts: Map<string, ZipEntry>): BookSheet[] {
  const workbook = parts.get("xl/workbook.xml");
  const rels = parts.get("xl/_rels/workbook.xml.rels");
  if (!workbook) return [];
  const targets = new Map<string, string>();
  if (rels) {
    for (const rel of elements(readPart(bytes, rels, SMALL_PART).toString("utf8"), "Relationship")) {
      if (!rel.Id || !rel.Target) continue;
      const target = rel.Target.startsWith("/") ? rel.Target.slice(1) : `xl/${rel.Target.replace(/^\.\//, "")}`;
      targets.set(rel.Id, target);
    }
  }
  return elements(readPart(bytes, workbook, SMALL_PART).toString("utf8"), "sheet").map((sheet, i) => {
    const id = sheet["r:id"] ?? Object.entries(sheet).find(([k]) => k.endsWith(":id"))?.[1] ?? "";
    return {
      name: sheet.name ?? `Sheet${i + 1}`,
      hidden: sheet.state === "hidden" || sheet.state === "veryHidden",
      path: targets.get(id) ?? `xl/worksheets/sheet${i + 1}.xml`,
    };
  });
}

/** "B12" → 0-based { row: 11, column: 1 }. */
function decodeRef(ref: string): { row: number; column: number } | null {
  const m = /^\$?([A-Z]{1,3})\$?(\d{1,7})$/.exec(ref.toUpperCase());
  if (!m) return null;
  let column = 0;
  for (const ch of m[1]!) column = column * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]) - 1, column: column - 1 };
}

export interface SheetLayout {
  merges: MergeRange[];
  /** Rows the sheet says it spans (its <dimension>), when it says. */
  rowCountHint: number | null;
  /** The sheet's XML: bytes and CRC-32, as inflated here (what `worksheets` hands on). */
  size: number;
  crc32: number;
}

const MERGE = /<(?:\w+:)?mergeCell\b[^>]*?\bref="([^"]+)"/g;
const DIMENSION = /<(?:\w+:)?dimension\b[^>]*?\bref="([^"]+)"/;

/**
 * A sheet's merged ranges and declared size, found by scanning its XML as it inflates. Only chunks
 * holding "mergeCell" are decoded (the ranges sit after the rows); elements never contain "<", so
 * a decoded stretch ends at its last "<" and the rest is carried into the next chunk.
 */
export async function sheetLayout(bytes: Uint8Array, entry: ZipEntry): Promise<SheetLayout> {
  const merges: MergeRange[] = [];
  let rowCountHint: number | null = null;
  let first = true;
  let carry = Buffer.alloc(0);
  let size = 0;
  let crc = 0;
  const scan = (text: string) => {
    for (const m of text.matchAll(MERGE)) {
      const [from, to = from] = m[1]!.split(":");
      const a = decodeRef(from!);
      const b = decodeRef(to!);
      if (!a || !b) continue;
      merges.push({ top: Math.min(a.row, b.row), left: Math.min(a.column, b.column), bottom: Math.max(a.row, b.row), right: Math.max(a.column, b.column) });
    }
  };
  for await (const chunk of partStream(bytes, entry) as AsyncIterable<Buffer>) {
    size += chunk.length;
    crc = crc32(chunk, crc);
    const data = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
    if (first) {
      const text = data.subarray(0, 4096).toString("latin1");
      const dimension = DIMENSION.exec(text);
      if (dimension) {
        const end = decodeRef(dimension[1]!.split(":").at(-1)!);
        if (end) rowCountHint = end.row + 1;
      }
      first = false;
    }
    const cut = data.lastIndexOf(0x3c); // "<"
    if (data.indexOf("mergeCell", 0, "latin1") >= 0) scan(data.subarray(0, cut).toString("latin1"));
    carry = Buffer.from(data.subarray(cut));
  }
  scan(carry.toString("latin1"));
  return { merges: merges.sort((a, b) => a.top - b.top || a.left - b.left), rowCountHint, size, crc32: crc };
}

// ---------------------------------------------------------------------------------------------
// Cell values

type Converted = { value: Cell } | { value: null; problem: CellProblem["code"]; detail: string };

/** An exceljs cell value as a plain cell: rich text joined, hyperlinks as their text, cached formula results. */
export function convert(value: ExcelJS.CellValue, depth = 0): Converted {
  if (value === null || value === undefined) return { value: null };
  if (typeof value === "string") return { value };
  if (typeof value === "number") return { value: Number.isFinite(value) ? value : null };
  if (typeof value === "boolean") return { value: value ? "TRUE" : "FALSE" };
  if (value instanceof Date) return { value: Number.isNaN(value.getTime()) ? null : value };
  if (depth > 3 || typeof value !== "object") return { value: null };
  if ("richText" in value && Array.isArray(value.richText)) {
    return { value: value.richText.map((part) => (typeof part?.text === "string" ? part.text : "")).join("") };
  }
  if ("formula" in value || "sharedFormula" in value) {
    const formula = "formula" in value && typeof value.formula === "string" ? value.formula : String((value as { sharedFormula?: unknown }).sharedFormula ?? "");
    const result = (value as { result?: ExcelJS.CellValue }).result;
    if (result === undefined || result === null || (typeof result === "number" && Number.isNaN(result))) return { value: null, problem: "formula", detail: `=${formula}` };
    return convert(result, depth + 1);
  }
  if ("error" in value) return { value: null, problem: "cellError", detail: String(value.error) };
  if ("text" in value) return convert(value.text as ExcelJS.CellValue, depth + 1);
  return { value: null };
}

export interface StreamedRow {
  /** 0-based sheet row. */
  index: number;
  cells: Cell[];
  problems: CellProblem[];
}

/** One row of the streaming reader as plain cells; null when it holds nothing. */
export function streamedRow(row: ExcelJS.Row, maxColumns: number): StreamedRow | null {
  const index = row.number - 1;
  const cells: Cell[] = [];
  const problems: CellProblem[] = [];
  let any = false;
  row.eachCell({ includeEmpty: false }, (cell, column) => {
    if (column > maxColumns) return;
    const converted = convert(cell.value);
    if ("problem" in converted) problems.push({ code: converted.problem, row: index, column: column - 1, detail: converted.detail });
    const value = typeof converted.value === "string" && converted.value.trim() === "" ? null : converted.value;
    if (value === null && !("problem" in converted)) return;
    cells[column - 1] = value;
    any = true;
  });
  if (!any) return null;
  for (let c = 0; c < cells.length; c++) if (cells[c] === undefined) cells[c] = null;
  return { index, cells, problems };
}

/**
 * The given worksheets in order, each with its rows on demand. exceljs reads a zip front to back,
 * parks worksheets stored before the shared strings in temporary files, and decodes each chunk of
 * a part on its own, so a character split between two inflated chunks comes out broken ("Qu���nh").
 * So it is handed a repacked zip, stored uncompressed and inflated here in chunks that end between
 * tags: the workbook, its relationships, shared strings and styles first (an empty shared-string
 * table when the workbook has none), then the sheets named sheet1…n in order.
 */
export async function* worksheets(
  bytes: Uint8Array,
  parts: Map<string, ZipEntry>,
  sheets: readonly { sheet: BookSheet; layout: SheetLayout }[],
): AsyncGenerator<{ sheet: BookSheet; rows: AsyncIterable<ExcelJS.Row> }> {
  // Small parts whole; the shared strings (tens of megabytes for a large list) streamed like the
  // sheets, so no copy of their XML outlives the parse.
  const lead: RepackPart[] = [];
  for (const name of ["xl/_rels/workbook.xml.rels", "xl/workbook.xml", "xl/sharedStrings.xml", "xl/styles.xml"]) {
    const entry = parts.get(name);
    if (name === "xl/sharedStrings.xml") {
      if (!entry) lead.push(wholePart(name, Buffer.from('<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>')));
      else lead.push({ name, ...(await partChecksum(bytes, entry, SMALL_PART * 16)), chunks: betweenTags(partStream(bytes, entry, 64 * 1024)) });
    } else if (entry) {
      lead.push(splitBetweenTags(wholePart(name, readPart(bytes, entry, SMALL_PART * 16))));
    }
  }
  const sheetParts = sheets.map(({ sheet, layout }, i): RepackPart => ({
    name: `xl/worksheets/sheet${i + 1}.xml`,
    size: layout.size,
    crc32: layout.crc32,
    // Chunks of the size zlib and exceljs use by default: a bigger one becomes a bigger batch of rows held at once.
    chunks: betweenTags(partStream(bytes, parts.get(sheet.path)!, 16 * 1024)),
  }));
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(repack([...lead, ...sheetParts])), {
    sharedStrings: "cache",
    styles: "cache",
    hyperlinks: "ignore",
    worksheets: "emit",
    entries: "ignore",
  });
  let detached = false;
  for await (const worksheet of reader) {
    if (!detached) {
      detachSharedStrings((reader as unknown as { sharedStrings?: unknown[] }).sharedStrings);
      detached = true;
    }
    const entry = sheets[Number((worksheet as unknown as { id: string | number }).id) - 1];
    if (entry) yield { sheet: entry.sheet, rows: worksheet as unknown as AsyncIterable<ExcelJS.Row> };
  }
}

/**
 * The shared strings as copies of their own. Each was cut from the chunk of XML it sat in, and V8
 * keeps such a slice as a view of that whole chunk: a hundred thousand rows' strings would hold
 * every chunk of the table's XML (tens of megabytes) until the import ends.
 */
function detachSharedStrings(strings: unknown[] | undefined) {
  if (!strings) return;
  for (let i = 0; i < strings.length; i++) {
    const value = strings[i];
    // Short strings are copied by V8 anyway; rich text is rare and small.
    if (typeof value === "string" && value.length > 12) strings[i] = Buffer.from(value, "utf8").toString("utf8");
  }
}

/** A whole part passed on in pieces of about 64 KB that end between tags. */
function splitBetweenTags(part: RepackPart): RepackPart {
  const [data] = part.chunks as Buffer[];
  const pieces: Buffer[] = [];
  let from = 0;
  while (from < data!.length) {
    let to = Math.min(data!.length, from + 65536);
    if (to < data!.length) {
      const cut = data!.lastIndexOf(0x3c, to);
      if (cut > from) to = cut;
    }
    pieces.push(data!.subarray(from, to));
    from = to;
  }
  return { ...part, chunks: pieces };
}
