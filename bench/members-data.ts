/**
 * Made-up people for the members benchmark: a deterministic record per index, so the import file
 * can repeat existing members (same national ID) without keeping a million of them in memory.
 *
 * Existing members are born 1940–1979, new people in the import file 1980–1989: the two sets can
 * share neither an ID number (its digits 5–6 are the birth year) nor a name and birth date, except
 * for the duplicates on purpose. (The demo's own members are removed before loading.)
 */
import { createWriteStream } from "node:fs";
import { mkdir, rename, stat } from "node:fs/promises";
import path from "node:path";
import ExcelJS from "exceljs";
import { EDUCATION_LEVELS, ETHNICITIES } from "@/lib/members/catalogues";
import { mulberry32 } from "@/db/seed/members";
import { FAMILY_NAMES, FEMALE_SECOND_MIDDLE_NAMES, GIVEN_NAMES, MIDDLE_NAMES, type Weighted } from "@/db/seed/names";
import { foldVietnamese } from "@/lib/i18n/format";
import { personNameSortKey } from "@/lib/i18n/sort-key";
import { templateHeader, TEMPLATE_LAYOUT } from "@/lib/members/import/template";
import type { MemberFieldKey } from "@/lib/members/fields";

const SEED = 0x6b6e2026;

/** A weighted list as a cumulative table: one random number, one binary search. */
export function table<T>(items: Weighted<T>) {
  const values = items.map(([v]) => v);
  const cumulative: number[] = [];
  let total = 0;
  for (const [, w] of items) cumulative.push((total += w));
  return (r: number): T => {
    const x = r * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return values[lo]!;
  };
}

const family = table(FAMILY_NAMES);
const middle = {
  male: { older: table(MIDDLE_NAMES.male.older), younger: table(MIDDLE_NAMES.male.younger) },
  female: { older: table(MIDDLE_NAMES.female.older), younger: table(MIDDLE_NAMES.female.younger) },
};
const secondMiddle = table(FEMALE_SECOND_MIDDLE_NAMES);
const given = {
  male: { older: table(GIVEN_NAMES.male.older), younger: table(GIVEN_NAMES.male.younger) },
  female: { older: table(GIVEN_NAMES.female.older), younger: table(GIVEN_NAMES.female.younger) },
};
const ethnicity = table<string>([["Kinh", 86], ["Tày", 2], ["Thái", 2], ["Mường", 1.5], ["Khơ Me", 1.5], ["Hoa", 1], ["Nùng", 1], ["H'Mông", 1], ["Dao", 1], ...ETHNICITIES.slice(9).map((e) => [e, 0.05] as const)]);
const religion = table<string>([["Không", 82], ["Phật giáo", 9], ["Công giáo", 6], ["Tin Lành", 1], ["Cao Đài", 1], ["Phật giáo Hòa Hảo", 1]]);
const occupation = table<string>([["Hưu trí", 30], ["Nông dân", 20], ["Kinh doanh", 12], ["Công nhân", 10], ["Nội trợ", 10], ["Cán bộ", 8], ["Giáo viên", 5], ["Lao động tự do", 5]]);
const PROVINCE_CODES = ["001", "008", "019", "022", "025", "027", "031", "033", "034", "036", "037", "038", "040", "042", "046", "048", "052", "056", "066", "068", "075", "079", "082", "086", "092", "096"] as const;
const PROVINCE_NAMES = ["Hà Nội", "Tuyên Quang", "Thái Nguyên", "Quảng Ninh", "Phú Thọ", "Bắc Ninh", "Hải Phòng", "Hưng Yên", "Thái Bình", "Nam Định", "Ninh Bình", "Thanh Hóa", "Nghệ An", "Hà Tĩnh", "Thừa Thiên Huế", "Đà Nẵng", "Bình Định", "Khánh Hòa", "Đắk Lắk", "Lâm Đồng", "Đồng Nai", "Thành phố Hồ Chí Minh", "Tiền Giang", "Vĩnh Long", "Cần Thơ", "Cà Mau"] as const;
const PHONE_PREFIXES = ["090", "091", "093", "094", "096", "097", "098", "086", "088", "032", "033", "035", "037", "039", "070", "076", "077", "081", "083", "085"] as const;
const COMMUNES = ["Yên Phú", "Tân Tiến", "Quang Trung", "Hưng Đạo", "An Khánh", "Đông Hòa", "Tân Phú", "Bình An", "Phước Hưng", "Xuân Phong", "Nghĩa Hưng", "Long Hòa"] as const;

