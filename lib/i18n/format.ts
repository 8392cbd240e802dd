export const TIME_ZONE = "Asia/Ho_Chi_Minh";

const dateFormat = new Intl.DateTimeFormat("vi-VN", {
  timeZone: TIME_ZONE,
  day: "2-digit",
  month: "2-digit",
  year: "numeric",
});
const timeFormat = new Intl.DateTimeFormat("vi-VN", {
  timeZone: TIME_ZONE,
  hour: "2-digit",
  minute: "2-digit",
  hour12: false,
});
const numberFormat = new Intl.NumberFormat("vi-VN");

function parts(date: Date) {
  const p = Object.fromEntries(dateFormat.formatToParts(date).map((x) => [x.type, x.value]));
  return { day: p.day, month: p.month, year: p.year };
}

/** dd/MM/yyyy in Vietnam's time zone, whatever the server's zone. */
export function formatDate(value: Date | string | null | undefined): string {
  if (!value) return "";
  const date = typeof value === "string" ? parseDateOnly(value) : value;
  const { day, month, year } = parts(date);
  return `${day}/${month}/${year}`;
}

/** A birth date as known: dd/MM/yyyy, or the year alone when only the year was recorded. */
export function formatBirthDate(value: string | null | undefined, yearOnly: boolean | null | undefined): string {
  if (!value) return "";
  return yearOnly ? value.slice(0, 4) : formatDate(value);
}

/** dd/MM/yyyy HH:mm in Vietnam's time zone. */
export function formatDateTime(value: Date | string | null | undefined): string {
  if (!value) return "";
  const date = typeof value === "string" ? new Date(value) : value;
  return `${formatDate(date)} ${timeFormat.format(date)}`;
}

export function formatNumber(value: number): string {
  return numberFormat.format(value);
}

/** A calendar date (yyyy-MM-dd from the database) read at noon UTC so no zone shifts its day. */
function parseDateOnly(value: string): Date {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00Z`) : new Date(value);
}

/** Today's date in Vietnam as yyyy-MM-dd. */
export function todayInVietnam(now: Date = new Date()): string {
  const { day, month, year } = parts(now);
  return `${year}-${month}-${day}`;
}

/** A calendar day (yyyy-MM-dd) `days` later (or earlier, when negative): no time zone involved. */
export function addDays(day: string, days: number): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

const collator = new Intl.Collator("vi");

/** Vietnamese names sort by given name, then middle names, then family name, each with its tones. */
export function compareVietnameseNames(a: string, b: string): number {
  const key = (name: string) => {
    const words = name.trim().split(/\s+/);
    return [words.at(-1) ?? "", words.slice(1, -1).join(" "), words[0] ?? ""];
  };
  const ka = key(a);
  const kb = key(b);
  for (let i = 0; i < 3; i++) {
    const c = collator.compare(ka[i]!, kb[i]!);
    if (c !== 0) return c;
  }
  return 0;
}

/** Folds Vietnamese diacritics for matching: "Đường" → "duong". */
export function foldVietnamese(value: string): string {
  return value
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .toLowerCase();
}
