import { foldVietnamese } from "@/lib/i18n/format";

export interface SnippetPart {
  text: string;
  hit: boolean;
}

/** Each character's fold, once: a file's text has few distinct characters and many of each. */
const foldedChars = new Map<string, string>();

function foldChar(ch: string): string {
  let folded = foldedChars.get(ch);
  if (folded === undefined) {
    const f = foldVietnamese(ch);
    // Keep one character per character (a rare multi-character fold keeps the original).
    folded = f.length === ch.length ? f : ch.toLowerCase().length === ch.length ? ch.toLowerCase() : ch;
    // Bounded: text in any script cannot grow it past a few tens of thousands of entries.
    if (foldedChars.size < 20_000) foldedChars.set(ch, folded);
  }
  return folded;
}

/** Folds character by character, so that positions in the folded text are positions in the original. */
function foldAligned(text: string): string {
  let out = "";
  for (const ch of text) out += foldChar(ch);
  return out;
}

/**
 * The part of a text around the first match of the query's words (diacritics ignored), cut at
 * word boundaries, with every match marked — for highlighted search results.
 */
export function snippet(text: string, query: string, radius = 90): SnippetPart[] | null {
  const clean = text.normalize("NFC").replace(/\s+/g, " ").trim();
  const words = foldVietnamese(query)
    .split(/\s+/)
    .filter((w) => w.length >= 2)
    .sort((a, b) => b.length - a.length);
  if (words.length === 0 || clean === "") return null;
  const folded = foldAligned(clean);
  const phrase = foldVietnamese(query).trim().replace(/\s+/g, " ");
  let first = folded.indexOf(phrase);
  if (first < 0) first = Math.min(...words.map((w) => folded.indexOf(w)).filter((i) => i >= 0));
  if (!Number.isFinite(first) || first < 0) return null;

  let start = Math.max(0, first - radius);
  let end = Math.min(clean.length, first + phrase.length + radius);
  if (start > 0) start = clean.indexOf(" ", start) + 1 || start;
  if (end < clean.length) end = clean.lastIndexOf(" ", end) > first ? clean.lastIndexOf(" ", end) : end;
  const window = clean.slice(start, end);
  const windowFolded = folded.slice(start, end);

  // Mark the phrase wherever it is, and each word where it stands as a whole word ("tin", not "tinh").
  const marks = new Array<boolean>(window.length).fill(false);
  const letter = /[\p{L}\p{N}]/u;
  for (const w of [phrase, ...words]) {
    for (let i = windowFolded.indexOf(w); i >= 0; i = windowFolded.indexOf(w, i + 1)) {
      const whole = !letter.test(windowFolded[i - 1] ?? " ") && !letter.test(windowFolded[i + w.length] ?? " ");
      if (w === phrase || whole) marks.fill(true, i, i + w.length);
    }
  }
  const parts: SnippetPart[] = [];
  if (start > 0) parts.push({ text: "… ", hit: false });
  let i = 0;
  while (i < window.length) {
    let j = i;
    while (j < window.length && marks[j] === marks[i]) j++;
    parts.push({ text: window.slice(i, j), hit: marks[i]! });
    i = j;
  }
  if (end < clean.length) parts.push({ text: " …", hit: false });
  return parts;
}
