import type ExcelJS from "exceljs";
import { parse as parseCsv } from "csv-parse/sync";
import { findHeader } from "./header";
import { importMessage } from "./messages";
import { type BookSheet, type SheetLayout, sheetLayout, type StreamedRow, streamedRow, workbookSheets, worksheets } from "./xlsx";
import { zipDirectory } from "./zip";

export type { StreamedRow } from "./xlsx";

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
 * An opened member list: what the file is, which sheet is read, its merged ranges and first rows,
 * and its rows on demand, streamed in batches (a single pass; close() when not read to the end).
 */
export interface SpreadsheetSource {
  ok: true;
  format: "xlsx" | "csv";
  detected: DetectedType;
  sheetName: string | null;
  sheetNames: string[];
  delimiter: "," | ";" | "\t" | null;
  merges: MergeRange[];
  /** The first HEAD_ROWS rows, gaps filled, as a rectangle: where the header is looked for. */
  head: Grid;
  /** Rows the sheet declares (xlsx <dimension>) or holds (CSV), when known before reading. */
  rowCountHint: number | null;
  /** Every row holding something, from the top, in batches. Throws SpreadsheetError for a whole-file problem met on the way. */
  rows(): AsyncGenerator<StreamedRow[]>;
  close(): Promise<void>;
}

export type OpenResult = SpreadsheetSource | (ReadResult & { ok: false });

/**
 * Opens an uploaded member list. The type comes from the content, not the name: an xlsx workbook
 * (a zip holding xl/workbook.xml) or CSV/text in UTF-8 (with or without BOM) or UTF-16 with BOM.
 * From a workbook, the first visible sheet with a recognisable header is read (else the first
 * with data). Never throws: every failure is a problem in the result. Formulas are never
 * evaluated: a cached result is used, or the cell is reported.
 */
export async function openSpreadsheet(bytes: Uint8Array, fileName: string, options: ReadOptions = {}): Promise<OpenResult> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const name = fileName || "?";
  const fail = (code: FileProblemCode, detected: DetectedType = "unknown", values: Record<string, string | number> = {}) =>
    failed(code, detected, { name, ...values });

  try {
    if (bytes.length === 0) return fail("empty");
    if (bytes.length > maxBytes) return fail("tooLarge", "unknown", { max: Math.floor(maxBytes / (1024 * 1024)) || 1 });

    const detected = sniff(bytes);
    if (detected === "xlsx" || detected === "zip") return await openXlsx(bytes, name, options);
    if (detected !== "csv") return fail("wrongType", detected);
    return openCsv(bytes, name, options);
  } catch {
    return fail("unreadable");
  }
}

/** The whole chosen sheet as a grid (`grid[i]` is sheet row i + 1, every row as wide as the widest). */
export async function readSpreadsheet(bytes: Uint8Array, fileName: string, options: ReadOptions = {}): Promise<ReadResult> {
  const source = await openSpreadsheet(bytes, fileName, options);
  if (!source.ok) return source;
  const rows: StreamedRow[] = [];
  const cellProblems: CellProblem[] = [];
  try {
    for await (const batch of source.rows()) {
      for (const row of batch) {
        rows.push(row);
        cellProblems.push(...row.problems);
      }
    }
  } catch (error) {
    const problem = error instanceof SpreadsheetError ? error.problem : problemOf("unreadable", { name: fileName || "?" });
    return { ...failed(problem.code, source.detected, problem.values), sheetNames: source.sheetNames };
  }
  const grid = headGrid(rows);
  const height = grid.length;
  const width = grid[0]?.length ?? 0;
  return {
    ok: true,
    format: source.format,
    detected: source.detected,
    sheetName: source.sheetName,
    sheetNames: source.sheetNames,
    delimiter: source.delimiter,
    grid,
    merges: source.merges
      .filter((m) => m.top < height && m.left < width)
      .map((m) => ({ top: m.top, left: m.left, bottom: Math.min(m.bottom, height - 1), right: Math.min(m.right, width - 1) })),
    problems: [],
    cellProblems,
  };
}

