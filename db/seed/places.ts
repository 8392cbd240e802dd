/**
 * Place names for the demo organisation. Communes and wards use post-2025 names (the two-tier local
 * government that took effect on 01/07/2025); branches are generic residential groups and villages.
 * Nothing here identifies a person.
 */

export type CommuneKind = "phường" | "xã";

export interface DemoCommune {
  kind: CommuneKind;
  name: string;
}

/** Communes and wards that get a "Hội cơ sở" with branches, keyed by province name in provinces.json. */
export const DEMO_COMMUNES: Record<string, DemoCommune[]> = {
  "Hà Nội": [
    { kind: "phường", name: "Ba Đình" },
    { kind: "phường", name: "Hoàn Kiếm" },
    { kind: "phường", name: "Cầu Giấy" },
    { kind: "phường", name: "Hà Đông" },
    { kind: "xã", name: "Sóc Sơn" },
    { kind: "xã", name: "Đông Anh" },
  ],
  "Tuyên Quang": [
    { kind: "phường", name: "Minh Xuân" },
    { kind: "phường", name: "Hà Giang 1" },
    { kind: "xã", name: "Yên Sơn" },
    { kind: "xã", name: "Sơn Dương" },
    { kind: "xã", name: "Hàm Yên" },
    { kind: "xã", name: "Đồng Văn" },
  ],
  "Thành phố Hồ Chí Minh": [
    { kind: "phường", name: "Sài Gòn" },
    { kind: "phường", name: "Bến Thành" },
    { kind: "phường", name: "Thủ Dầu Một" },
    { kind: "phường", name: "Vũng Tàu" },
    { kind: "xã", name: "Củ Chi" },
    { kind: "xã", name: "Cần Giờ" },
  ],
};

/** Branches per commune. */
export const BRANCHES_PER_COMMUNE = 3;

/** Village names for branches in a commune (xã); taken in rotation so neighbouring communes differ. */
export const VILLAGE_NAMES = [
  "Đồng Tâm",
  "Tân Lập",
  "Hòa Bình",
  "Thống Nhất",
  "Quyết Tiến",
  "Đoàn Kết",
  "Tiền Phong",
  "Thắng Lợi",
  "Hợp Tiến",
  "Minh Khai",
  "Trung Thành",
  "Phú Thịnh",
];

/** The branch names of the n-th commune of a province (both counted from 0). */
export function branchNames(commune: DemoCommune, communeIndex: number): string[] {
  return Array.from({ length: BRANCHES_PER_COMMUNE }, (_, i) => {
    if (commune.kind === "phường") return `Chi hội tổ dân phố số ${i + 1}`;
    const village = VILLAGE_NAMES[(communeIndex * BRANCHES_PER_COMMUNE + i) % VILLAGE_NAMES.length]!;
    return `Chi hội thôn ${village}`;
  });
}

/** The five centrally-run cities before 01/07/2025 (the others were provinces). */
export const FORMER_CITIES = new Set(["Hà Nội", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Thành phố Hồ Chí Minh"]);

/** "Thành phố Hồ Chí Minh" → "Hồ Chí Minh": the name without its own "Thành phố", for labels and codes. */
export function baseName(name: string): string {
  return name.replace(/^Thành phố\s+/u, "");
}

/** ASCII code part: Vietnamese diacritics folded (đ → d), words joined by hyphens, upper case. */
export function slugCode(name: string): string {
  return name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .replace(/[^A-Za-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .toUpperCase();
}

/**
 * The 34 provincial-level units from 01/07/2025 (Nghị quyết 202/2025/QH15), copied from the shared
 * data file provinces.json. `formedFrom` lists the former provinces merged into each; empty = unchanged.
 */
export interface ProvinceData {
  name: string;
  kind: "city" | "province";
  formedFrom: string[];
}

export const PROVINCES_EFFECTIVE_FROM = "2025-07-01";

export const PROVINCES: readonly ProvinceData[] = [
  { name: "Hà Nội", kind: "city", formedFrom: [] },
  { name: "Huế", kind: "city", formedFrom: [] },
  { name: "Lai Châu", kind: "province", formedFrom: [] },
  { name: "Điện Biên", kind: "province", formedFrom: [] },
  { name: "Sơn La", kind: "province", formedFrom: [] },
  { name: "Lạng Sơn", kind: "province", formedFrom: [] },
  { name: "Quảng Ninh", kind: "province", formedFrom: [] },
  { name: "Thanh Hóa", kind: "province", formedFrom: [] },
  { name: "Nghệ An", kind: "province", formedFrom: [] },
  { name: "Hà Tĩnh", kind: "province", formedFrom: [] },
  { name: "Cao Bằng", kind: "province", formedFrom: [] },
  { name: "Tuyên Quang", kind: "province", formedFrom: ["Tuyên Quang", "Hà Giang"] },
  { name: "Lào Cai", kind: "province", formedFrom: ["Lào Cai", "Yên Bái"] },
  { name: "Thái Nguyên", kind: "province", formedFrom: ["Thái Nguyên", "Bắc Kạn"] },
  { name: "Phú Thọ", kind: "province", formedFrom: ["Phú Thọ", "Vĩnh Phúc", "Hòa Bình"] },
  { name: "Bắc Ninh", kind: "province", formedFrom: ["Bắc Ninh", "Bắc Giang"] },
  { name: "Hưng Yên", kind: "province", formedFrom: ["Hưng Yên", "Thái Bình"] },
  { name: "Hải Phòng", kind: "city", formedFrom: ["Hải Phòng", "Hải Dương"] },
  { name: "Ninh Bình", kind: "province", formedFrom: ["Ninh Bình", "Hà Nam", "Nam Định"] },
  { name: "Quảng Trị", kind: "province", formedFrom: ["Quảng Trị", "Quảng Bình"] },
  { name: "Đà Nẵng", kind: "city", formedFrom: ["Đà Nẵng", "Quảng Nam"] },
  { name: "Quảng Ngãi", kind: "province", formedFrom: ["Quảng Ngãi", "Kon Tum"] },
  { name: "Gia Lai", kind: "province", formedFrom: ["Gia Lai", "Bình Định"] },
  { name: "Khánh Hòa", kind: "province", formedFrom: ["Khánh Hòa", "Ninh Thuận"] },
  { name: "Lâm Đồng", kind: "province", formedFrom: ["Lâm Đồng", "Đắk Nông", "Bình Thuận"] },
  { name: "Đắk Lắk", kind: "province", formedFrom: ["Đắk Lắk", "Phú Yên"] },
  { name: "Thành phố Hồ Chí Minh", kind: "city", formedFrom: ["Thành phố Hồ Chí Minh", "Bình Dương", "Bà Rịa - Vũng Tàu"] },
  { name: "Đồng Nai", kind: "province", formedFrom: ["Đồng Nai", "Bình Phước"] },
  { name: "Tây Ninh", kind: "province", formedFrom: ["Tây Ninh", "Long An"] },
  { name: "Cần Thơ", kind: "city", formedFrom: ["Cần Thơ", "Sóc Trăng", "Hậu Giang"] },
  { name: "Vĩnh Long", kind: "province", formedFrom: ["Vĩnh Long", "Bến Tre", "Trà Vinh"] },
  { name: "Đồng Tháp", kind: "province", formedFrom: ["Đồng Tháp", "Tiền Giang"] },
  { name: "Cà Mau", kind: "province", formedFrom: ["Cà Mau", "Bạc Liêu"] },
  { name: "An Giang", kind: "province", formedFrom: ["An Giang", "Kiên Giang"] },
];
