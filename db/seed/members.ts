/**
 * About 3,000 generated demo members (hội viên) over the demo branches, with their timelines,
 * evaluations and a few second participations. Every value comes from a seeded PRNG: for the same
 * `today` and the same unit tree the same people come out (only the row uuids differ).
 * Names, ID numbers, phones and addresses are made up; none belongs to a real person.
 */
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { memberEvaluations, memberEvents, memberParticipations, members, units, users } from "@/db/schema";
import type { Db } from "@/lib/db/types";
import { foldVietnamese } from "@/lib/i18n/format";
import { personNameSortKey } from "@/lib/i18n/sort-key";
import { DEMO_ACCOUNT_SPECS } from "./accounts";
import {
  FAMILY_NAMES,
  FEMALE_SECOND_MIDDLE_NAMES,
  GIVEN_NAMES,
  HMONG_NAMES,
  MIDDLE_NAMES,
  MINORITY_FAMILY_NAMES,
  SOUTHERN_FAMILY_NAMES,
  type Weighted,
} from "./names";
import { FORMER_CITIES, PROVINCES_EFFECTIVE_FROM, VILLAGE_NAMES } from "./places";

export const DEMO_MEMBER_COUNT = 3000;
/** Fixed PRNG seed: change it and every demo person changes. */
const SEED = 0x4b4e2026;
const BATCH_SIZE = 500;
/** Share of members placed directly at a Hội cơ sở (level 2) rather than at a branch. */
const AT_LEVEL_TWO = 0.03;
const PARTICIPATIONS = 30;

type NewMember = typeof members.$inferInsert;
type NewMemberEvent = typeof memberEvents.$inferInsert;
type NewEvaluation = typeof memberEvaluations.$inferInsert;
type NewParticipation = typeof memberParticipations.$inferInsert;
type Gender = "male" | "female";
type EvaluationLevel = NewEvaluation["level"];

// ---------------------------------------------------------------------------------------------
// Randomness

/** mulberry32: a small, fast 32-bit PRNG; plenty for demo data. Returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Random {
  private readonly next: () => number;

  constructor(seed: number) {
    this.next = mulberry32(seed);
  }

  float(): number {
    return this.next();
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  weighted<T>(items: Weighted<T>): T {
    let total = 0;
    for (const [, w] of items) total += w;
    let r = this.next() * total;
    for (const [item, w] of items) {
      r -= w;
      if (r < 0) return item;
    }
    return items[items.length - 1]![0];
  }

  digits(n: number): string {
    let s = "";
    for (let i = 0; i < n; i++) s += String(this.int(0, 9));
    return s;
  }
}

// ---------------------------------------------------------------------------------------------
// Calendar dates as yyyy-MM-dd strings (UTC arithmetic: no time zone can shift a day)

const DAY_MS = 86_400_000;

function dayNumber(iso: string): number {
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d) / DAY_MS;
}

function isoDate(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

function addDays(iso: string, days: number): string {
  return isoDate(dayNumber(iso) + days);
}

/** The same day n years later (29 February becomes 28 February). */
function addYears(iso: string, years: number): string {
  const [y, m, d] = iso.split("-") as [string, string, string];
  const year = Number(y) + years;
  const day = m === "02" && d === "29" && !(year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)) ? "28" : d;
  return `${String(year).padStart(4, "0")}-${m}-${day}`;
}

const maxDate = (a: string, b: string) => (a > b ? a : b);
const minDate = (a: string, b: string) => (a < b ? a : b);

function randomDate(rng: Random, from: string, to: string): string {
  const lo = dayNumber(from);
  const hi = dayNumber(to);
  return hi <= lo ? isoDate(lo) : isoDate(rng.int(lo, hi));
}

// ---------------------------------------------------------------------------------------------
// Places

/**
 * The 63 provinces before 01/07/2025 with the 3-digit code a CCCD number starts with (the province
 * where the birth was registered). Hometowns (quê quán) are written with these former names.
 */
