import { describe, expect, it } from "vitest";
import { z } from "zod";
import { NotFoundError } from "@/lib/auth/errors";
import { filesOf, parseFields, parseRange, refusal, sameOrigin, serveFile } from "@/lib/publications/http";
import { FilesRefused } from "@/lib/publications/uploads";

const pdf = { bytes: new TextEncoder().encode("%PDF-1.4 0123456789 %%EOF"), mime: "application/pdf", fileName: "Bản tin số 3 (quý I).pdf", isPublic: true };
const get = (headers: Record<string, string> = {}) => new Request("http://localhost/api/an-pham/x/tep", { headers });

describe("serving stored files", () => {
  it("sends a download with an ASCII fallback name and the Vietnamese name per RFC 5987", async () => {
    const response = serveFile(get(), pdf, { inline: false });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/pdf");
    const disposition = response.headers.get("content-disposition")!;
    expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]+\.pdf"; /);
    expect(disposition.toLowerCase()).toContain('filename="ban tin so 3 (quy i).pdf"');
    expect(disposition).toContain("filename*=UTF-8''B%E1%BA%A3n%20tin%20s%E1%BB%91%203%20%28qu%C3%BD%20I%29.pdf");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("content-length")).toBe(String(pdf.bytes.length));
    expect(response.headers.get("cache-control")).toBe("public, max-age=300");
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(pdf.bytes);
  });

  it("may be framed by our own pages only when shown inline; a draft is never cached", () => {
    const response = serveFile(get(), { ...pdf, isPublic: false }, { inline: true });
    expect(response.headers.get("content-disposition")).toMatch(/^inline; filename="/);
    expect(response.headers.get("x-frame-options")).toBe("SAMEORIGIN");
    expect(response.headers.get("content-security-policy")).toBe("frame-ancestors 'self'");
    expect(response.headers.get("cache-control")).toBe("private, no-store");
  });

  it("answers byte ranges (video players seek with them)", async () => {
    const partial = serveFile(get({ range: "bytes=1-3" }), pdf, { inline: true });
    expect(partial.status).toBe(206);
    expect(partial.headers.get("content-range")).toBe(`bytes 1-3/${pdf.bytes.length}`);
    expect(new TextDecoder().decode(await partial.arrayBuffer())).toBe("PDF");
    expect(serveFile(get({ range: "bytes=999-" }), pdf, { inline: true }).status).toBe(416);
    expect(parseRange("bytes=-5", 10)).toEqual({ start: 5, end: 9 });
    expect(parseRange("bytes=4-", 10)).toEqual({ start: 4, end: 9 });
    expect(parseRange("bytes=4-100", 10)).toEqual({ start: 4, end: 9 });
    expect(parseRange("bytes=0-1,4-5", 10)).toBeNull();
    expect(parseRange("bytes=5-4", 10)).toBe("unsatisfiable");
  });
});

describe("upload answers", () => {
  it("reports field problems in Vietnamese, per field", async () => {
    const form = new FormData();
    form.set("title", " ");
    const parsed = parseFields(z.object({ title: z.string().trim().min(1, "validation.required") }), form, ["title"]);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(await parsed.response.json()).toEqual({ ok: false, message: "Dữ liệu chưa hợp lệ. Vui lòng kiểm tra các ô được đánh dấu.", fieldErrors: { title: "Vui lòng nhập thông tin này." } });
  });

  it("puts the file check's own sentence next to the file input, and hides nothing else", async () => {
    const refused = refusal(new FilesRefused({ pdf: "Tệp “x.pdf” là ảnh PNG." }));
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as { fieldErrors: Record<string, string> }).fieldErrors).toEqual({ pdf: "Tệp “x.pdf” là ảnh PNG." });
    const missing = refusal(new NotFoundError("publication.notFound"));
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ ok: false, message: "Không tìm thấy ấn phẩm." });
    expect(() => refusal(new Error("boom"))).toThrow("boom");
  });

  it("treats an empty file input as no file", async () => {
    const form = new FormData();
    form.append("files", new File([], ""));
    form.append("cover", new File([new Uint8Array([1, 2])], "b.png"));
    expect(await filesOf(form, "files")).toEqual([]);
    expect(await filesOf(form, "cover")).toEqual([{ fileName: "b.png", bytes: new Uint8Array([1, 2]) }]);
  });
});

describe("cross-site uploads", () => {
  const post = (headers: Record<string, string>) => new Request("http://127.0.0.1:3000/api/an-pham", { method: "POST", headers });
  it("accept a post from the page's own origin (directly or behind a proxy) and refuse another site's", () => {
    expect(sameOrigin(post({ host: "127.0.0.1:3000", origin: "http://127.0.0.1:3000" }))).toBe(true);
    expect(sameOrigin(post({ host: "127.0.0.1:3000", "x-forwarded-host": "ketnoi.example.vn", origin: "https://ketnoi.example.vn" }))).toBe(true);
    expect(sameOrigin(post({ host: "127.0.0.1:3000" }))).toBe(true);
    expect(sameOrigin(post({ host: "ketnoi.example.vn", origin: "https://evil.example" }))).toBe(false);
    expect(sameOrigin(post({ host: "ketnoi.example.vn", origin: "null" }))).toBe(false);
  });
});
