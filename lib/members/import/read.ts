import ExcelJS from "exceljs";
import JSZip from "jszip";
import { parse as parseCsv } from "csv-parse/sync";
import { findHeader } from "./header";
import { importMessage } from "./messages";

/** One cell as the import sees it: text, a number, a calendar date (UTC midnight) or nothing. */
export type Cell = string | number | Date | null;
/** Rows of cells; `grid[i]` is sheet row i + 1, every row has the same length. */
export type Grid = Cell[][];

/** A merged range, 0-based and inclusive, in grid coordinates. */
export interface MergeRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export type FileProblemCode = "wrongType" | "empty" | "tooLarge" | "tooManyRows" | "unreadable" | "encoding" | "noData";

/** Something wrong with the file as a whole: nothing can be imported from it. */
export interface FileProblem {
  code: FileProblemCode;
  message: string;
  values: Record<string, string | number>;
}

/** Something wrong with one cell: the grid holds null there. Row and column are 0-based. */
export interface CellProblem {
  code: "formula" | "cellError";
  row: number;
  column: number;
  /** The formula text or the error value (#REF!, #N/A…). */
  detail: string;
}

/** What the bytes really are, whatever the file name says. */
export type DetectedType = "xlsx" | "csv" | "xls" | "pdf" | "html" | "zip" | "binary" | "unknown";

export interface ReadResult {
  ok: boolean;
  format: "xlsx" | "csv" | null;
  detected: DetectedType;
  /** The worksheet read (xlsx), or null. */
  sheetName: string | null;
  /** Every worksheet of the workbook (xlsx), in order. */
  sheetNames: string[];
  /** The delimiter found (csv), or null. */
  delimiter: "," | ";" | "\t" | null;
  grid: Grid;
  merges: MergeRange[];
  /** Whole-file problems; when there is one, `ok` is false and the grid is empty. */
  problems: FileProblem[];
  /** Cell problems (formulas without a cached result, error values). */
  cellProblems: CellProblem[];
}

export interface ReadOptions {
  /** Largest accepted file, in bytes (default 20 MB). */
  maxBytes?: number;
  /** Largest accepted total of uncompressed parts of an xlsx (default 300 MB): a guard against zip bombs. */
  maxUncompressedBytes?: number;
  /** Most rows read (default 100 000). */
  maxRows?: number;
  /** Columns after this one are ignored (default 200). */
  maxColumns?: number;
  /** Read this worksheet instead of the first one with data. */
  sheetName?: string;
}

export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;
const DEFAULT_MAX_UNCOMPRESSED = 300 * 1024 * 1024;
const DEFAULT_MAX_ROWS = 100_000;
const DEFAULT_MAX_COLUMNS = 200;

/**
 * Reads an uploaded member list. The type comes from the content, not the name: an xlsx workbook
 * (a zip holding xl/workbook.xml) or CSV/text in UTF-8 (with or without BOM) or UTF-16 with BOM.
 * From a workbook, the first visible sheet with a recognisable header is read (else the first
 * with data). Never throws: every failure is a problem in the result. Formulas are never
 * evaluated: a cached result is used, or the cell is reported.
 */
export async function readSpreadsheet(bytes: Uint8Array, fileName: string, options: ReadOptions = {}): Promise<ReadResult> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const name = fileName || "?";
  const fail = (code: FileProblemCode, detected: DetectedType = "unknown", values: Record<string, string | number> = {}) =>
    failed(code, detected, { name, ...values });

  try {
    if (bytes.length === 0) return fail("empty");
    if (bytes.length > maxBytes) return fail("tooLarge", "unknown", { max: Math.floor(maxBytes / (1024 * 1024)) || 1 });

    const detected = sniff(bytes);
    if (detected === "xlsx" || detected === "zip") return await readXlsx(bytes, name, options);
    if (detected !== "csv") return fail("wrongType", detected);
    return readCsv(bytes, name, options);
  } catch {
    return fail("unreadable");
  }
}

