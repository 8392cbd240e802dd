/**
 * The client's address as the nearest proxy saw it: the last X-Forwarded-For entry, which the
 * client cannot forge (Next.js appends the socket address itself when it is the edge).
 */
export function clientIp(headers: Headers): string | null {
  const forwarded = headers.get("x-forwarded-for");
  if (forwarded) {
    const last = forwarded.split(",").map((s) => s.trim()).filter(Boolean).at(-1);
    if (last) return last.replace(/^::ffff:/, "");
  }
  return headers.get("x-real-ip");
}
