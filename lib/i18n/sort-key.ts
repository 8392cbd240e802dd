/**
 * Vietnamese sort keys that order correctly under plain byte comparison (COLLATE "C"), because
 * PGlite has no ICU collations. Letters compare first (a < ă < â < b … đ after d, ơ after ô),
 * tones only when the letters are equal, in dictionary order: ngang, huyền, hỏi, ngã, sắc, nặng.
 */
const ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz";
const LETTER_CODE = new Map([...ALPHABET].map((letter, i) => [letter, String.fromCharCode(0x41 + i)]));
const TONES: Record<string, string> = { "\u0300": "1", "\u0309": "2", "\u0303": "3", "\u0301": "4", "\u0323": "5" };
const MODIFIERS: Record<string, Record<string, string>> = {
  "\u0306": { a: "ă" },
  "\u0302": { a: "â", e: "ê", o: "ô" },
  "\u031b": { o: "ơ", u: "ư" },
};

function encodeWord(word: string): { primary: string; tones: string } {
  let primary = "";
  let tones = "";
  for (const cluster of word.toLowerCase().normalize("NFC")) {
    const parts = [...cluster.normalize("NFD")];
    let letter = parts[0]!;
    let tone = "0";
    for (const mark of parts.slice(1)) {
      if (TONES[mark]) tone = TONES[mark]!;
      else letter = MODIFIERS[mark]?.[letter] ?? letter;
    }
    if (/[0-9]/.test(letter)) {
      primary += letter;
    } else {
      const code = LETTER_CODE.get(letter);
      if (!code) continue; // punctuation and other scripts do not take part in the order
      primary += code;
    }
    tones += tone;
  }
  return { primary, tones };
}

/**
 * Key for fields compared one after another, each fully (letters, then tones) before the next:
 * per field the letters, "!", the tones; fields joined by " ". Both separators sort below
 * every letter and digit code, so a shorter word sorts first ("An" before "Anh").
 */
export function vietnameseSortKey(fields: string[]): string {
  return fields
    .map((field) => {
      const words = field.split(/\s+/).filter(Boolean).map(encodeWord);
      return `${words.map((w) => w.primary).join("!")}!!${words.map((w) => w.tones).join("")}`;
    })
    .join(" ");
}

/** "Nguyễn Thị Hương" → sorted by given name, then middle names, then family name. */
export function personNameSortKey(fullName: string): string {
  const words = fullName.trim().split(/\s+/).filter(Boolean);
  if (words.length <= 1) return vietnameseSortKey(words);
  const given = words.at(-1)!;
  const middle = words.slice(1, -1).join(" ");
  return vietnameseSortKey([given, middle, words[0]!]);
}

const TONE_MARKS = ["", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323"];
const FOLDED_LETTER: Record<string, string> = { ă: "a", â: "a", đ: "d", ê: "e", ô: "o", ơ: "o", ư: "u" };

/**
 * The first field of a sort key ("letters!!tones": the given name of a person's key) read back
 * as text, letters and digits only: with its diacritics in lower case, and folded.
 */
export function decodeSortKeyField(field: string): { exact: string; folded: string } {
  const [primary = "", tones = ""] = field.split("!!");
  let exact = "";
  let folded = "";
  [...primary].forEach((code, i) => {
    const letter = /[0-9]/.test(code) ? code : (ALPHABET[code.charCodeAt(0) - 0x41] ?? "");
    exact += `${letter}${TONE_MARKS[Number(tones[i] ?? 0)] ?? ""}`.normalize("NFC");
    folded += FOLDED_LETTER[letter] ?? letter;
  });
  return { exact, folded };
}

/** Text as decodeSortKeyField gives it back: lower case, letters (with their marks) and digits only. */
export function sortKeyLetters(text: string): string {
  const { primary, tones } = encodeWord(text);
  return decodeSortKeyField(`${primary}!!${tones}`).exact;
}
