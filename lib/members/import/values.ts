import { foldVietnamese } from "@/lib/i18n/format";
import { EDUCATION_LEVELS, ETHNICITIES, RELIGIONS } from "../catalogues";
import type { Cell } from "./read";

export type Gender = "male" | "female";

/**
 * A member as the import reads it: the columns of `members` that a spreadsheet can fill, plus the
 * unit code (the service turns it into a unit id). Dates are yyyy-MM-dd; when only the year is
 * known the date is yyyy-01-01 and the row says so (`yearOnly`).
 */
export interface MemberInput {
  fullName: string;
  birthDate: string;
  gender: Gender;
  ethnicity: string;
  religion: string;
  nationalId: string;
  hometown: string;
  currentAddress: string;
  phone: string;
  email: string;
  education: string;
  qualification: string;
  occupation: string;
  joinedOn: string;
  partyJoinedOn: string;
  unitCode: string;
}

export type DateField = "birthDate" | "joinedOn" | "partyJoinedOn";

export type ProblemCode =
  | "required"
  | "dateFormat"
  | "impossibleDate"
  | "futureDate"
  | "dateTooOld"
  | "beforeBirth"
  | "ageOutOfRange"
  | "genderFormat"
  | "genderConflict"
  | "idLength"
  | "idFormat"
  | "idScientific"
  | "idBirthYear"
  | "phoneFormat"
  | "emailFormat"
  | "unknownEthnicity"
  | "unknownReligion"
  | "unknownEducation"
  | "tooLong"
  | "nameFormat"
  | "formula"
  | "cellError"
  | "duplicateInFile"
  | "unitUnknown";

export type WarningCode =
  | "yearOnly"
  | "twoDigitYear"
  | "idLeadingZeroRestored"
  | "phoneLeadingZeroRestored"
  | "idGenderMismatch";

export interface Issue<C extends string = ProblemCode> {
  code: C;
  /** Values for the message placeholders. */
  values: Record<string, string | number>;
}

/**
 * The reading of one cell: a value, a problem, or both (an unknown ethnicity keeps its text), plus
 * warnings (read, but worth a look). value and problem both null = the cell is empty.
 */
export interface Parsed<T> {
  value: T | null;
  problem: Issue | null;
  warnings: Issue<WarningCode>[];
}

export interface ParsedDate {
  /** yyyy-MM-dd; yyyy-01-01 when only the year is known. */
  date: string;
  yearOnly: boolean;
}

const empty = <T>(): Parsed<T> => ({ value: null, problem: null, warnings: [] });
const ok = <T>(value: T, warnings: Issue<WarningCode>[] = []): Parsed<T> => ({ value, problem: null, warnings });
const bad = <T>(code: ProblemCode, values: Record<string, string | number>, value: T | null = null): Parsed<T> => ({
  value,
  problem: { code, values },
  warnings: [],
});

