import { describe, expect, it } from "vitest";
import { compareVietnameseNames, foldVietnamese } from "@/lib/i18n/format";
import { decodeSortKeyField, personNameSortKey, sortKeyLetters, vietnameseSortKey } from "@/lib/i18n/sort-key";

const byteCompare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const collator = new Intl.Collator("vi");

// A deterministic generator (no Math.random): names from common parts, with every tone.
const FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Đinh"];
const MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Ngọc", "Thu", "Xuân", "Quốc", "Thanh", ""];
const GIVEN = ["An", "Anh", "Ánh", "Ân", "Ấn", "Bình", "Cường", "Dũng", "Dung", "Đạt", "Đông", "Hà", "Hạ", "Hải", "Hằng", "Hương", "Hường", "Khoa", "Lan", "Long", "Mai", "My", "Mỹ", "Nam", "Ngân", "Oanh", "Ơn", "Phương", "Quân", "Sơn", "Tâm", "Thảo", "Tú", "Tư", "Từ", "Uyên", "Ưng", "Vy", "Yến"];

function names(): string[] {
  const out: string[] = [];
  let n = 0;
  for (const g of GIVEN) for (const m of MIDDLE) {
    const f = FAMILY[n++ % FAMILY.length]!;
    out.push([f, m, g].filter(Boolean).join(" "));
  }
  return out;
}

describe("Vietnamese sort keys", () => {
  it("order single words exactly as Intl.Collator('vi') does", () => {
    const words = ["dương", "đương", "đường", "duong", "a", "à", "ả", "ã", "á", "ạ", "ă", "â", "b", "o", "ô", "ơ", "u", "ư", "an", "anh", "ánh", "ăn", "y", "yến"];
    const expected = [...words].sort(collator.compare);
    const actual = [...words].sort((a, b) => byteCompare(vietnameseSortKey([a]), vietnameseSortKey([b])));
    expect(actual).toEqual(expected);
  });

  it("order people by given name, then middle, then family name, as the JS comparison does", () => {
    const all = names();
    const expected = [...all].sort(compareVietnameseNames);
    const actual = [...all].sort((a, b) => byteCompare(personNameSortKey(a), personNameSortKey(b)));
    expect(actual).toEqual(expected);
    expect(personNameSortKey("Nguyễn Thị Hương") < personNameSortKey("Trần Văn Hường")).toBe(true);
    expect(personNameSortKey("Lê Văn Dũng") < personNameSortKey("Lê Văn Đạt")).toBe(true);
    expect(personNameSortKey("Zô An") < personNameSortKey("A Anh")).toBe(true);
  });
});

describe("reading a given name back from its sort key", () => {
  it("gives the letters with their marks, and folded", () => {
    for (const name of names()) {
      const given = name.split(" ").at(-1)!;
      const field = personNameSortKey(name).split(" ")[0]!;
      expect(decodeSortKeyField(field), name).toEqual({ exact: given.toLowerCase().normalize("NFC"), folded: foldVietnamese(given) });
      expect(sortKeyLetters(given)).toBe(given.toLowerCase().normalize("NFC"));
    }
    expect(decodeSortKeyField(personNameSortKey("Lò Văn Anh-Thư2").split(" ")[0]!)).toEqual({ exact: "anhthư2", folded: "anhthu2" });
    expect(sortKeyLetters("H'Hen")).toBe("hhen");
  });
});
