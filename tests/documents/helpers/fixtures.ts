import { createHash } from "node:crypto";
import { deflateSync } from "node:zlib";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { PDFDocument } from "pdf-lib";

/** Small, real files of each kind, built in memory so the tests need no binary fixtures. */

const ascii = (text: string) => Array.from(text, (c) => c.charCodeAt(0));
const le32 = (n: number) => [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff];
const be32 = (n: number) => [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];

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

/** A real PNG: a grey gradient, 8-bit RGB. */
export function png(width = 16, height = 16): Uint8Array {
  const raw = new Uint8Array(height * (1 + width * 3));
  for (let y = 0; y < height; y++) {
    raw[y * (1 + width * 3)] = 0; // filter: none
    for (let x = 0; x < width; x++) raw.fill((x * 16 + y * 8) & 0xff, y * (1 + width * 3) + 1 + x * 3, y * (1 + width * 3) + 4 + x * 3);
  }
  const chunk = (type: string, data: Uint8Array) => {
    const body = new Uint8Array([...ascii(type), ...data]);
    return [...be32(data.length), ...body, ...be32(crc32(body))];
  };
  const header = new Uint8Array([...be32(width), ...be32(height), 8, 2, 0, 0, 0]);
  return new Uint8Array([
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a,
    ...chunk("IHDR", header),
    ...chunk("IDAT", new Uint8Array(deflateSync(raw))),
    ...chunk("IEND", new Uint8Array()),
  ]);
}

/** The start of a JPEG (JFIF APP0 segment) and its end marker: all a signature check reads. */
export const jpeg = () =>
  new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, ...ascii("JFIF"), 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xff, 0xd9]);

/** A 1×1 GIF89a. */
export const gif = () =>
  new Uint8Array([
    ...ascii("GIF89a"), 1, 0, 1, 0, 0x80, 0, 0, 0xff, 0xff, 0xff, 0, 0, 0,
    0x21, 0xf9, 4, 1, 0, 0, 0, 0, 0x2c, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 0x44, 1, 0, 0x3b,
  ]);

/** A RIFF/WEBP container with a lossless (VP8L) chunk header. */
export function webp(): Uint8Array {
  const chunk = [...ascii("VP8L"), ...le32(5), 0x2f, 0, 0, 0, 0, 0];
  return new Uint8Array([...ascii("RIFF"), ...le32(4 + chunk.length), ...ascii("WEBP"), ...chunk]);
}

/** An ISO media file: an ftyp box with this major brand, then an empty mdat box. */
export function isoMedia(brand: string, compatible: string[] = ["isom", "mp41"]): Uint8Array {
  const ftyp = [...ascii("ftyp"), ...ascii(brand), 0, 0, 2, 0, ...compatible.flatMap(ascii)];
  return new Uint8Array([...be32(ftyp.length + 4), ...ftyp, ...be32(8), ...ascii("mdat")]);
}
export const mp4 = () => isoMedia("isom", ["isom", "iso2", "avc1", "mp41"]);

/** A Windows program: the "MZ" header and a PE signature. */
export function exe(): Uint8Array {
  const bytes = new Uint8Array(256);
  bytes.set(ascii("MZ"), 0);
  bytes.set(le32(0x80), 0x3c);
  bytes.set(ascii("PE\0\0"), 0x80);
  return bytes;
}

/** An OLE compound file: a Word 97–2003 document, an .xls, or an encrypted .docx/.xlsx. */
export function compoundFile(): Uint8Array {
  const bytes = new Uint8Array(1024);
  bytes.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], 0);
  bytes.set([0x3e, 0x00, 0x03, 0x00, 0xfe, 0xff, 0x09, 0x00], 0x18);
  return bytes;
}

export const text = (value: string) => new TextEncoder().encode(value);

// ---------------------------------------------------------------------------------------------
// Office files

const escapeXml = (value: string) => value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** A minimal but valid .docx (what Word needs to open it), one paragraph per string. */
export async function docx(paragraphs: string[], extra: Record<string, string> = {}): Promise<Uint8Array> {
  const zip = new JSZip();
  zip.file(
    "[Content_Types].xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`,
  );
  zip.file(
    "_rels/.rels",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`,
  );
  const body = paragraphs.map((p) => `<w:p><w:r><w:t xml:space="preserve">${escapeXml(p)}</w:t></w:r></w:p>`).join("");
  zip.file(
    "word/document.xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`,
  );
  for (const [name, content] of Object.entries(extra)) zip.file(name, content);
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}

