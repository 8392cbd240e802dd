import { Readable } from "node:stream";
import { crc32, createInflateRaw, inflateRawSync } from "node:zlib";

export { crc32 };

/**
 * Random access to the parts of a zip held in memory (an uploaded xlsx), through its central
 * directory and the platform's inflate: a part is read whole when small (workbook.xml) or as a
 * stream of chunks when large (a worksheet), in any order, without unpacking the rest.
 */
export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated; anything else cannot be read here. */
  method: number;
  compressedSize: number;
  /** Uncompressed size; Infinity when the directory does not say (zip64). */
  uncompressed: number;
  /** Offset of the entry's local header. */
  offset: number;
  crc32: number;
}

/** The entries from the central directory; null when it is missing or cut (a truncated file). */
export function zipDirectory(bytes: Uint8Array): ZipEntry[] | null {
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
  if (cdOffset === 0xffffffff || total === 0xffff) return null; // zip64: not written for member lists
  const decoder = new TextDecoder();
  const entries: ZipEntry[] = [];
  let pos = cdOffset;
  for (let i = 0; i < total; i++) {
    if (pos + 46 > bytes.length || view.getUint32(pos, true) !== 0x02014b50) return null;
    const method = view.getUint16(pos + 10, true);
    const crc32 = view.getUint32(pos + 16, true);
    const compressedSize = view.getUint32(pos + 20, true);
    const uncompressed = view.getUint32(pos + 24, true);
    const nameLength = view.getUint16(pos + 28, true);
    const extraLength = view.getUint16(pos + 30, true);
    const commentLength = view.getUint16(pos + 32, true);
    const offset = view.getUint32(pos + 42, true);
    if (pos + 46 + nameLength > bytes.length) return null;
    const name = decoder.decode(bytes.subarray(pos + 46, pos + 46 + nameLength));
    entries.push({ name, method, compressedSize, uncompressed: uncompressed === 0xffffffff ? Number.POSITIVE_INFINITY : uncompressed, offset, crc32 });
    pos += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The compressed bytes of an entry, after its local header. */
function rawData(bytes: Uint8Array, entry: ZipEntry): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (entry.offset + 30 > bytes.length || view.getUint32(entry.offset, true) !== 0x04034b50) throw new Error(`zip: no local header for ${entry.name}`);
  const start = entry.offset + 30 + view.getUint16(entry.offset + 26, true) + view.getUint16(entry.offset + 28, true);
  if (start + entry.compressedSize > bytes.length) throw new Error(`zip: ${entry.name} is cut short`);
  return bytes.subarray(start, start + entry.compressedSize);
}

/** A small part, whole. */
export function readPart(bytes: Uint8Array, entry: ZipEntry, maxBytes: number): Buffer {
  const data = rawData(bytes, entry);
  if (entry.method === 0) return Buffer.from(data);
  if (entry.method !== 8) throw new Error(`zip: method ${entry.method} of ${entry.name} is not supported`);
  return inflateRawSync(data, { maxOutputLength: maxBytes });
}

/** A part as a stream of chunks (a worksheet of a hundred thousand rows is tens of megabytes). */
export function partStream(bytes: Uint8Array, entry: ZipEntry, chunkSize = 1 << 20): Readable {
  const raw = rawData(bytes, entry);
  const data = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
  if (entry.method === 0) return Readable.from([data]);
  if (entry.method !== 8) throw new Error(`zip: method ${entry.method} of ${entry.name} is not supported`);
  return Readable.from([data]).pipe(createInflateRaw({ chunkSize }));
}

/**
 * A part's inflated size and CRC-32, read through once without keeping it (what `repack` writes in
 * the header before the part's chunks). Parts larger than `maxBytes` are refused: a zip bomb.
 */
export async function partChecksum(bytes: Uint8Array, entry: ZipEntry, maxBytes: number): Promise<{ size: number; crc32: number }> {
  let size = 0;
  let crc = 0;
  for await (const chunk of partStream(bytes, entry) as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) throw new Error(`zip: ${entry.name} inflates past ${maxBytes} bytes`);
    crc = crc32(chunk, crc);
  }
  return { size, crc32: crc };
}

/** A part for `repack`: its uncompressed size and CRC-32, and its content in chunks. */
export interface RepackPart {
  name: string;
  size: number;
  crc32: number;
  chunks: AsyncIterable<Buffer> | Iterable<Buffer>;
}

/** A part held whole (a small part, or one made here) for `repack`. */
export function wholePart(name: string, data: Buffer): RepackPart {
  return { name, size: data.length, crc32: crc32(data), chunks: [data] };
}

/**
 * A new zip, streamed: the given parts in the given order, stored uncompressed with fresh local
 * headers and no data descriptors. Each chunk of a part is passed on as it comes, never split: a
 * reader that decodes every chunk on its own (exceljs's streaming reader does) then never sees
 * half a character, provided the chunks end between characters (see `betweenTags`).
 */
export async function* repack(parts: readonly RepackPart[]): AsyncGenerator<Buffer> {
  for (const part of parts) {
    const name = Buffer.from(part.name, "utf8");
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(10, 4); // version needed: stored
    header.writeUInt16LE(0x0800, 6); // UTF-8 name, sizes in this header
    header.writeUInt16LE(0, 8); // stored
    header.writeUInt32LE(0, 10); // time and date
    header.writeUInt32LE(part.crc32 >>> 0, 14);
    header.writeUInt32LE(part.size, 18);
    header.writeUInt32LE(part.size, 22);
    header.writeUInt16LE(name.length, 26);
    header.writeUInt16LE(0, 28);
    yield Buffer.concat([header, name]);
    for await (const chunk of part.chunks) if (chunk.length > 0) yield chunk;
  }
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  yield end;
}

/** XML chunks re-cut to end just before a "<": always between characters, whatever the encoding of the text between. */
export async function* betweenTags(chunks: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  let carry: Buffer | null = null;
  for await (const chunk of chunks) {
    const data: Buffer = carry ? Buffer.concat([carry, chunk]) : chunk;
    const cut = data.lastIndexOf(0x3c);
    if (cut <= 0) {
      carry = data;
      continue;
    }
    yield data.subarray(0, cut);
    carry = data.subarray(cut);
  }
  if (carry && carry.length > 0) yield carry;
}
