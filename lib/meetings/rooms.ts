import { env } from "@/lib/env";

/** An online room's link: the Jitsi server's address and the room's name; nothing is asked of the server. */
export function onlineRoomUrl(slug: string): string {
  return `${env().JITSI_BASE_URL.replace(/\/+$/, "")}/${encodeURIComponent(slug)}`;
}

/** A room name Jitsi accepts and nobody guesses: the unit's code, the room's words and a random tail. */
export function newOnlineSlug(unitCode: string, name: string): string {
  const words = `${unitCode}-${name}`
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .replace(/[^A-Za-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 48);
  const tail = crypto.randomUUID().replace(/-/g, "").slice(0, 10);
  return `KetNoi-${words}-${tail}`;
}
