import { describe, expect, it } from "vitest";
import { firstFreeSlug, slugify } from "@/lib/publications/slug";

describe("slugs", () => {
  it("are unaccented, lower case and hyphenated", () => {
    expect(slugify("Bản tin số 3 năm 2026")).toBe("ban-tin-so-3-nam-2026");
    expect(slugify("Đường Trường Sơn — ký ức của người lính!")).toBe("duong-truong-son-ky-uc-cua-nguoi-linh");
    expect(slugify("  Ảnh: Đại hội Hội Cựu TNXP (2025)  ")).toBe("anh-dai-hoi-hoi-cuu-tnxp-2025");
    // Decomposed input (as some keyboards on macOS type it) gives the same slug.
    expect(slugify("Bản tin số 3".normalize("NFD"))).toBe("ban-tin-so-3");
  });

  it("fall back when nothing is left, and stay short without a trailing hyphen", () => {
    expect(slugify("!!!")).toBe("an-pham");
    expect(slugify("—", "album")).toBe("album");
    const long = slugify("Tuyển tập ".repeat(30));
    expect(long.length).toBeLessThanOrEqual(80);
    expect(long.endsWith("-")).toBe(false);
  });

  it("take -2, -3 … on a clash", () => {
    expect(firstFreeSlug("ban-tin", [])).toBe("ban-tin");
    expect(firstFreeSlug("ban-tin", ["ban-tin"])).toBe("ban-tin-2");
    expect(firstFreeSlug("ban-tin", ["ban-tin", "ban-tin-2", "ban-tin-4"])).toBe("ban-tin-3");
  });
});