function failed(code: FileProblemCode, detected: DetectedType, values: Record<string, string | number>): ReadResult {
  return {
    ok: false,
    format: null,
    detected,
    sheetName: null,
    sheetNames: [],
    delimiter: null,
    grid: [],
    merges: [],
    problems: [{ code, values, message: importMessage(`import.read.${code}`, values) }],
    cellProblems: [],
  };
}

function startsWith(bytes: Uint8Array, prefix: readonly number[], at = 0): boolean {
  if (bytes.length < at + prefix.length) return false;
  return prefix.every((b, i) => bytes[at + i] === b);
}

const ascii = (s: string) => Array.from(s, (c) => c.charCodeAt(0));

/** The real type of the bytes, from their first bytes. */
function sniff(bytes: Uint8Array): DetectedType {
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return "xlsx"; // confirmed later by its parts
  if (startsWith(bytes, [0x50, 0x4b, 0x05, 0x06]) || startsWith(bytes, [0x50, 0x4b, 0x07, 0x08])) return "zip";
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return "xls"; // .xls, or an encrypted .xlsx
  if (startsWith(bytes, ascii("%PDF"))) return "pdf";
  const binaryMagics = [
    [0x89, 0x50, 0x4e, 0x47], // PNG
    [0xff, 0xd8, 0xff], // JPEG
    ascii("GIF8"),
    ascii("Rar!"),
    [0x37, 0x7a, 0xbc, 0xaf], // 7z
    [0x1f, 0x8b], // gzip
    ascii("{\\rtf"),
  ];
  if (binaryMagics.some((m) => startsWith(bytes, m))) return "binary";
  return "csv"; // confirmed when decoding the text
}

// ---------------------------------------------------------------------------------------------
// xlsx

interface ZipEntry {
  name: string;
  uncompressed: number;
}