export const BIRTH_PROVINCE_CODES: Readonly<Record<string, string>> = {
  "Hà Nội": "001", "Hà Giang": "002", "Cao Bằng": "004", "Bắc Kạn": "006", "Tuyên Quang": "008",
  "Lào Cai": "010", "Điện Biên": "011", "Lai Châu": "012", "Sơn La": "014", "Yên Bái": "015",
  "Hòa Bình": "017", "Thái Nguyên": "019", "Lạng Sơn": "020", "Quảng Ninh": "022", "Bắc Giang": "024",
  "Phú Thọ": "025", "Vĩnh Phúc": "026", "Bắc Ninh": "027", "Hải Dương": "030", "Hải Phòng": "031",
  "Hưng Yên": "033", "Thái Bình": "034", "Hà Nam": "035", "Nam Định": "036", "Ninh Bình": "037",
  "Thanh Hóa": "038", "Nghệ An": "040", "Hà Tĩnh": "042", "Quảng Bình": "044", "Quảng Trị": "045",
  "Thừa Thiên Huế": "046", "Đà Nẵng": "048", "Quảng Nam": "049", "Quảng Ngãi": "051", "Bình Định": "052",
  "Phú Yên": "054", "Khánh Hòa": "056", "Ninh Thuận": "058", "Bình Thuận": "060", "Kon Tum": "062",
  "Gia Lai": "064", "Đắk Lắk": "066", "Đắk Nông": "067", "Lâm Đồng": "068", "Bình Phước": "070",
  "Tây Ninh": "072", "Bình Dương": "074", "Đồng Nai": "075", "Bà Rịa - Vũng Tàu": "077",
  "Thành phố Hồ Chí Minh": "079", "Long An": "080", "Tiền Giang": "082", "Bến Tre": "083", "Trà Vinh": "084",
  "Vĩnh Long": "086", "Đồng Tháp": "087", "An Giang": "089", "Kiên Giang": "091", "Cần Thơ": "092",
  "Hậu Giang": "093", "Sóc Trăng": "094", "Bạc Liêu": "095", "Cà Mau": "096",
};

/** Generic commune and ward names for hometowns: common enough to point at no one. */
const HOMETOWN_COMMUNES = [
  ...VILLAGE_NAMES,
  "Quang Trung", "Tân Tiến", "Yên Phú", "Phú Lương", "Thanh Bình", "Hưng Đạo", "An Khánh", "Hợp Thành",
  "Đông Hòa", "Tân Phú", "Vĩnh Thạnh", "Long Hòa", "Bình An", "Phước Hưng", "Xuân Phong", "Nghĩa Hưng",
];

interface Profile {
  /** Share of the members (relative). */
  weight: number;
  south: boolean;
  hometowns: Weighted<string>;
  ethnicities: Weighted<string>;
  religions: Weighted<string>;
  /** First digits of old 9-digit CMND numbers issued there. */
  cmndPrefix: string;
}

const NORTHERN_RELIGIONS: Weighted<string> = [["Không", 88], ["Phật giáo", 8], ["Công giáo", 4]];