/** Text limits, in characters: those of the member form's schema (lib/members/schemas.ts). */
export const TEXT_LIMITS = {
  fullName: 120,
  hometown: 300,
  currentAddress: 300,
  qualification: 200,
  occupation: 200,
  email: 200,
  unitCode: 40,
  catalogue: 100,
} as const;

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** A cell as a user would read it, for messages: trimmed and cut short. */
export function displayText(cell: Cell): string {
  let text: string;
  if (cell === null) text = "";
  else if (cell instanceof Date) {
    const d = utcDay(cell);
    text = d ? `${pad(d.d)}/${pad(d.m)}/${d.y}` : "";
  } else text = String(cell).replace(/\s+/g, " ").trim();
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/** Clean text: NFC, control characters out, whitespace collapsed, trimmed. */
export function cleanText(value: string): string {
  // Short values repeat down a list (ethnicity, religion, occupation…): each is cleaned once.
  const short = value.length <= 40;
  if (short) {
    const known = cleaned.get(value);
    if (known !== undefined) return known;
  }
  // Most cells are already clean: skip the regular expressions for them (they dominate large imports).
  const result =
    CLEAN.test(value) && value.normalize("NFC") === value
      ? value
      : value
          .normalize("NFC")
          .replace(/[\u0000-\u001f\u007f\u200b\ufeff]/g, " ")
          .replace(/\s+/g, " ")
          .trim();
  if (short) {
    if (cleaned.size >= MEMO_SIZE) cleaned.clear();
    cleaned.set(value, result);
  }
  return result;
}

const MEMO_SIZE = 20_000;
const cleaned = new Map<string, string>();

const folded = new Map<string, string>();

/** foldVietnamese for names: a row's name is folded for the duplicate checks and again when written, so each is folded once. */
export function foldName(name: string): string {
  let result = folded.get(name);
  if (result === undefined) {
    result = foldVietnamese(name);
    if (folded.size >= MEMO_SIZE) folded.clear();
    folded.set(name, result);
  }
  return result;
}

/** Text with no control characters, no leading, trailing or doubled whitespace and no tabs or line breaks. */
const CLEAN = /^(?:[^\s\u0000-\u001f\u007f\u200b\ufeff]+(?: [^\s\u0000-\u001f\u007f\u200b\ufeff]+)*)?$/;

function isEmpty(cell: Cell): boolean {
  return cell === null || (typeof cell === "string" && cleanText(cell) === "");
}

// ---------------------------------------------------------------------------------------------
// dates

function utcDay(date: Date): { y: number; m: number; d: number } | null {
  const time = date.getTime();
  if (!Number.isFinite(time)) return null;
  const rounded = new Date(Math.round(time / 1000) * 1000); // exceljs dates can be a millisecond off
  return { y: rounded.getUTCFullYear(), m: rounded.getUTCMonth() + 1, d: rounded.getUTCDate() };
}

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function calendarDate(y: number, m: number, d: number, text: string, warnings: Issue<WarningCode>[] = []): Parsed<ParsedDate> {
  if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return bad("impossibleDate", { text });
  return ok({ date: `${pad(y, 4)}-${pad(m)}-${pad(d)}`, yearOnly: false }, warnings);
}

function yearOnly(y: number): Parsed<ParsedDate> {
  return ok({ date: `${pad(y, 4)}-01-01`, yearOnly: true });
}

/** An Excel serial day number (1900 system): day 60 is the 29 February 1900 Excel wrongly believes in. */
export function excelSerialToDate(serial: number): { y: number; m: number; d: number } | null {
  const whole = Math.floor(serial);
  if (whole < 1 || whole > 2958465 || whole === 60) return null;
  const days = whole < 60 ? whole : whole - 1;
  const date = new Date(Date.UTC(1899, 11, 31) + days * 86_400_000);
  return { y: date.getUTCFullYear(), m: date.getUTCMonth() + 1, d: date.getUTCDate() };
}

function fromSerial(serial: number, text: string): Parsed<ParsedDate> {
  const d = excelSerialToDate(serial);
  return d ? calendarDate(d.y, d.m, d.d, text) : bad("impossibleDate", { text });
}

function fullYear(twoDigits: string, today: string): { year: number; warning: Issue<WarningCode> } {
  const yy = Number(twoDigits);
  const pivot = Number(today.slice(2, 4));
  const year = yy <= pivot ? 2000 + yy : 1900 + yy;
  return { year, warning: { code: "twoDigitYear", values: { text: twoDigits, year } } };
}

const DMY = /^(\d{1,2})\s*([/\-.])\s*(\d{1,2})\s*\2\s*(\d{4}|\d{2})$/;
const YMD = /^(\d{4})\s*([/\-.])\s*(\d{1,2})\s*\2\s*(\d{1,2})$/;
const TIME_SUFFIX = /(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s?[ap]\.?m\.?)?(?:Z|[+-]\d{2}:?\d{2})?)$/i;

/**
 * A date from a Date cell, an Excel serial number, or text: 15/03/2001, 1/3/01, 15-03-2001,
 * 15.03.2001, 2001-03-15, 15032001, "ngày 15 tháng 3 năm 2001", or a bare year (2001 → year only).
 * `today` (yyyy-MM-dd) decides two-digit years: up to this year's two digits → 20xx, else 19xx.
 */
