import { formatDate, TIME_ZONE } from "@/lib/i18n/format";

/*
 * The draft of a biên bản (meeting minutes) in the form Vietnamese offices use: the bodies above,
 * the national title and motto, "BIÊN BẢN" and the meeting's name, time and place, chair and
 * secretary, who attended, a section per agenda item for what was said and concluded, the closing
 * time and the signatures. These are the words of the document itself (like the type names in
 * lib/documents/types.ts), not of the interface, so they live here rather than in the catalogue.
 * Plain text, one paragraph per line: the writer edits it in a textarea.
 */

export interface MinutesPerson {
  name: string;
  /** Who came in their place (a deputy reply). */
  deputyName?: string;
  /** Their note when they declined. */
  reason?: string;
}

export type MinutesPlace = { kind: "physical"; name: string; location: string } | { kind: "online"; name: string; url: string } | null;

export interface MinutesTemplateData {
  /** The body above the unit (its parent, or the organisation for the top unit); "" for none. */
  superiorName: string;
  unitName: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
  place: MinutesPlace;
  chairName: string;
  secretaryName: string;
  present: MinutesPerson[];
  absent: MinutesPerson[];
  /** Invited, with no attendance marked. */
  unmarked: MinutesPerson[];
  agenda: { title: string; presenter: string }[];
}

const clock = new Intl.DateTimeFormat("vi-VN", { timeZone: TIME_ZONE, hour: "2-digit", minute: "2-digit", hour12: false });

/** "09 giờ 00 phút" in Vietnam's time zone. */
export function formatClock(date: Date): string {
  const parts = Object.fromEntries(clock.formatToParts(date).map((p) => [p.type, p.value]));
  return `${parts.hour} giờ ${parts.minute} phút`;
}

const upper = (text: string) => text.toLocaleUpperCase("vi");

function person(p: MinutesPerson): string {
  if (p.deputyName) return `${p.name} (cử ${p.deputyName} dự thay)`;
  if (p.reason) return `${p.name} (lý do: ${p.reason})`;
  return p.name;
}

function people(label: string, list: MinutesPerson[]): string[] {
  if (list.length === 0) return [];
  return [`- ${label}: ${list.length} người`, ...list.map((p) => `  + ${person(p)}`)];
}

function placeLine(place: MinutesPlace): string {
  if (!place) return "Địa điểm: ……………………";
  if (place.kind === "online") return `Hình thức: họp trực tuyến, phòng họp ${place.name}: ${place.url}`;
  return `Địa điểm: ${place.name}${place.location ? `, ${place.location}` : ""}`;
}

/** The draft text of the minutes, filled from the meeting. */
export function renderMinutesTemplate(data: MinutesTemplateData): string {
  const day = formatDate(data.startsAt);
  const agenda = data.agenda.length > 0 ? data.agenda : [{ title: data.title, presenter: "" }];
  const lines: string[] = [
    ...(data.superiorName ? [upper(data.superiorName)] : []),
    upper(data.unitName),
    "",
    "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "",
    "BIÊN BẢN",
    upper(data.title),
    "",
    `Thời gian: bắt đầu lúc ${formatClock(data.startsAt)}, ngày ${day}.`,
    placeLine(data.place),
    `Chủ trì: ${data.chairName || "……………………"}`,
    `Thư ký: ${data.secretaryName}`,
    "",
    "Thành phần tham dự:",
    ...people("Có mặt", data.present),
    ...people("Vắng mặt", data.absent),
    ...people("Chưa điểm danh", data.unmarked),
    ...(data.present.length + data.absent.length + data.unmarked.length === 0 ? ["- ……………………"] : []),
    "",
    "Nội dung cuộc họp:",
  ];
  agenda.forEach((item, i) => {
    lines.push(
      "",
      `${i + 1}. ${item.title}${item.presenter ? ` (trình bày: ${item.presenter})` : ""}`,
      "Nội dung thảo luận: ……………………",
      "Kết luận: ……………………",
    );
  });
  lines.push(
    "",
    `Cuộc họp kết thúc lúc ${formatClock(data.endsAt)}, ngày ${formatDate(data.endsAt)}.`,
    "Biên bản đã được đọc lại cho những người dự họp cùng nghe và thống nhất.",
    "",
    "THƯ KÝ",
    "(Ký, ghi rõ họ tên)",
    data.secretaryName,
    "",
    "CHỦ TRÌ",
    "(Ký, ghi rõ họ tên)",
    data.chairName || "",
  );
  return lines.join("\n");
}