/** By the code of the province unit. Provinces not listed get DEFAULT_PROFILE. */
const PROVINCE_PROFILES: Readonly<Record<string, Profile>> = {
  "HA-NOI": {
    weight: 40,
    south: false,
    hometowns: [
      ["Hà Nội", 55], ["Nam Định", 5], ["Thái Bình", 5], ["Hà Nam", 3], ["Hưng Yên", 3], ["Hải Dương", 3],
      ["Bắc Ninh", 2], ["Bắc Giang", 2], ["Vĩnh Phúc", 2], ["Phú Thọ", 2], ["Thanh Hóa", 4], ["Nghệ An", 4],
      ["Hà Tĩnh", 2], ["Ninh Bình", 2], ["Hòa Bình", 1], ["Quảng Ninh", 1], ["Hải Phòng", 1], ["Thái Nguyên", 1],
    ],
    ethnicities: [["Kinh", 97], ["Mường", 1.5], ["Tày", 1], ["Nùng", 0.5]],
    religions: NORTHERN_RELIGIONS,
    cmndPrefix: "01",
  },
  "HO-CHI-MINH": {
    weight: 37,
    south: true,
    hometowns: [
      ["Thành phố Hồ Chí Minh", 40], ["Bình Dương", 8], ["Bà Rịa - Vũng Tàu", 6], ["Long An", 4], ["Tiền Giang", 4],
      ["Bến Tre", 3], ["Đồng Nai", 4], ["Tây Ninh", 2], ["Vĩnh Long", 2], ["Cần Thơ", 2], ["An Giang", 2],
      ["Đồng Tháp", 2], ["Quảng Nam", 3], ["Quảng Ngãi", 3], ["Bình Định", 3], ["Nghệ An", 3], ["Thanh Hóa", 2],
      ["Hà Nội", 2], ["Nam Định", 2], ["Thái Bình", 2], ["Thừa Thiên Huế", 2],
    ],
    ethnicities: [["Kinh", 93], ["Hoa", 5], ["Khơ Me", 1.2], ["Chăm", 0.5], ["Tày", 0.3]],
    religions: [["Không", 70], ["Phật giáo", 17], ["Công giáo", 8], ["Cao Đài", 2], ["Tin Lành", 2], ["Phật giáo Hòa Hảo", 1]],
    cmndPrefix: "02",
  },
  "TUYEN-QUANG": {
    weight: 23,
    south: false,
    hometowns: [
      ["Tuyên Quang", 60], ["Hà Giang", 20], ["Phú Thọ", 3], ["Yên Bái", 3], ["Thái Nguyên", 2], ["Hà Nội", 2],
      ["Vĩnh Phúc", 2], ["Nam Định", 2], ["Thái Bình", 2], ["Bắc Kạn", 1], ["Cao Bằng", 1],
    ],
    ethnicities: [["Kinh", 45], ["Tày", 25], ["Dao", 10], ["H'Mông", 8], ["Nùng", 5], ["Sán Chay", 4], ["Mường", 3]],
    religions: [["Không", 91], ["Phật giáo", 3], ["Công giáo", 2], ["Tin Lành", 4]],
    cmndPrefix: "07",
  },
};

const DEFAULT_PROFILE: Profile = {
  weight: 15,
  south: false,
  hometowns: Object.keys(BIRTH_PROVINCE_CODES).map((name) => [name, 1] as const),
  ethnicities: [["Kinh", 90], ["Tày", 3], ["Mường", 3], ["Thái", 2], ["Hoa", 2]],
  religions: NORTHERN_RELIGIONS,
  cmndPrefix: "1",
};

/** Communes whose people mostly come from the former province that now lies inside the new one. */
const COMMUNE_PROFILES: Readonly<Record<string, Partial<Pick<Profile, "hometowns" | "ethnicities">>>> = {
  "TUYEN-QUANG-HA-GIANG-1": {
    hometowns: [["Hà Giang", 75], ["Tuyên Quang", 15], ["Hà Nội", 3], ["Nam Định", 3], ["Thái Bình", 4]],
    ethnicities: [["Kinh", 55], ["Tày", 20], ["Dao", 8], ["H'Mông", 8], ["Nùng", 9]],
  },
  "TUYEN-QUANG-DONG-VAN": {
    hometowns: [["Hà Giang", 90], ["Tuyên Quang", 10]],
    ethnicities: [["H'Mông", 65], ["Kinh", 12], ["Dao", 8], ["Tày", 8], ["Nùng", 7]],
  },
  "HO-CHI-MINH-THU-DAU-MOT": { hometowns: [["Bình Dương", 65], ["Thành phố Hồ Chí Minh", 15], ["Tây Ninh", 5], ["Bình Phước", 5], ["Long An", 5], ["Nghệ An", 5]] },
  "HO-CHI-MINH-VUNG-TAU": { hometowns: [["Bà Rịa - Vũng Tàu", 65], ["Thành phố Hồ Chí Minh", 10], ["Đồng Nai", 10], ["Thừa Thiên Huế", 5], ["Quảng Ngãi", 5], ["Nam Định", 5]] },
};