/** The entries of a zip from its central directory, or null when the directory is missing (truncated). */
function zipEntries(bytes: Uint8Array): ZipEntry[] | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const min = Math.max(0, bytes.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= min; i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const total = view.getUint16(eocd + 10, true);
  const cdOffset = view.getUint32(eocd + 16, true);
  if (cdOffset === 0xffffffff || total === 0xffff) return []; // zip64: sizes unknown here, JSZip checks the rest
  const decoder = new TextDecoder();
  const entries: ZipEntry[] = [];
  let pos = cdOffset;
  for (let i = 0; i < total; i++) {
    if (pos + 46 > bytes.length || view.getUint32(pos, true) !== 0x02014b50) return null;
    const uncompressed = view.getUint32(pos + 24, true);
    const nameLength = view.getUint16(pos + 28, true);
    const extraLength = view.getUint16(pos + 30, true);
    const commentLength = view.getUint16(pos + 32, true);
    if (pos + 46 + nameLength > bytes.length) return null;
    const name = decoder.decode(bytes.subarray(pos + 46, pos + 46 + nameLength));
    entries.push({ name, uncompressed: uncompressed === 0xffffffff ? Number.POSITIVE_INFINITY : uncompressed });
    pos += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

const DATA_VALIDATIONS = /<(?:\w+:)?dataValidations\b[^>]*\/>|<((?:\w+:)?dataValidations)\b[\s\S]*?<\/\1>/g;

async function readXlsx(bytes: Uint8Array, name: string, options: ReadOptions): Promise<ReadResult> {
  const entries = zipEntries(bytes);
  if (!entries) return failed("unreadable", "zip", { name });
  const names = new Set(entries.map((e) => e.name));
  if (entries.length > 0 && !names.has("xl/workbook.xml")) return failed("wrongType", "zip", { name });
  const uncompressed = entries.reduce((sum, e) => sum + e.uncompressed, 0);
  const maxUncompressed = options.maxUncompressedBytes ?? DEFAULT_MAX_UNCOMPRESSED;
  if (uncompressed > maxUncompressed) {
    return failed("tooLarge", "xlsx", { name, max: Math.floor((options.maxBytes ?? DEFAULT_MAX_BYTES) / (1024 * 1024)) || 1 });
  }

  let input: Uint8Array = bytes;
  try {
    const zip = await JSZip.loadAsync(bytes);
    if (!zip.file("xl/workbook.xml")) return failed("wrongType", "zip", { name });
    // exceljs expands every data-validation range cell by cell (a whole column is a million
    // entries and hangs the load); validations do not matter for reading, so they go.
    let changed = false;
    for (const file of zip.file(/^xl\/worksheets\/[^/]+\.xml$/)) {
      const xml = await file.async("string");
      if (!xml.includes("dataValidations")) continue;
      zip.file(file.name, xml.replace(DATA_VALIDATIONS, ""));
      changed = true;
    }
    if (changed) input = await zip.generateAsync({ type: "uint8array", compression: "STORE" });
  } catch {
    return failed("unreadable", "xlsx", { name });
  }

  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(input.buffer.slice(input.byteOffset, input.byteOffset + input.byteLength) as ArrayBuffer);
  } catch {
    return failed("unreadable", "xlsx", { name });
  }

  const sheets = workbook.worksheets;
  const sheetNames = sheets.map((s) => s.name);
  const ordered = options.sheetName
    ? sheets.filter((s) => s.name === options.sheetName)
    : [...sheets.filter((s) => s.state !== "hidden" && s.state !== "veryHidden"), ...sheets.filter((s) => s.state === "hidden" || s.state === "veryHidden")];

  const maxRows = options.maxRows ?? DEFAULT_MAX_ROWS;
  const maxColumns = options.maxColumns ?? DEFAULT_MAX_COLUMNS;
  // The first sheet with a member-list header wins (a workbook may open on a cover or guide
  // sheet); failing that, the first sheet with any data.
  type Candidate = { sheet: ExcelJS.Worksheet; extracted: ReturnType<typeof extractSheet> };
  let fallback: Candidate | null = null;
  let chosen: Candidate | null = null;
  for (const sheet of ordered) {
    const extracted = extractSheet(sheet, maxRows, maxColumns);
    if (extracted.tooManyRows) return failed("tooManyRows", "xlsx", { name, max: maxRows });
    if (extracted.grid.length === 0) continue;
    fallback ??= { sheet, extracted };
    if (findHeader(extracted.grid, extracted.merges)) {
      chosen = { sheet, extracted };
      break;
    }
  }
  chosen ??= fallback;
  if (!chosen) return { ...failed("noData", "xlsx", { name }), sheetNames };
  return {
    ok: true,
    format: "xlsx",
    detected: "xlsx",
    sheetName: chosen.sheet.name,
    sheetNames,
    delimiter: null,
    grid: chosen.extracted.grid,
    merges: chosen.extracted.merges,
    problems: [],
    cellProblems: chosen.extracted.cellProblems,
  };
}

type Converted = { value: Cell } | { value: null; problem: CellProblem["code"]; detail: string };

/** An exceljs cell value as a plain cell: rich text joined, hyperlinks as their text, cached formula results. */
function convert(value: ExcelJS.CellValue, depth = 0): Converted {
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
    if (result === undefined || result === null) return { value: null, problem: "formula", detail: `=${formula}` };
    return convert(result, depth + 1);
  }
  if ("error" in value) return { value: null, problem: "cellError", detail: String(value.error) };
  if ("text" in value) return convert(value.text as ExcelJS.CellValue, depth + 1);
  return { value: null };
}

