import { foldVietnamese } from "@/lib/i18n/format";

/**
 * The two ways of writing "Số, ký hiệu": Decree 30/2020/NĐ-CP (`15/QĐ-BNV`, state bodies and trade
 * unions) and Guidance 36-HD/VPTW (`127-QĐ/TW`, the Party, the Youth Union, most associations).
 * An organisation picks one; incoming documents arrive in both.
 */
export type DocumentStyle = "ND30" | "HD36";

export const DOCUMENT_STYLES = ["ND30", "HD36"] as const satisfies readonly DocumentStyle[];

export interface DocumentType {
  /** The abbreviation in its written case: "QĐ", "QyĐ", "CTr". */
  code: string;
  /** The type's name as printed on documents. */
  name: string;
  /** The styles whose guidance lists this abbreviation. */
  styles: readonly DocumentStyle[];
}

const BOTH = ["ND30", "HD36"] as const;
const ND30 = ["ND30"] as const;
const HD36 = ["HD36"] as const;

/**
 * NĐ30 appendix III, in its order, then what Party style adds. The names are the legal terms,
 * printed as they are on the documents themselves, so they live here rather than in the UI catalogue.
 * Types both guidances list are marked with both styles.
 */
export const DOCUMENT_TYPES = [
  { code: "NQ", name: "Nghị quyết", styles: BOTH },
  { code: "QĐ", name: "Quyết định", styles: BOTH },
  { code: "CT", name: "Chỉ thị", styles: BOTH },
  { code: "QC", name: "Quy chế", styles: BOTH },
  { code: "QyĐ", name: "Quy định", styles: ND30 },
  { code: "TC", name: "Thông cáo", styles: BOTH },
  { code: "TB", name: "Thông báo", styles: BOTH },
  { code: "HD", name: "Hướng dẫn", styles: BOTH },
  { code: "CTr", name: "Chương trình", styles: BOTH },
  { code: "KH", name: "Kế hoạch", styles: BOTH },
  { code: "PA", name: "Phương án", styles: ND30 },
  { code: "ĐA", name: "Đề án", styles: BOTH },
  { code: "DA", name: "Dự án", styles: ND30 },
  { code: "BC", name: "Báo cáo", styles: BOTH },
  { code: "BB", name: "Biên bản", styles: BOTH },
  { code: "TTr", name: "Tờ trình", styles: BOTH },
  { code: "HĐ", name: "Hợp đồng", styles: ND30 },
  { code: "CĐ", name: "Công điện", styles: ND30 },
  { code: "BGN", name: "Bản ghi nhớ", styles: ND30 },
  { code: "BTT", name: "Bản thỏa thuận", styles: ND30 },
  { code: "GUQ", name: "Giấy ủy quyền", styles: ND30 },
  { code: "GM", name: "Giấy mời", styles: BOTH },
  { code: "GGT", name: "Giấy giới thiệu", styles: BOTH },
  { code: "GNP", name: "Giấy nghỉ phép", styles: BOTH },
  { code: "PG", name: "Phiếu gửi", styles: BOTH },
  { code: "PC", name: "Phiếu chuyển", styles: BOTH },
  { code: "PB", name: "Phiếu báo", styles: BOTH },
  { code: "SY", name: "Bản sao y", styles: ND30 },
  { code: "TrS", name: "Bản trích sao", styles: ND30 },
  { code: "SL", name: "Bản sao lục", styles: ND30 },
  // Party style: a letter has a type of its own (12-CV/TU); Kết luận and "QĐi" for a Quy định are
  // common in Party documents (21-KL/TW, 08-QĐi/TW).
  { code: "CV", name: "Công văn", styles: HD36 },
  { code: "KL", name: "Kết luận", styles: HD36 },
  { code: "QĐi", name: "Quy định", styles: HD36 },
  { code: "BS", name: "Bổ sung", styles: HD36 },
] as const satisfies readonly DocumentType[];

export type DocumentTypeCode = (typeof DOCUMENT_TYPES)[number]["code"];

const byCode = new Map<string, DocumentType>(DOCUMENT_TYPES.map((type) => [type.code.toLocaleLowerCase("vi"), type]));

const byFolded = new Map<string, DocumentType[]>();
for (const type of DOCUMENT_TYPES) {
  const key = foldVietnamese(type.code);
  byFolded.set(key, [...(byFolded.get(key) ?? []), type]);
}

/**
 * The type written with this abbreviation, or null. Case never matters ("qyđ" is QyĐ). Diacritics
 * are only a fallback for text typed without Vietnamese input ("QD" is QĐ): ĐA/DA (đề án, dự án)
 * and HĐ/HD (hợp đồng, hướng dẫn) are different types that fold alike, so an exact spelling wins
 * and a folded spelling that fits two types matches none. QĐ and QyĐ never meet: the y stays.
 */
export function findDocumentType(abbreviation: string): DocumentType | null {
  const text = abbreviation.normalize("NFC").trim().replace(/Ð/g, "Đ").replace(/ð/g, "đ");
  if (!text) return null;
  const exact = byCode.get(text.toLocaleLowerCase("vi"));
  if (exact) return exact;
  const folded = byFolded.get(foldVietnamese(text));
  return folded?.length === 1 ? folded[0]! : null;
}

// ---------------------------------------------------------------------------------------------
// urgency and confidentiality marks

export type UrgencyLevel = "urgent" | "very_urgent" | "flash";

/** Độ khẩn, from the least to the most pressing. Labels are the marks stamped on documents. */
export const URGENCY_LEVELS = [
  { key: "urgent", label: "Khẩn" },
  { key: "very_urgent", label: "Thượng khẩn" },
  { key: "flash", label: "Hỏa tốc" },
] as const satisfies readonly { key: UrgencyLevel; label: string }[];

export type ConfidentialityLevel = "secret" | "top_secret" | "absolute_secret";

/** Độ mật, from the lowest to the highest. Any of them makes a document a state secret. */
export const CONFIDENTIALITY_LEVELS = [
  { key: "secret", label: "Mật" },
  { key: "top_secret", label: "Tối mật" },
  { key: "absolute_secret", label: "Tuyệt mật" },
] as const satisfies readonly { key: ConfidentialityLevel; label: string }[];

export const URGENCY_KEYS = URGENCY_LEVELS.map((level) => level.key);
export const CONFIDENTIALITY_KEYS = CONFIDENTIALITY_LEVELS.map((level) => level.key);

export function urgencyLabel(level: UrgencyLevel): string {
  return URGENCY_LEVELS.find((l) => l.key === level)!.label;
}

export function confidentialityLabel(level: ConfidentialityLevel): string {
  return CONFIDENTIALITY_LEVELS.find((l) => l.key === level)!.label;
}

/** The values that mean "no confidentiality mark" (the schema stores "normal"). */
const NOT_MARKED = new Set(["", "normal", "none"]);

/**
 * Whether a document with this mark is a state secret, which this system may hold only as a
 * register entry: no file, no content, never public (Law 29/2018/QH14 art. 5(5)). Fails closed:
 * anything but "no mark" (null, "", "normal", "none") counts as secret, so a new or misspelt
 * level can never let a secret file through.
 */
export function isConfidential(level: string | null | undefined): boolean {
  if (level === null || level === undefined) return false;
  return !NOT_MARKED.has(level.trim());
}