function failed(code: FileProblemCode, detected: DetectedType, values: Record<string, string | number>): ReadResult & { ok: false } {
  return {
    ok: false,
    format: null,
    detected,
    sheetName: null,
    sheetNames: [],
    delimiter: null,
    grid: [],
    merges: [],
    problems: [problemOf(code, values)],
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

/** Rows from the top where a header is looked for (findHeader scans 30, plus sub-header and numbering rows). */
export const HEAD_ROWS = 40;
const BATCH_ROWS = 1000;

/** A whole-file problem met while the rows stream (too many rows, a part that does not inflate). */
export class SpreadsheetError extends Error {
  constructor(readonly problem: FileProblem) {
    super(problem.message);
  }
}

function problemOf(code: FileProblemCode, values: Record<string, string | number>): FileProblem {
  return { code, values, message: importMessage(`import.read.${code}`, values) };
}

/** The first rows as a rectangle, gaps filled: what findHeader reads. */
function headGrid(rows: readonly StreamedRow[]): Grid {
  let width = 0;
  for (const row of rows) width = Math.max(width, row.cells.length);
  const grid: Grid = [];
  for (const row of rows) {
    while (grid.length < row.index) grid.push(new Array<Cell>(width).fill(null));
    const cells = new Array<Cell>(width).fill(null);
    for (let c = 0; c < row.cells.length; c++) cells[c] = row.cells[c] ?? null;
    grid.push(cells);
  }
  return grid;
}

async function openXlsx(bytes: Uint8Array, name: string, options: ReadOptions): Promise<OpenResult> {
  const entries = zipDirectory(bytes);
  if (!entries) return failed("unreadable", "zip", { name });
  const parts = new Map(entries.map((e) => [e.name, e]));
  if (!parts.has("xl/workbook.xml")) return failed("wrongType", "zip", { name });
  const uncompressed = entries.reduce((sum, e) => sum + e.uncompressed, 0);
  const maxUncompressed = options.maxUncompressedBytes ?? DEFAULT_MAX_UNCOMPRESSED;
  if (uncompressed > maxUncompressed) {
    return failed("tooLarge", "xlsx", { name, max: Math.floor((options.maxBytes ?? DEFAULT_MAX_BYTES) / (1024 * 1024)) || 1 });
  }
  // Every sheet is inflated once up front (the small parts when the reader starts): damaged data
  // then make the file unreadable here instead of stalling the streaming reader later. The sheets'
  // layouts come from the same pass.
  let book: BookSheet[];
  const layouts = new Map<string, SheetLayout>();
  try {
    book = workbookSheets(bytes, parts).filter((s) => parts.has(s.path));
    for (const sheet of book) {
      if (options.sheetName === undefined || sheet.name === options.sheetName) layouts.set(sheet.path, await sheetLayout(bytes, parts.get(sheet.path)!));
    }
  } catch {
    return failed("unreadable", "xlsx", { name });
  }
  const sheetNames = book.map((s) => s.name);
  const maxRows = options.maxRows ?? DEFAULT_MAX_ROWS;
  const maxColumns = options.maxColumns ?? DEFAULT_MAX_COLUMNS;

  // The first visible sheet with a member-list header is read (a workbook may open on a cover or
  // guide sheet); failing that, the best other one is read in a second pass: a hidden sheet with
  // a header, then a visible sheet with data, then a hidden one.
  const fallbacks: { name: string; rank: number; order: number }[] = [];
  const wanted = book.filter((s) => layouts.has(s.path)).map((sheet) => ({ sheet, layout: layouts.get(sheet.path)! }));
  const sheets = worksheets(bytes, parts, wanted)[Symbol.asyncIterator]();
  try {
    for (;;) {
      const next = await sheets.next();
      if (next.done) break;
      const { sheet, rows } = next.value;
      const rowIterator = rows[Symbol.asyncIterator]();
      const head: StreamedRow[] = [];
      let pending: StreamedRow | null = null;
      for (;;) {
        const row = await rowIterator.next();
        if (row.done) break;
        const streamed = streamedRow(row.value, maxColumns);
        if (!streamed) continue;
        if (streamed.index >= HEAD_ROWS) {
          pending = streamed;
          break;
        }
        head.push(streamed);
      }
      if (head.length === 0 && !pending) {
        await rowIterator.return?.(undefined);
        continue;
      }
      const layout = layouts.get(sheet.path)!;
      const grid = headGrid(head);
      const header = findHeader(grid, layout.merges);
      if (options.sheetName === undefined && (sheet.hidden || !header)) {
        fallbacks.push({ name: sheet.name, rank: header ? 1 : sheet.hidden ? 3 : 2, order: book.indexOf(sheet) });
        await rowIterator.return?.(undefined);
        continue;
      }
      if (layout.rowCountHint !== null && layout.rowCountHint > maxRows) {
        await rowIterator.return?.(undefined);
        await sheets.return?.(undefined);
        return { ...failed("tooManyRows", "xlsx", { name, max: maxRows }), sheetNames };
      }
      const source: SpreadsheetSource = {
        ok: true,
        format: "xlsx",
        detected: "xlsx",
        sheetName: sheet.name,
        sheetNames,
        delimiter: null,
        merges: layout.merges,
        head: grid,
        rowCountHint: layout.rowCountHint,
        rows: () => xlsxRows(head, pending, rowIterator, sheets, { name, maxRows, maxColumns }),
        close: async () => {
          await rowIterator.return?.(undefined);
          await sheets.return?.(undefined);
        },
      };
      return source;
    }
  } catch {
    await sheets.return?.(undefined).catch(() => {});
    return { ...failed("unreadable", "xlsx", { name }), sheetNames };
  }
  const best = fallbacks.sort((a, b) => a.rank - b.rank || a.order - b.order)[0];
  if (best) return openXlsx(bytes, name, { ...options, sheetName: best.name });
  return { ...failed("noData", "xlsx", { name }), sheetNames };
}

async function* xlsxRows(
  head: StreamedRow[],
  pending: StreamedRow | null,
  rows: AsyncIterator<ExcelJS.Row>,
  sheets: AsyncIterator<unknown>,
  limits: { name: string; maxRows: number; maxColumns: number },
): AsyncGenerator<StreamedRow[]> {
  const tooMany = () => new SpreadsheetError(problemOf("tooManyRows", { name: limits.name, max: limits.maxRows }));
  try {
    if (head.length > 0) yield head;
    if (!pending) return;
    if (pending.index >= limits.maxRows) throw tooMany();
    let batch: StreamedRow[] = [pending];
    for (;;) {
      let next: IteratorResult<ExcelJS.Row>;
      try {
        next = await rows.next();
      } catch {
        throw new SpreadsheetError(problemOf("unreadable", { name: limits.name }));
      }
      if (next.done) break;
      const streamed = streamedRow(next.value, limits.maxColumns);
      if (!streamed) continue;
      if (streamed.index >= limits.maxRows) throw tooMany();
      batch.push(streamed);
      if (batch.length === BATCH_ROWS) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0) yield batch;
  } finally {
    await rows.return?.(undefined).catch(() => {});
    await sheets.return?.(undefined).catch(() => {});
  }
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

function openCsv(bytes: Uint8Array, name: string, options: ReadOptions): OpenResult {
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

  const rows: StreamedRow[] = [];
  for (let index = 0; index < records.length; index++) {
    const record = records[index]!;
    const cells: Cell[] = [];
    let last = -1;
    for (let c = 0; c < Math.min(record.length, maxColumns); c++) {
      const v = record[c]!;
      const blank = v.trim() === "";
      cells.push(blank ? null : v);
      if (!blank) last = c;
    }
    if (last >= 0) rows.push({ index, cells: cells.slice(0, last + 1), problems: [] });
  }
  if (rows.length === 0) return failed("empty", "csv", { name });
  const head = headGrid(rows.filter((r) => r.index < HEAD_ROWS));
  return {
    ok: true,
    format: "csv",
    detected: "csv",
    sheetName: null,
    sheetNames: [],
    delimiter,
    merges: [],
    head,
    rowCountHint: records.length,
    async *rows() {
      for (let i = 0; i < rows.length; i += BATCH_ROWS) yield rows.slice(i, i + BATCH_ROWS);
    },
    close: async () => {},
  };
}