function extractSheet(sheet: ExcelJS.Worksheet, maxRows: number, maxColumns: number) {
  const rows: Cell[][] = [];
  const cellProblems: CellProblem[] = [];
  let width = 0;
  let tooManyRows = false;
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (tooManyRows) return;
    if (rowNumber > maxRows) {
      tooManyRows = true;
      return;
    }
    const cells: Cell[] = [];
    let any = false;
    row.eachCell({ includeEmpty: false }, (cell, column) => {
      if (column > maxColumns) return;
      if (cell.type === ExcelJS.ValueType.Merge) return; // covered by a merge: the master holds the value
      const converted = convert(cell.value);
      if ("problem" in converted) {
        cellProblems.push({ code: converted.problem, row: rowNumber - 1, column: column - 1, detail: converted.detail });
      }
      const value = typeof converted.value === "string" && converted.value.trim() === "" ? null : converted.value;
      if (value === null && !("problem" in converted)) return;
      cells[column - 1] = value;
      any = true;
      width = Math.max(width, column);
    });
    if (any) rows[rowNumber - 1] = cells;
  });
  if (tooManyRows) return { grid: [], merges: [], cellProblems: [], tooManyRows };
  const grid: Grid = [];
  for (let i = 0; i < rows.length; i++) {
    const source = rows[i] ?? [];
    const row: Cell[] = new Array<Cell>(width).fill(null);
    for (let c = 0; c < width; c++) row[c] = source[c] ?? null;
    grid.push(row);
  }
  return { grid, merges: sheetMerges(sheet, grid.length, width), cellProblems, tooManyRows };
}

/** Merged ranges, from exceljs's internal record of them (it has no public list short of serialising the sheet). */
function sheetMerges(sheet: ExcelJS.Worksheet, height: number, width: number): MergeRange[] {
  const internal = (sheet as unknown as { _merges?: Record<string, unknown> })._merges;
  if (!internal || typeof internal !== "object") return [];
  const merges: MergeRange[] = [];
  for (const range of Object.values(internal)) {
    const model = (range as { model?: Partial<MergeRange> } | null)?.model;
    if (!model) continue;
    const { top, left, bottom, right } = model;
    if (![top, left, bottom, right].every((n) => typeof n === "number" && Number.isInteger(n) && n >= 1)) continue;
    const m = { top: top! - 1, left: left! - 1, bottom: bottom! - 1, right: right! - 1 };
    if (m.top >= height || m.left >= width) continue;
    merges.push({ top: m.top, left: m.left, bottom: Math.min(m.bottom, height - 1), right: Math.min(m.right, width - 1) });
  }
  return merges.sort((a, b) => a.top - b.top || a.left - b.left);
}

// ---------------------------------------------------------------------------------------------
// csv

type Decoded = { text: string } | { problem: "encoding" | "wrongType" };

function decodeText(bytes: Uint8Array): Decoded {
  let text: string;
  try {
    if (startsWith(bytes, [0xef, 0xbb, 0xbf])) text = new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(3));
    else if (startsWith(bytes, [0xff, 0xfe])) text = new TextDecoder("utf-16le", { fatal: true }).decode(bytes.subarray(2));
    else if (startsWith(bytes, [0xfe, 0xff])) text = new TextDecoder("utf-16be", { fatal: true }).decode(bytes.subarray(2));
    else text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return { problem: looksBinary(bytes) ? "wrongType" : "encoding" };
  }
  if (text.includes("\u0000")) return { problem: "wrongType" };
  const sample = text.slice(0, 4096);
  const controls = sample.match(/[\u0001-\u0008\u000e-\u001f\u007f]/g)?.length ?? 0;
  if (controls > Math.max(2, sample.length / 100)) return { problem: "wrongType" };
  return { text };
}

function looksBinary(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 4096);
  let controls = 0;
  for (const b of sample) {
    if (b === 0) return true;
    if (b < 0x09 || (b > 0x0d && b < 0x20)) controls++;
  }
  return controls > Math.max(2, sample.length / 100);
}

const DELIMITERS = [";", ",", "\t"] as const;

