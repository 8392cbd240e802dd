import type { AgendaItemInput } from "./schemas";

/*
 * The agenda as the forms show it: one item per line, "Nội dung | người trình bày | số phút".
 * A plain module, so the server can fill an edit form with it and the client read it back.
 */

export function parseAgenda(text: string): AgendaItemInput[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const [title = "", presenter = "", minutes = ""] = line.split("|").map((s) => s.trim());
      const n = Number(minutes);
      return { title, presenter, durationMinutes: minutes && Number.isInteger(n) && n > 0 ? n : null };
    });
}

/** The inverse of parseAgenda, empty trailing parts left out ("Báo cáo quý | Văn phòng"). */
export function agendaToText(items: { title: string; presenter: string; durationMinutes: number | null }[]): string {
  return items.map((a) => [a.title, a.presenter, a.durationMinutes ? String(a.durationMinutes) : ""].join(" | ").replace(/( \| )+$/, "")).join("\n");
}