function provinceLabel(name: string): string {
  return FORMER_CITIES.has(name) ? `thành phố ${name.replace(/^Thành phố\s+/u, "")}` : `tỉnh ${name}`;
}

/** "Hội Cựu TNXP phường Ba Đình" → "phường Ba Đình"; "Chi hội thôn Đồng Tâm" → "thôn Đồng Tâm". */
function placeOf(unitName: string): string {
  return unitName.replace(/^Hội Cựu TNXP\s+/u, "").replace(/^Chi hội\s+/u, "");
}

// ---------------------------------------------------------------------------------------------
// People

const OCCUPATIONS = {
  olderUrban: [["Hưu trí", 45], ["Kinh doanh tự do", 15], ["Nội trợ", 10], ["Lao động tự do", 12], ["Công nhân", 4], ["Nông dân", 4], ["Cán bộ hưu trí", 10]],
  olderRural: [["Nông dân", 45], ["Hưu trí", 25], ["Nội trợ", 8], ["Lao động tự do", 10], ["Kinh doanh tự do", 7], ["Cán bộ hưu trí", 5]],
  younger: [
    ["Công nhân", 15], ["Nhân viên văn phòng", 15], ["Giáo viên", 8], ["Kỹ sư", 8], ["Kinh doanh tự do", 12],
    ["Lao động tự do", 10], ["Nông dân", 8], ["Công chức", 8], ["Viên chức y tế", 5], ["Bộ đội xuất ngũ", 4],
  ],
} as const satisfies Record<string, Weighted<string>>;

const QUALIFICATIONS = {
  older: [[null, 50], ["Sơ cấp", 8], ["Trung cấp", 22], ["Cao đẳng", 6], ["Đại học", 12], ["Thạc sĩ", 2]],
  younger: [[null, 15], ["Sơ cấp", 5], ["Trung cấp", 15], ["Cao đẳng", 20], ["Đại học", 40], ["Thạc sĩ", 5]],
} as const satisfies Record<string, Weighted<string | null>>;

const EVALUATION_LEVELS: Weighted<EvaluationLevel> = [["excellent", 18], ["good", 55], ["completed", 24], ["not_completed", 3]];

const EXIT_REASONS = {
  left: [
    "Chuyển nơi cư trú ra ngoài địa bàn",
    "Xin thôi sinh hoạt vì lý do sức khỏe",
    "Hoàn cảnh gia đình, xin ra khỏi Hội",
    "Đi làm ăn xa, không tham gia sinh hoạt",
  ],
  deceased: ["Từ trần do tuổi cao", "Từ trần sau thời gian lâm bệnh", "Từ trần"],
  matured_out: ["Quá tuổi sinh hoạt theo Điều lệ, trưởng thành", "Trưởng thành, chuyển sinh hoạt sang tổ chức khác theo nguyện vọng"],
} as const;

const PHONE_PREFIXES: Weighted<string> = [["09", 45], ["03", 25], ["08", 15], ["07", 15]];

function pickDistinct(rng: Random, items: Weighted<string>, avoid: readonly string[]): string {
  for (let i = 0; i < 20; i++) {
    const item = rng.weighted(items);
    if (!avoid.includes(item)) return item;
  }
  return items.find(([item]) => !avoid.includes(item))![0];
}