/** The delimiter used most consistently across the first lines (quotes respected). */
function detectDelimiter(text: string): "," | ";" | "\t" {
  const lines = text.split("\n").filter((l) => l.trim() !== "").slice(0, 50);
  let best: { delimiter: "," | ";" | "\t"; score: number; mode: number } = { delimiter: ",", score: 0, mode: 0 };
  for (const delimiter of DELIMITERS) {
    const counts = lines.map((line) => countOutsideQuotes(line, delimiter));
    const frequency = new Map<number, number>();
    for (const c of counts) if (c > 0) frequency.set(c, (frequency.get(c) ?? 0) + 1);
    let mode = 0;
    let score = 0;
    for (const [count, times] of frequency) {
      if (times > score || (times === score && count > mode)) {
        mode = count;
        score = times;
      }
    }
    if (score > best.score || (score === best.score && score > 0 && mode > best.mode)) best = { delimiter, score, mode };
  }
  return best.delimiter;
}

function countOutsideQuotes(line: string, delimiter: string): number {
  let inQuotes = false;
  let count = 0;
  for (const ch of line) {
    if (ch === '"') inQuotes = !inQuotes;
    else if (ch === delimiter && !inQuotes) count++;
  }
  return count;
}

function readCsv(bytes: Uint8Array, name: string, options: ReadOptions): ReadResult {
  const decoded = decodeText(bytes);
  if ("problem" in decoded) return failed(decoded.problem, decoded.problem === "wrongType" ? "binary" : "csv", { name });
  let text = decoded.text.replace(/\r\n?/g, "\n");
  if (text.trim() === "") return failed("empty", "csv", { name });
  const start = text.trimStart().slice(0, 200).toLowerCase();
  if (start.startsWith("<")) return failed("wrongType", "html", { name }); // an HTML table or XML saved as .xls

  let delimiter: "," | ";" | "\t" | null = null;
  let sepLine = false;
  const sep = /^sep=(.)\n/i.exec(text);
  if (sep && (DELIMITERS as readonly string[]).includes(sep[1]!)) {
    delimiter = sep[1] as "," | ";" | "\t";
    text = text.slice(sep[0].length);
    sepLine = true;
  }
  delimiter ??= detectDelimiter(text);

  let records: string[][];
  const base = { delimiter, relax_column_count: true, skip_empty_lines: false, bom: true } as const;
  try {
    records = parseCsv(text, { ...base, relax_quotes: true }) as string[][];
  } catch {
    try {
      records = parseCsv(text, { ...base, quote: false }) as string[][];
    } catch {
      return failed("unreadable", "csv", { name });
    }
  }
  if (sepLine) records.unshift([]);
  const maxRows = options.maxRows ?? DEFAULT_MAX_ROWS;
  const maxColumns = options.maxColumns ?? DEFAULT_MAX_COLUMNS;
  while (records.length > 0 && records.at(-1)!.every((c) => c.trim() === "")) records.pop();
  if (records.length > maxRows) return failed("tooManyRows", "csv", { name, max: maxRows });
  if (records.length === 0) return failed("empty", "csv", { name });

  let width = 0;
  for (const record of records) {
    for (let c = Math.min(record.length, maxColumns) - 1; c >= 0; c--) {
      if (record[c]!.trim() !== "") {
        width = Math.max(width, c + 1);
        break;
      }
    }
  }
  if (width === 0) return failed("empty", "csv", { name });
  const grid: Grid = records.map((record) => {
    const row: Cell[] = new Array<Cell>(width).fill(null);
    for (let c = 0; c < width; c++) {
      const v = record[c];
      row[c] = v === undefined || v.trim() === "" ? null : v;
    }
    return row;
  });
  return {
    ok: true,
    format: "csv",
    detected: "csv",
    sheetName: null,
    sheetNames: [],
    delimiter,
    grid,
    merges: [],
    problems: [],
    cellProblems: [],
  };
}