export type Gender = "male" | "female";

export interface Person {
  fullName: string;
  birthDate: string;
  gender: Gender;
  ethnicity: string;
  religion: string;
  nationalId: string;
  phone: string | null;
  hometown: string;
  currentAddress: string;
  occupation: string;
  education: string;
  joinedOn: string;
  email: string | null;
}

const pad = (n: number, width: number) => String(n).padStart(width, "0");

function person(seed: number, index: number, years: [number, number], idSuffix: string, phone: string | null): Person {
  const r = mulberry32(seed);
  const gender: Gender = r() < 0.55 ? "female" : "male";
  const gen = years[0] >= 1980 ? "younger" : "older";
  const words = [family(r()), middle[gender][gen](r())];
  if (gender === "female" && r() < 0.15) words.push(secondMiddle(r()));
  words.push(given[gender][gen](r()));
  const year = years[0] + Math.floor(r() * (years[1] - years[0] + 1));
  const month = 1 + Math.floor(r() * 12);
  const day = 1 + Math.floor(r() * 28);
  const p = Math.floor(r() * PROVINCE_CODES.length);
  const centurySex = (year >= 2000 ? 2 : 0) + (gender === "female" ? 1 : 0);
  const joinYear = Math.min(2025, year + 20 + Math.floor(r() * 20));
  const commune = COMMUNES[Math.floor(r() * COMMUNES.length)]!;
  return {
    fullName: words.join(" "),
    birthDate: `${year}-${pad(month, 2)}-${pad(day, 2)}`,
    gender,
    ethnicity: ethnicity(r()),
    religion: religion(r()),
    nationalId: `${PROVINCE_CODES[p]}${centurySex}${pad(year % 100, 2)}${idSuffix}`,
    phone: phone && r() < 0.7 ? phone : null,
    hometown: `xã ${commune}, ${PROVINCE_NAMES[p]}`,
    currentAddress: `thôn ${COMMUNES[(index * 7) % COMMUNES.length]}, xã ${commune}`,
    occupation: occupation(r()),
    education: EDUCATION_LEVELS[Math.floor(r() * 3)]!,
    joinedOn: `${joinYear}-${pad(1 + Math.floor(r() * 12), 2)}-${pad(1 + Math.floor(r() * 28), 2)}`,
    email: r() < 0.05 ? `hv${index}@example.com` : null,
  };
}

/**
 * Existing member number i (0 ≤ i < 1,000,000 keeps IDs and phones unique by construction: the
 * last six ID digits and the phone number are i itself).
 */
export function existingMember(i: number): Person {
  const suffix = pad(i % 1_000_000, 6);
  const phone = `${PHONE_PREFIXES[i % PHONE_PREFIXES.length]}${pad(Math.floor(i / PHONE_PREFIXES.length) % 10_000_000, 7)}`;
  return person(SEED ^ Math.imul(i + 1, 0x9e3779b1), i, [1940, 1979], suffix, phone);
}

/** A new person for row j of the import file (born 1980–1989, phone numbers 02x…). */
export function newPerson(j: number): Person {
  return person((SEED + 0x51ed27) ^ Math.imul(j + 1, 0x85ebca6b), j, [1980, 1989], pad(j % 1_000_000, 6), `02${pad(j, 8)}`);
}

/** Every 50th row (2%) of the import file repeats an existing member: which one, or null. */
export function duplicateIndex(j: number, existing: number): number | null {
  if (j % 50 !== 25) return null;
  // 999,983 is prime: distinct rows name distinct members, spread over the whole table.
  return (Math.floor(j / 50) * 999_983 + 12_345) % existing;
}

export function importRow(j: number, existing: number): { person: Person; duplicate: boolean } {
  const k = duplicateIndex(j, existing);
  return k === null ? { person: newPerson(j), duplicate: false } : { person: existingMember(k), duplicate: true };
}

// ---------------------------------------------------------------------------------------------
// Derived columns, cached per name (there are far fewer names than people).