/** A zip holding these files and nothing else. */
export async function zip(files: Record<string, string>): Promise<Uint8Array> {
  const archive = new JSZip();
  for (const [name, content] of Object.entries(files)) archive.file(name, content);
  return archive.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}

/** A real .xlsx written by exceljs. */
export async function xlsx(): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet("Danh sách").addRow(["Họ và tên", "Ngày sinh"]);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

// ---------------------------------------------------------------------------------------------
// PDFs

/** A PDF page holding nothing but a picture: what a scanner produces. */
export async function scannedPdf(): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const image = await pdf.embedPng(png(64, 64));
  const page = pdf.addPage([595.28, 841.89]);
  page.drawImage(image, { x: 50, y: 50, width: 495, height: 740 });
  return pdf.save();
}

/** A one-page PDF with no content at all. */
export async function blankPdf(): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.addPage([595.28, 841.89]);
  return pdf.save();
}

/** Assembles a classic PDF (objects, xref table, trailer) with the offsets right. */
function assemblePdf(objects: (string | Uint8Array)[], trailer: string): Uint8Array {
  const parts: Uint8Array[] = [text("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")];
  let length = parts[0]!.length;
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(length);
    const head = text(`${i + 1} 0 obj\n`);
    const body = typeof object === "string" ? text(object) : object;
    const tail = text("\nendobj\n");
    parts.push(head, body, tail);
    length += head.length + body.length + tail.length;
  });
  const xref = [`xref\n0 ${objects.length + 1}\n`, "0000000000 65535 f \n", ...offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`)].join("");
  parts.push(text(`${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R ${trailer} >>\nstartxref\n${length}\n%%EOF\n`));
  return Buffer.concat(parts);
}

const PASSWORD_PAD = Buffer.from("28bf4e5e4e758a4164004e56fffa01082e2e00b6d0683e802f0ca9fe6453697a", "hex");

function rc4(key: Uint8Array, data: Uint8Array): Uint8Array {
  const s = Array.from({ length: 256 }, (_, i) => i);
  for (let i = 0, j = 0; i < 256; i++) {
    j = (j + s[i]! + key[i % key.length]!) & 0xff;
    [s[i], s[j]] = [s[j]!, s[i]!];
  }
  const out = new Uint8Array(data.length);
  for (let n = 0, i = 0, j = 0; n < data.length; n++) {
    i = (i + 1) & 0xff;
    j = (j + s[i]!) & 0xff;
    [s[i], s[j]] = [s[j]!, s[i]!];
    out[n] = data[n]! ^ s[(s[i]! + s[j]!) & 0xff]!;
  }
  return out;
}

const md5 = (...parts: Uint8Array[]) => createHash("md5").update(Buffer.concat(parts)).digest();

/**
 * A PDF encrypted with the standard security handler (revision 2, RC4 40-bit).
 * "open": the empty user password opens it and only printing/copying is restricted, as in many
 * published PDFs; its page shows `content` in Helvetica. "password": opening needs a password.
 */
export function encryptedPdf(kind: "open" | "password", content = "Restricted but readable"): Uint8Array {
  const id = Buffer.from("0123456789abcdef0123456789abcdef", "hex");
  const permissions = -3904; // printing and copying not allowed
  const owner = rc4(md5(text("owner-secret"), PASSWORD_PAD).subarray(0, 5), PASSWORD_PAD);
  const p = Buffer.from(le32(permissions >>> 0));
  const key = md5(PASSWORD_PAD, owner, p, id).subarray(0, 5); // the key of the empty user password
  const user = kind === "open" ? rc4(key, PASSWORD_PAD) : new Uint8Array(32).fill(7);
  const objectKey = (n: number) => md5(key, Buffer.from([n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, 0, 0])).subarray(0, 10);
  const stream = rc4(objectKey(4), text(`BT /F1 14 Tf 72 720 Td (${content}) Tj ET`));
  const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex");
  return assemblePdf(
    [
      "<< /Type /Catalog /Pages 2 0 R >>",
      "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
      Buffer.concat([text(`<< /Length ${stream.length} >>\nstream\n`), stream, text("\nendstream")]),
      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
      `<< /Filter /Standard /V 1 /R 2 /O <${hex(owner)}> /U <${hex(user)}> /P ${permissions} >>`,
    ],
    `/Encrypt 6 0 R /ID [<${hex(id)}> <${hex(id)}>]`,
  );
}
