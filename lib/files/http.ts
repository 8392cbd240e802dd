/**
 * Content-Disposition per RFC 6266: an ASCII fallback for old clients and the real (Vietnamese)
 * name encoded per RFC 5987 in filename*.
 */
export function contentDisposition(disposition: "attachment" | "inline", fileName: string): string {
  const folded = fileName.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "D");
  const ascii = folded.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_") || "tep";
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${disposition}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** Headers of a stored file's response; inline files may be framed by our own pages only. */
export function fileHeaders(options: { mime: string; fileName: string; size: number; inline: boolean; cache: "public" | "private" }): Headers {
  return new Headers({
    "Content-Type": options.mime,
    "Content-Length": String(options.size),
    "Content-Disposition": contentDisposition(options.inline ? "inline" : "attachment", options.fileName),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "SAMEORIGIN",
    "Content-Security-Policy": "frame-ancestors 'self'; default-src 'none'; style-src 'unsafe-inline'",
    // Content-addressed: a public file never changes under its URL's bytes.
    "Cache-Control": options.cache === "public" ? "public, max-age=3600" : "private, no-store",
  });
}
