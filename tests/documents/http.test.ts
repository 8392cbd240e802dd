import { describe, expect, it } from "vitest";
import { contentDisposition, fileHeaders } from "@/lib/files/http";

describe("file responses", () => {
  it("names a Vietnamese file per RFC 6266: an ASCII fallback and the UTF-8 name", () => {
    expect(contentDisposition("attachment", "Quyết định số 15 (bản chính).pdf")).toBe(
      `attachment; filename="Quyet dinh so 15 (ban chinh).pdf"; filename*=UTF-8''Quy%E1%BA%BFt%20%C4%91%E1%BB%8Bnh%20s%E1%BB%91%2015%20%28b%E1%BA%A3n%20ch%C3%ADnh%29.pdf`,
    );
    expect(contentDisposition("inline", 'a"b\\c.pdf')).toBe(`inline; filename="a_b_c.pdf"; filename*=UTF-8''a%22b%5Cc.pdf`);
  });

  it("never lets a browser guess the type, and frames files on our own pages only", () => {
    const headers = fileHeaders({ mime: "application/pdf", fileName: "x.pdf", size: 10, inline: true, cache: "private" });
    expect(headers.get("x-content-type-options")).toBe("nosniff");
    expect(headers.get("x-frame-options")).toBe("SAMEORIGIN");
    expect(headers.get("content-security-policy")).toContain("frame-ancestors 'self'");
    expect(headers.get("cache-control")).toBe("private, no-store");
  });
});
