import { createHmac } from "node:crypto";
import { clientIp } from "@/lib/auth/ip";
import { authSecret } from "@/lib/auth/secret";
import { sameOrigin } from "@/lib/publications/http";

/**
 * Views of the portal's cached pages (documents, articles). The page itself is cached and shared,
 * so it writes nothing: the browser posts a beacon (components/portal/view-beacon.tsx) once the
 * page has loaded. A visitor is counted once per page per window, whatever they reload; no cookie
 * is needed.
 */

export const VIEW_WINDOW_MINUTES = 30;

let secret: string | undefined;

/**
 * Who is visiting, as a keyed hash of their address and browser: enough to tell visitors apart
 * for a while, and nothing that gives the address back (the key never leaves the server).
 */
export function visitorKey(ip: string | null, userAgent: string | null): string {
  secret ??= authSecret();
  return createHmac("sha256", secret)
    .update(`${ip ?? "?"}\n${userAgent ?? ""}`)
    .digest("base64url")
    .slice(0, 22);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The beacon's answer: 204 whether or not the view counted, so it tells nobody whether a record
 * exists or is public; 403 when another site's page posts it (browsers say where a request comes
 * from with Sec-Fetch-Site, and with Origin on a POST). `count` counts a view of the record with
 * that id by that visitor, if it is public and the visitor was not counted within the window.
 */
export async function answerViewBeacon(request: Request, id: string, count: (id: string, visitor: string) => Promise<unknown>): Promise<Response> {
  const site = request.headers.get("sec-fetch-site");
  if ((site !== null && site !== "same-origin") || !sameOrigin(request)) return new Response(null, { status: 403 });
  if (UUID.test(id)) await count(id.toLowerCase(), visitorKey(clientIp(request.headers), request.headers.get("user-agent")));
  return new Response(null, { status: 204, headers: { "Cache-Control": "no-store" } });
}
