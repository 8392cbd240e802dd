import { deflateSync } from "node:zlib";
import { PDFDocument, StandardFonts } from "pdf-lib";

/**
 * Small real files for tests (Vitest and Playwright): a PDF that pdf.js opens, PNGs whose bytes
 * differ per seed (so each is a new file to the content-addressed store), and the start of an MP4.
 */

export async function samplePdf(text = "Ban tin thu nghiem"): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  pdf.addPage([300, 200]).drawText(text, { x: 20, y: 100, size: 12, font });
  return pdf.save();
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const b of bytes) crc = CRC_TABLE[(crc ^ b) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, "ascii");
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** A 4×4 RGB PNG of one colour chosen by the seed. */
export function samplePng(seed = 0): Uint8Array {
  const width = 4;
  const height = 4;
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
  const row = [0, ...Array.from({ length: width }, () => [seed & 0xff, (seed * 7) & 0xff, (seed * 13) & 0xff]).flat()];
  const raw = Buffer.from(Array.from({ length: height }, () => row).flat());
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return new Uint8Array(Buffer.concat([signature, chunk("IHDR", ihdr), chunk("IDAT", deflateSync(raw)), chunk("IEND", new Uint8Array(0))]));
}

/** The first boxes of an MP4 (ftyp + an empty mdat): what a content check looks at. */
export function sampleMp4(seed = 0): Uint8Array {
  const ftyp = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from("ftypisom", "ascii"), Buffer.from([0, 0, 2, 0]), Buffer.from("isomiso2", "ascii")]);
  const mdat = Buffer.concat([Buffer.from([0, 0, 0, 0x0c]), Buffer.from("mdat", "ascii"), Buffer.from([seed & 0xff, 1, 2, 3])]);
  return new Uint8Array(Buffer.concat([ftyp, mdat]));
}