export function parseDate(cell: Cell, today: string): Parsed<ParsedDate> {
  if (isEmpty(cell)) return empty();
  const text = displayText(cell);
  if (cell instanceof Date) {
    const d = utcDay(cell);
    return d ? calendarDate(d.y, d.m, d.d, text) : bad("dateFormat", { text });
  }
  if (typeof cell === "number") {
    if (!Number.isFinite(cell) || cell <= 0) return bad("dateFormat", { text });
    // A four-digit number is a year: as a serial it would be a day in 1902–1927, no member's date.
    if (Number.isInteger(cell) && cell >= 1000 && cell <= 9999) return yearOnly(cell);
    if (Number.isInteger(cell) && cell >= 1_000_000 && cell <= 99_999_999) {
      // 15032001 typed without separators (the leading zero of 01032001 is lost to the number).
      const digits = String(cell).padStart(8, "0");
      const year = Number(digits.slice(4));
      return year >= 1900 && year <= 2100 ? parseDate(digits, today) : bad("dateFormat", { text });
    }
    if (cell < 1 || cell > 2958465) return bad("dateFormat", { text });
    return fromSerial(cell, text);
  }

  const s = cleanText(cell as string)
    .replace(/^'/, "")
    .replace(TIME_SUFFIX, "")
    .trim();
  let m = DMY.exec(s);
  if (m) {
    const [, d, , mo, y] = m;
    if (y!.length === 2) {
      const { year, warning } = fullYear(y!, today);
      return calendarDate(year, Number(mo), Number(d), text, [warning]);
    }
    return calendarDate(Number(y), Number(mo), Number(d), text);
  }
  m = YMD.exec(s);
  if (m) return calendarDate(Number(m[1]), Number(m[3]), Number(m[4]), text);
  if (/^\d{4}$/.test(s)) return yearOnly(Number(s));
  if (/^\d{8}$/.test(s)) return calendarDate(Number(s.slice(4)), Number(s.slice(2, 4)), Number(s.slice(0, 2)), text);
  if (/^\d{5}(?:\.\d+)?$/.test(s)) return fromSerial(Number(s), text); // a serial exported to CSV as text
  const folded = foldVietnamese(s).replace(/[^a-z0-9]+/g, " ").trim();
  m = /^(?:ngay )?(\d{1,2}) thang (\d{1,2}) nam (\d{4}|\d{2})$/.exec(folded);
  if (m) {
    if (m[3]!.length === 2) {
      const { year, warning } = fullYear(m[3]!, today);
      return calendarDate(year, Number(m[2]), Number(m[1]), text, [warning]);
    }
    return calendarDate(Number(m[3]), Number(m[2]), Number(m[1]), text);
  }
  m = /^nam (\d{4})$/.exec(folded);
  if (m) return yearOnly(Number(m[1]));
  return bad("dateFormat", { text });
}

// ---------------------------------------------------------------------------------------------
// gender

const compact = (value: string) => foldVietnamese(cleanText(value)).replace(/[^a-z0-9]+/g, "");

const MALE = new Set(["nam", "m", "male", "trai", "namgioi", "gioitinhnam"]);
const FEMALE = new Set(["nu", "f", "female", "gai", "nugioi", "gioitinhnu"]);

/** "Nam" / "Nữ" in any case, with or without diacritics; M / F; male / female. */
export function parseGender(cell: Cell): Parsed<Gender> {
  if (isEmpty(cell)) return empty();
  const text = displayText(cell);
  if (typeof cell !== "string") return bad("genderFormat", { text });
  const key = compact(cell);
  if (MALE.has(key)) return ok("male");
  if (FEMALE.has(key)) return ok("female");
  return bad("genderFormat", { text });
}

const UNMARKED = new Set(["", "0", "false", "khong", "no", "n"]);

/** Whether a tick column ("x", "X", "✓", 1, TRUE…) is marked. */
export function isMarked(cell: Cell): boolean {
  if (isEmpty(cell)) return false;
  if (typeof cell === "number") return cell !== 0;
  if (cell instanceof Date) return true;
  const raw = cleanText(cell as string);
  if (/^[-–—.]+$/.test(raw)) return false;
  const key = compact(raw);
  return key === "" || !UNMARKED.has(key); // a symbol alone (✓, ✔) is a mark
}

// ---------------------------------------------------------------------------------------------
// national ID

/** Whether the first three digits of a 12-digit CCCD are a province code (001–096). */
export function isCccdProvinceCode(digits: string): boolean {
  const code = Number(digits.slice(0, 3));
  return code >= 1 && code <= 96;
}

/** Year of birth and sex encoded in a 12-digit CCCD (4th digit: century and sex, 5th–6th: year). */
export function cccdBirth(id: string): { year: number; gender: Gender } | null {
  if (!/^\d{12}$/.test(id)) return null;
  const c = Number(id[3]);
  const year = 1900 + Math.floor(c / 2) * 100 + Number(id.slice(4, 6));
  return { year, gender: c % 2 === 0 ? "male" : "female" };
}

/**
 * A CCCD (12 digits, province code 001–096) or old CMND (9 digits). Spaces, dots and dashes are
 * ignored; leading zeros lost to a number cell (or an 11-digit text) come back, with a warning.
 */
export function parseNationalId(cell: Cell): Parsed<string> {
  if (isEmpty(cell)) return empty();
  const text = displayText(cell);
  let digits: string;
  if (typeof cell === "number") {
    if (!Number.isSafeInteger(cell) || cell < 0) return bad(/e/i.test(String(cell)) || cell > 1e15 ? "idScientific" : "idFormat", { text });
    digits = String(cell);
  } else if (typeof cell === "string") {
    const s = cleanText(cell).replace(/^'/, "");
    if (/^\d(?:[.,]\d+)?e\+?\d+$/i.test(s)) return bad("idScientific", { text });
    digits = s.replace(/[\s.\-_,]/g, "");
    if (!/^\d+$/.test(digits)) return bad("idFormat", { text });
  } else {
    return bad("idFormat", { text });
  }
  // A CCCD always starts with 0 (province codes 001–096), so a number cell has lost one or two
  // zeros. Text of 11 digits lost one the same way (CSV saved from Excel); text of 10 digits is
  // more likely a phone number in the wrong column and stays an error.
  const warnings: Issue<WarningCode>[] = [];
  const fromNumber = typeof cell === "number";
  const restored =
    digits.length === 11 || (fromNumber && digits.length === 10)
      ? digits.padStart(12, "0")
      : fromNumber && digits.length === 8
        ? digits.padStart(9, "0")
        : null;
  if (restored && (restored.length === 9 || isCccdProvinceCode(restored))) {
    digits = restored;
    warnings.push({ code: "idLeadingZeroRestored", values: { value: digits } });
  }
  if (digits.length === 12) {
    if (!isCccdProvinceCode(digits)) return bad("idFormat", { text });
    return ok(digits, warnings);
  }
  if (digits.length === 9) return ok(digits, warnings);
  return bad("idLength", { text, length: digits.length });
}

// ---------------------------------------------------------------------------------------------
// phone, e-mail

/** A Vietnamese phone number: 0 and 9 digits; +84 / 84 become 0, a lost leading 0 comes back. */
export function parsePhone(cell: Cell): Parsed<string> {
  if (isEmpty(cell)) return empty();
  const text = displayText(cell);
  let digits: string;
  if (typeof cell === "number") {
    if (!Number.isSafeInteger(cell) || cell <= 0) return bad("phoneFormat", { text });
    digits = String(cell);
  } else if (typeof cell === "string") {
    const s = cleanText(cell).replace(/^'/, "");
    if (!/^\+?[\d\s.\-()]+$/.test(s)) return bad("phoneFormat", { text });
    digits = s.replace(/[\s.\-()]/g, "");
  } else {
    return bad("phoneFormat", { text });
  }
  if (digits.startsWith("+84")) digits = `0${digits.slice(3)}`;
  else if (digits.startsWith("0084")) digits = `0${digits.slice(4)}`;
  else if (digits.startsWith("84") && digits.length === 11) digits = `0${digits.slice(2)}`;
  if (digits.startsWith("+")) return bad("phoneFormat", { text });
  const warnings: Issue<WarningCode>[] = [];
  if (/^[1-9]\d{8}$/.test(digits)) {
    digits = `0${digits}`;
    warnings.push({ code: "phoneLeadingZeroRestored", values: { value: digits } });
  }
  if (/^0[1-9]\d{8}$/.test(digits)) return ok(digits, warnings);
  return bad("phoneFormat", { text });
}

const EMAIL = /^[^\s@"'<>(),;:]+@[^\s@"'<>(),;:]+\.[^\s@"'<>(),;:]{2,}$/;

export function parseEmail(cell: Cell): Parsed<string> {
  if (isEmpty(cell)) return empty();
  const text = displayText(cell);
  if (typeof cell !== "string") return bad("emailFormat", { text });
  const email = cleanText(cell).replace(/^mailto:/i, "").toLowerCase();
  if (email.length > TEXT_LIMITS.email) return bad("tooLong", { max: TEXT_LIMITS.email });
  return EMAIL.test(email) ? ok(email) : bad("emailFormat", { text });
}

// ---------------------------------------------------------------------------------------------
// catalogues

function catalogueIndex(items: readonly string[], aliases: Record<string, string>): Map<string, string> {
  const index = new Map<string, string>();
  const ambiguous = new Set<string>();
  for (const item of items) {
    const key = compact(item);
    if (index.has(key) && index.get(key) !== item) ambiguous.add(key);
    index.set(key, item);
  }
  for (const key of ambiguous) index.delete(key);
  for (const [alias, item] of Object.entries(aliases)) if (!index.has(alias)) index.set(alias, item);
  return index;
}

const ETHNICITY_INDEX = catalogueIndex(ETHNICITIES, {
  viet: "Kinh",
  kinhviet: "Kinh",
  vietkinh: "Kinh",
  khmer: "Khơ Me",
  khome: "Khơ Me",
  mong: "H'Mông",
  hmong: "H'Mông",
  meo: "H'Mông",
  jrai: "Gia Rai",
  jarai: "Gia Rai",
  bahnar: "Ba Na",
  rade: "Ê Đê",
  sedang: "Xơ Đăng",
  khmu: "Khơ mú",
  bru: "Bru - Vân Kiều",
  vankieu: "Bru - Vân Kiều",
  bruvankieu: "Bru - Vân Kiều",
  raglai: "Ra Glai",
  stieng: "Stiêng",
  xtieng: "Stiêng",
  hre: "Hrê",
  gietrieng: "Giẻ-Triêng",
  pathen: "Pà Thẻn",
  pupeo: "Pu Péo",
  romam: "Rơ Măm",
  odu: "Ơ Đu",
  mnong: "Mnông",
});

const RELIGION_INDEX = catalogueIndex(RELIGIONS, {
  khongco: "Không",
  ko: "Không",
  k: "Không",
  khongtongiao: "Không",
  khongtheotongiao: "Không",
  khongtheodao: "Không",
  none: "Không",
  phat: "Phật giáo",
  daophat: "Phật giáo",
  phatgiao: "Phật giáo",
  thienchua: "Công giáo",
  thienchuagiao: "Công giáo",
  daothienchua: "Công giáo",
  congiao: "Công giáo",
  daocongiao: "Công giáo",
  catholic: "Công giáo",
  tinlanh: "Tin Lành",
  daotinlanh: "Tin Lành",
  caodai: "Cao Đài",
  daocaodai: "Cao Đài",
  hoahao: "Phật giáo Hòa Hảo",
  daohoahao: "Phật giáo Hòa Hảo",
  hoigiao: "Hồi giáo",
  islam: "Hồi giáo",
  bahai: "Baha'i",
});

const EDUCATION_INDEX = catalogueIndex(EDUCATION_LEVELS, {
  "912": "9/12",
  "1212": "12/12",
  thcs: "9/12",
  lop9: "9/12",
  "9": "9/12",
  thpt: "12/12",
  lop12: "12/12",
  "12": "12/12",
  tc: "Trung cấp",
  trungcap: "Trung cấp",
  cd: "Cao đẳng",
  caodang: "Cao đẳng",
  dh: "Đại học",
  daihoc: "Đại học",
  cunhan: "Đại học",
  kysu: "Đại học",
  ths: "Thạc sĩ",
  thacsi: "Thạc sĩ",
  thacsy: "Thạc sĩ",
  ts: "Tiến sĩ",
  tiensi: "Tiến sĩ",
  tiensy: "Tiến sĩ",
});

const lowered = new WeakMap<readonly string[], Map<string, string>>();

/** A catalogue by its lower-case spelling, built once. */
function lowerIndex(items: readonly string[]): Map<string, string> {
  let index = lowered.get(items);
  if (!index) {
    index = new Map(items.map((item) => [item.toLocaleLowerCase("vi"), item]));
    lowered.set(items, index);
  }
  return index;
}

function matchCatalogue(
  cell: Cell,
  items: readonly string[],
  index: Map<string, string>,
  unknown: ProblemCode,
  strip?: RegExp,
): Parsed<string> {
  // A catalogue column holds a handful of distinct values: each is matched once. (Results are
  // never changed by their readers, so one object can serve every row.)
  let memo = catalogueMemo.get(items);
  if (!memo) catalogueMemo.set(items, (memo = new Map()));
  const key = typeof cell === "string" && cell.length <= 60 ? cell : null;
  if (key !== null) {
    const known = memo.get(key);
    if (known) return known;
  }
  const result = matchCatalogueText(cell, items, index, unknown, strip);
  if (key !== null) {
    if (memo.size >= MEMO_SIZE) memo.clear();
    memo.set(key, result);
  }
  return result;
}

const catalogueMemo = new WeakMap<readonly string[], Map<string, Parsed<string>>>();

function matchCatalogueText(
  cell: Cell,
  items: readonly string[],
  index: Map<string, string>,
  unknown: ProblemCode,
  strip?: RegExp,
): Parsed<string> {
  if (isEmpty(cell)) return empty();
  const text = cleanText(typeof cell === "string" ? cell : displayText(cell));
  if (text.length > TEXT_LIMITS.catalogue) return bad("tooLong", { max: TEXT_LIMITS.catalogue });
  const exact = lowerIndex(items).get(text.toLocaleLowerCase("vi"));
  if (exact) return ok(exact);
  let key = compact(text);
  if (strip) key = key.replace(strip, "") || key;
  const found = index.get(key);
  if (found) return ok(found);
  return bad(unknown, { text: displayText(text), choices: items.join(", ") }, text);
}

/** One of the 54 ethnic groups ("kinh", "Khmer", "Ê-đê", "dân tộc Tày" all match). Unknown text is kept, with a problem. */
export function parseEthnicity(cell: Cell): Parsed<string> {
  return matchCatalogue(cell, ETHNICITIES, ETHNICITY_INDEX, "unknownEthnicity", /^dantoc/);
}

/** A religion of the catalogue ("không", "Thiên Chúa giáo", "đạo Phật" match). Unknown text is kept, with a problem. */
export function parseReligion(cell: Cell): Parsed<string> {
  return matchCatalogue(cell, RELIGIONS, RELIGION_INDEX, "unknownReligion", /^tongiao/);
}

/** A level of the education catalogue ("12/12", "THPT", "ĐH"…). Unknown text is kept, with a problem. */
export function parseEducation(cell: Cell): Parsed<string> {
  return matchCatalogue(cell, EDUCATION_LEVELS, EDUCATION_INDEX, "unknownEducation");
}

// ---------------------------------------------------------------------------------------------
// text

/** Free text: cleaned, at most `max` characters. Numbers become their digits, dates dd/mm/yyyy. */
export function parseText(cell: Cell, max: number): Parsed<string> {
  if (isEmpty(cell)) return empty();
  const text = cell instanceof Date ? displayText(cell) : cleanText(String(cell));
  if (text.length > max) return bad("tooLong", { max });
  return ok(text);
}

/** A person's name: letters, spaces, apostrophes, hyphens and dots; at most 100 characters. */
export function parseFullName(cell: Cell): Parsed<string> {
  if (isEmpty(cell)) return empty();
  if (typeof cell !== "string") return bad("nameFormat", { text: displayText(cell) });
  const text = cleanText(cell);
  if (text.length > TEXT_LIMITS.fullName) return bad("tooLong", { max: TEXT_LIMITS.fullName });
  if (!/^[\p{L}\p{M}][\p{L}\p{M} .'’-]*$/u.test(text)) return bad("nameFormat", { text: displayText(text) });
  return ok(text);
}
