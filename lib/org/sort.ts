const collator = new Intl.Collator("vi", { sensitivity: "base", numeric: true });

/** Unit names in Vietnamese order ("Đ" after "D", tones in dictionary order). */
export function compareUnitNames(a: string, b: string): number {
  return collator.compare(a, b);
}