function makeName(rng: Random, gender: Gender, younger: boolean, ethnicity: string, south: boolean): string {
  if (ethnicity === "H'Mông") {
    const family = rng.weighted(MINORITY_FAMILY_NAMES["H'Mông"]!);
    if (gender === "male") return `${family} ${rng.weighted(HMONG_NAMES.maleMiddle)} ${rng.weighted(HMONG_NAMES.maleGiven)}`;
    return `${family} Thị ${rng.weighted(HMONG_NAMES.femaleGiven)}`;
  }
  const minority = MINORITY_FAMILY_NAMES[ethnicity];
  const family =
    minority && rng.chance(0.75) ? rng.weighted(minority) : rng.weighted(south ? SOUTHERN_FAMILY_NAMES : FAMILY_NAMES);
  const generation = younger ? "younger" : "older";
  const middles: string[] = [rng.weighted(MIDDLE_NAMES[gender][generation])];
  if (gender === "female" && middles[0] === "Thị" && rng.chance(younger ? 0.2 : 0.1)) {
    middles.push(rng.weighted(FEMALE_SECOND_MIDDLE_NAMES));
  }
  const given = pickDistinct(rng, GIVEN_NAMES[gender][generation], middles);
  return [family, ...middles, given].join(" ");
}

function asciiWord(word: string): string {
  return foldVietnamese(word).replace(/[^a-z]/g, "");
}

// ---------------------------------------------------------------------------------------------
// The generator

/** A unit as read from the database. */
export interface SeedUnit {
  id: string;
  code: string;
  name: string;
  level: number;
  parentId: string | null;
  activeTo: string | null;
}

/** The demo account that belongs to one of the members (role "member"). */
export interface MemberAccountLink {
  userId: string;
  fullName: string;
  unitId: string;
  email: string | null;
}

export interface GenerateMembersOptions {
  /** Today in Vietnam, yyyy-MM-dd: no date comes after it, and ages are counted from it. */
  today: string;
  count?: number;
  link?: MemberAccountLink;
}

export interface GeneratedMembers {
  members: NewMember[];
  events: NewMemberEvent[];
  evaluations: NewEvaluation[];
  participations: NewParticipation[];
}

interface Place {
  unit: SeedUnit;
  province: SeedUnit;
  commune: SeedUnit;
  profile: Profile;
  hometowns: Weighted<string>;
  ethnicities: Weighted<string>;
  urban: boolean;
}

/** Branches (and a few Hội cơ sở) of every active province that has any, in code order. */
function placesByProvince(unitRows: readonly SeedUnit[], rng: Random): Map<SeedUnit, Weighted<Place>> {
  const active = unitRows.filter((u) => u.activeTo === null).sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const byId = new Map(active.map((u) => [u.id, u]));
  const result = new Map<SeedUnit, (readonly [Place, number])[]>();
  for (const unit of active) {
    if (unit.level !== 2 && unit.level !== 3) continue;
    const commune = unit.level === 2 ? unit : byId.get(unit.parentId ?? "");
    const province = commune && byId.get(commune.parentId ?? "");
    if (!commune || !province || province.level !== 1) continue;
    const profile = PROVINCE_PROFILES[province.code] ?? DEFAULT_PROFILE;
    const communeProfile = COMMUNE_PROFILES[commune.code] ?? {};
    const place: Place = {
      unit,
      province,
      commune,
      profile,
      hometowns: communeProfile.hometowns ?? profile.hometowns,
      ethnicities: communeProfile.ethnicities ?? profile.ethnicities,
      urban: placeOf(commune.name).startsWith("phường"),
    };
    // Branches differ in size; level-2 units hold only the few members attached to them directly.
    const weight = unit.level === 3 ? (1 - AT_LEVEL_TWO) * (0.6 + 0.8 * rng.float()) : AT_LEVEL_TWO * 3;
    const list = result.get(province) ?? [];
    list.push([place, weight]);
    result.set(province, list);
  }
  return result;
}

