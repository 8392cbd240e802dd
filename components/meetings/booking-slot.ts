import { formatDateTime } from "@/lib/i18n/format";

/** "dd/MM/yyyy HH:mm–HH:mm" of a slot, in Vietnam's time (for the server's pages and the form alike). */
export function slotLabel(startsAt: string | Date, endsAt: string | Date): string {
  const from = formatDateTime(startsAt);
  const to = formatDateTime(endsAt);
  return from.slice(0, 10) === to.slice(0, 10) ? `${from}–${to.slice(11)}` : `${from} – ${to}`;
}