const derived = new Map<string, [string, string]>();
export function nameColumns(fullName: string): [folded: string, sortKey: string] {
  let hit = derived.get(fullName);
  if (!hit) {
    hit = [foldVietnamese(fullName), personNameSortKey(fullName)];
    derived.set(fullName, hit);
  }
  return hit;
}

/** COPY text format: backslash, tab and line breaks escaped, null as \N. */
export function copyValue(value: string | null | undefined): string {
  if (value === null || value === undefined) return "\\N";
  return /[\\\t\n\r]/.test(value) ? value.replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r") : value;
}

export const MEMBER_COPY_COLUMNS = [
  "full_name", "name_folded", "sort_key", "birth_date", "gender", "ethnicity", "religion", "national_id", "hometown",
  "current_address", "phone", "email", "education", "occupation", "joined_on", "unit_id", "status",
] as const;

export function memberCopyLine(p: Person, unitId: string, status: string): string {
  const [folded, sortKey] = nameColumns(p.fullName);
  return [
    p.fullName, folded, sortKey, p.birthDate, p.gender, p.ethnicity, p.religion, p.nationalId, p.hometown, p.currentAddress,
    p.phone, p.email, p.education, p.occupation, p.joinedOn, unitId, status,
  ]
    .map(copyValue)
    .join("\t");
}

// ---------------------------------------------------------------------------------------------
// The import file

const FILE_FIELDS: MemberFieldKey[] = [
  "fullName", "birthDate", "gender", "ethnicity", "religion", "nationalId", "hometown", "currentAddress", "phone", "email",
  "education", "occupation", "joinedOn",
];

const isoToDmy = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
const isoToDate = (iso: string) => new Date(`${iso}T00:00:00Z`);

/**
 * Writes the member list as the template lays it out (title rows, the header in row
 * TEMPLATE_LAYOUT.headerRow, the template's header wording), streamed, with shared strings as
 * Excel writes them. Birth dates alternate between real date cells and dd/MM/yyyy text; ID and
 * phone numbers are text. Returns the number of duplicate rows. Cached by file name.
 */
export async function writeImportFile(file: string, rows: number, existing: number): Promise<{ duplicates: number; bytes: number }> {
  let duplicates = 0;
  for (let j = 0; j < rows; j++) if (duplicateIndex(j, existing) !== null) duplicates++;
  const cached = await stat(file).catch(() => null);
  if (cached) return { duplicates, bytes: cached.size };

  await mkdir(path.dirname(file), { recursive: true });
  const partial = `${file}.partial`;
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: createWriteStream(partial), useSharedStrings: true, useStyles: true });
  const sheet = workbook.addWorksheet("Danh sách");
  const headers = ["STT", ...FILE_FIELDS.map((f) => templateHeader(f, "hội viên"))];
  sheet.getRow(1).values = ["DANH SÁCH HỘI VIÊN"];
  sheet.getRow(1).commit();
  sheet.getRow(2).values = ["Hội Cựu Thanh niên xung phong Việt Nam"];
  sheet.getRow(2).commit();
  sheet.getRow(TEMPLATE_LAYOUT.headerRow).values = headers;
  sheet.getRow(TEMPLATE_LAYOUT.headerRow).commit();
  for (let j = 0; j < rows; j++) {
    const { person: p } = importRow(j, existing);
    const row = sheet.getRow(TEMPLATE_LAYOUT.firstDataRow + j);
    row.values = [
      j + 1,
      p.fullName,
      j % 2 === 0 ? isoToDate(p.birthDate) : isoToDmy(p.birthDate),
      p.gender === "male" ? "Nam" : "Nữ",
      p.ethnicity,
      p.religion,
      p.nationalId,
      p.hometown,
      p.currentAddress,
      p.phone ?? undefined,
      p.email ?? undefined,
      p.education,
      p.occupation,
      j % 3 === 0 ? isoToDate(p.joinedOn) : isoToDmy(p.joinedOn),
    ];
    if (j % 2 === 0) row.getCell(3).numFmt = "dd/mm/yyyy";
    if (j % 3 === 0) row.getCell(14).numFmt = "dd/mm/yyyy";
    row.commit();
  }
  sheet.commit();
  await workbook.commit();
  await rename(partial, file);
  return { duplicates, bytes: (await stat(file)).size };
}