/** Generates the demo members; pure and deterministic for the same units (by code) and `today`. */
export function generateMembers(unitRows: readonly SeedUnit[], options: GenerateMembersOptions): GeneratedMembers {
  const { today } = options;
  const count = options.count ?? DEMO_MEMBER_COUNT;
  const year = Number(today.slice(0, 4));
  const rng = new Random(SEED);
  const out: GeneratedMembers = { members: [], events: [], evaluations: [], participations: [] };

  const provinces = placesByProvince(unitRows, rng);
  if (provinces.size === 0) return out;
  const provinceWeights: Weighted<SeedUnit> = [...provinces.keys()].map(
    (p) => [p, (PROVINCE_PROFILES[p.code] ?? DEFAULT_PROFILE).weight] as const,
  );

  const nationalIds = new Set<string>();
  const phones = new Set<string>();
  const emails = new Set<string>();
  const placeOfMember: Place[] = [];

  for (let i = 0; i < count; i++) {
    const province = rng.weighted(provinceWeights);
    const place = rng.weighted(provinces.get(province)!);
    const { profile } = place;

    const younger = rng.chance(0.1);
    const gender: Gender = rng.chance(0.55) ? "female" : "male";
    const ethnicity = rng.weighted(place.ethnicities);
    const fullName = makeName(rng, gender, younger, ethnicity, profile.south);

    // Former youth volunteers were born 1945–1975, most around 1960; younger members 19–36 years old.
    const birthYear = younger ? rng.int(year - 36, year - 19) : 1945 + Math.floor(((rng.float() + rng.float()) / 2) * 31);
    const birthDate = randomDate(rng, `${birthYear}-01-01`, `${birthYear}-12-31`);
    const joinedOn = younger
      ? randomDate(rng, maxDate("2005-01-01", addYears(birthDate, 18)), today)
      : randomDate(rng, maxDate("1990-01-01", addYears(birthDate, 20)), minDate(`${year - 1}-12-31`, today));
    const partyChance = younger ? 0.1 : gender === "male" ? 0.35 : 0.2;
    const partyJoinedOn = rng.chance(partyChance)
      ? randomDate(rng, addYears(birthDate, 19), minDate(addYears(birthDate, 45), today))
      : null;

    const hometownProvince = rng.weighted(place.hometowns);
    const hometownCommune = `${FORMER_CITIES.has(hometownProvince) && rng.chance(0.4) ? "phường" : "xã"} ${rng.pick(HOMETOWN_COMMUNES)}`;
    const hometown = `${hometownCommune}, ${provinceLabel(hometownProvince)}`;
    const street =
      place.unit.level === 3
        ? placeOf(place.unit.name)
        : place.urban
          ? `tổ dân phố số ${rng.int(1, 12)}`
          : `thôn ${rng.pick(VILLAGE_NAMES)}`;
    const currentAddress = `${street}, ${placeOf(place.commune.name)}, ${placeOf(place.province.name)}`;

    // ~80% CCCD, ~5% old CMND (older members only), the rest none.
    let nationalId: string | null = null;
    const idRoll = rng.float();
    if (idRoll < 0.8 || (younger && idRoll < 0.85)) {
      const century = birthYear >= 2000 ? 2 : 0;
      const prefix = `${BIRTH_PROVINCE_CODES[hometownProvince]}${century + (gender === "female" ? 1 : 0)}${String(birthYear % 100).padStart(2, "0")}`;
      do nationalId = prefix + rng.digits(6);
      while (nationalIds.has(nationalId));
    } else if (idRoll < 0.85) {
      do nationalId = profile.cmndPrefix + rng.digits(9 - profile.cmndPrefix.length);
      while (nationalIds.has(nationalId));
    }
    if (nationalId) nationalIds.add(nationalId);

    // Generated-looking numbers: 0x · d · 000 · dddd.
    let phone: string | null = null;
    if (rng.chance(0.7)) {
      const prefix = rng.weighted(PHONE_PREFIXES);
      do phone = `${prefix}${rng.int(1, 9)}000${rng.digits(4)}`;
      while (phones.has(phone));
      phones.add(phone);
    }

    const words = fullName.split(" ");
    let email: string | null = null;
    if (rng.chance(younger ? 0.25 : 0.04)) {
      const base = `${asciiWord(words.at(-1)!)}.${asciiWord(words[0]!)}${String(birthYear % 100).padStart(2, "0")}`;
      email = `${base}@example.com`;
      for (let n = 2; emails.has(email); n++) email = `${base}.${n}@example.com`;
      emails.add(email);
    }

    const qualification = rng.weighted(younger ? QUALIFICATIONS.younger : QUALIFICATIONS.older);
    const education = qualification !== null || younger ? (rng.chance(0.95) ? "12/12" : "9/12") : rng.chance(0.6) ? "12/12" : "9/12";
    const drawn: string = rng.weighted(
      younger ? OCCUPATIONS.younger : place.urban ? OCCUPATIONS.olderUrban : OCCUPATIONS.olderRural,
    );
    const occupation = drawn === "Nội trợ" && gender === "male" ? "Hưu trí" : drawn;
    const religion =
      ethnicity === "Khơ Me"
        ? rng.chance(0.9) ? "Phật giáo" : "Không"
        : ethnicity === "H'Mông" && rng.chance(0.2)
          ? "Tin Lành"
          : rng.weighted(profile.religions);

    // Status: most are active; older members may have died or left, younger ones matured out.
    let status: "active" | "left" | "deceased" | "matured_out" = "active";
    let statusSince: string | null = null;
    const statusRoll = rng.float();
    const afterJoining = addDays(joinedOn, 30);
    if (!younger) {
      if (statusRoll < 0.06) {
        status = "deceased";
        statusSince = randomDate(rng, maxDate(afterJoining, `${year - 6}-01-01`), today);
      } else if (statusRoll < 0.1) {
        status = "left";
        statusSince = randomDate(rng, afterJoining, today);
      }
    } else if (year - birthYear >= 31 && statusRoll < 0.2) {
      status = "matured_out";
      statusSince = randomDate(rng, maxDate(afterJoining, addYears(birthDate, 30)), minDate(addYears(birthDate, 32), today));
    } else if (statusRoll > 0.95) {
      status = "left";
      statusSince = randomDate(rng, afterJoining, today);
    }
    if (statusSince !== null && statusSince > today) statusSince = today;

    const id = randomUUID();
    out.members.push({
      id,
      fullName,
      nameFolded: foldVietnamese(fullName),
      sortKey: personNameSortKey(fullName),
      birthDate,
      gender,
      ethnicity,
      religion,
      nationalId,
      hometown,
      currentAddress,
      phone,
      email,
      education,
      qualification,
      occupation,
      joinedOn,
      partyJoinedOn,
      unitId: place.unit.id,
      status,
      statusSince,
    });
    placeOfMember.push(place);

    // Members who joined since last January were admitted through Kết Nối; older ones were recorded from the registers.
    out.events.push({ memberId: id, kind: joinedOn >= `${year - 1}-01-01` ? "admitted" : "recorded", occurredOn: joinedOn, unitId: place.unit.id });

    // Evaluations for the last two completed years, for members who were in the Hội all year.
    if (rng.chance(0.6)) {
      for (const evaluationYear of [year - 2, year - 1]) {
        if (joinedOn > `${evaluationYear}-10-31`) continue;
        if (statusSince !== null && statusSince <= `${evaluationYear}-12-31`) continue;
        const level = rng.weighted(EVALUATION_LEVELS);
        out.evaluations.push({ memberId: id, year: evaluationYear, level, unitId: place.unit.id });
        out.events.push({
          memberId: id,
          kind: "evaluated",
          occurredOn: randomDate(rng, `${evaluationYear}-12-05`, `${evaluationYear}-12-28`),
          unitId: place.unit.id,
          details: { year: evaluationYear, level },
        });
      }
    }

    if (status !== "active") {
      out.events.push({
        memberId: id,
        kind: status,
        occurredOn: statusSince!,
        unitId: place.unit.id,
        reason: rng.pick(EXIT_REASONS[status]),
      });
    }
  }

  // A few members also take part at a second branch of the same province.
  const branches = [...provinces.values()].flatMap((places) => places.map(([p]) => p)).filter((p) => p.unit.level === 3);
  const taken = new Set<number>();
  for (let attempts = 0; out.participations.length < PARTICIPATIONS && attempts < PARTICIPATIONS * 50; attempts++) {
    const index = rng.int(0, out.members.length - 1);
    const member = out.members[index]!;
    const place = placeOfMember[index]!;
    if (taken.has(index) || member.status !== "active" || place.unit.level !== 3) continue;
    const others = branches.filter((b) => b.province === place.province && b.unit !== place.unit);
    if (others.length === 0) continue;
    taken.add(index);
    out.participations.push({
      memberId: member.id!,
      unitId: rng.pick(others).unit.id,
      since: randomDate(rng, maxDate(member.joinedOn!, PROVINCES_EFFECTIVE_FROM), today),
    });
  }

  // The demo member account gets the record of an active member at its unit, under its own name.
  if (options.link) {
    const link = options.link;
    const gender: Gender = /\sThị\s/u.test(link.fullName) ? "female" : "male";
    const target = out.members.find(
      (m, index) => m.unitId === link.unitId && m.status === "active" && m.gender === gender && !taken.has(index),
    );
    if (target) {
      target.fullName = link.fullName;
      target.nameFolded = foldVietnamese(link.fullName);
      target.sortKey = personNameSortKey(link.fullName);
      target.userId = link.userId;
      if (link.email) target.email = link.email;
    }
  }

  return out;
}

function* batches<T>(rows: readonly T[], size: number = BATCH_SIZE): Generator<T[]> {
  for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
}

export interface MemberSeedCounts {
  members: number;
  events: number;
  evaluations: number;
  participations: number;
}

/**
 * Inserts the demo members (call inside the demo seed's transaction, after units and accounts).
 * Does nothing when the database already has members.
 */
export async function seedMembers(tx: Db, options: { today: string }): Promise<MemberSeedCounts> {
  const none: MemberSeedCounts = { members: 0, events: 0, evaluations: 0, participations: 0 };
  const existing = await tx.select({ id: members.id }).from(members).limit(1);
  if (existing.length > 0) return none;

  const unitRows = await tx
    .select({ id: units.id, code: units.code, name: units.name, level: units.level, parentId: units.parentId, activeTo: units.activeTo })
    .from(units);

  let link: MemberAccountLink | undefined;
  const memberAccount = DEMO_ACCOUNT_SPECS.find((spec) => spec.role === "member");
  if (memberAccount) {
    const [user] = await tx
      .select({ userId: users.id, fullName: users.fullName, unitId: users.homeUnitId, email: users.email })
      .from(users)
      .where(eq(users.username, memberAccount.username));
    link = user;
  }

  const generated = generateMembers(unitRows, { today: options.today, link });
  for (const rows of batches(generated.members)) await tx.insert(members).values(rows);
  for (const rows of batches(generated.events, BATCH_SIZE * 2)) await tx.insert(memberEvents).values(rows);
  for (const rows of batches(generated.evaluations, BATCH_SIZE * 2)) await tx.insert(memberEvaluations).values(rows);
  for (const rows of batches(generated.participations)) await tx.insert(memberParticipations).values(rows);

  return {
    members: generated.members.length,
    events: generated.events.length,
    evaluations: generated.evaluations.length,
    participations: generated.participations.length,
  };
}
