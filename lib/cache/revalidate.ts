import { createHmac, timingSafeEqual } from "node:crypto";
import { revalidateTag } from "next/cache";
import { authSecret } from "@/lib/auth/secret";
import { env } from "@/lib/env";

/**
 * Public pages cache what they read (see lib/cache/public.ts, publicTags) under tags; a change to
 * a record expires its tags at once, and with them every cached page that read it: an unpublished
 * document must not linger. Call it after the change is committed (from the action or route
 * handler), or a visit in between could cache the old record again. Outside a Next.js request
 * (tests, scripts) there is no cache to expire.
 */
export function revalidatePublic(tags: string[]) {
  for (const tag of tags) {
    try {
      revalidateTag(tag, { expire: 0 });
    } catch {
      // No incremental cache here (a test or a script): nothing is cached, nothing to expire.
    }
  }
}

/** How long a signed request to expire tags stays good: long enough for a slow hop, too short to replay later. */
const SIGNED_FOR_MS = 5 * 60_000;

function signature(body: string): string {
  return createHmac("sha256", authSecret()).update(`revalidate\n${body}`).digest("base64url");
}

/**
 * The same, from outside any request: the job queue publishing a scheduled article. Next.js
 * expires tags only within a request, so the job asks the app itself (app/api/noi-bo/lam-moi)
 * with a request signed by the server's secret. If no server answers (a script, a test) there is
 * no cache to expire either, and the pages' own time limit still applies.
 */
export async function revalidatePublicFromJob(tags: string[]): Promise<boolean> {
  const body = JSON.stringify({ tags, at: Date.now() });
  try {
    const response = await fetch(new URL("/api/noi-bo/lam-moi", env().APP_URL), {
      method: "POST",
      headers: { "content-type": "application/json", "x-ket-noi-signature": signature(body) },
      body,
      signal: AbortSignal.timeout(10_000),
    });
    return response.ok;
  } catch {
    return false;
  }
}

/** The tags of a signed request, or null when its signature, age or shape is wrong. */
export function verifiedRevalidation(body: string, signatureHeader: string | null, now = Date.now()): string[] | null {
  if (!signatureHeader) return null;
  const expected = Buffer.from(signature(body));
  const given = Buffer.from(signatureHeader);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const parsed = JSON.parse(body) as { tags?: unknown; at?: unknown };
    if (typeof parsed.at !== "number" || Math.abs(now - parsed.at) > SIGNED_FOR_MS) return null;
    if (!Array.isArray(parsed.tags) || !parsed.tags.every((t) => typeof t === "string" && t.length <= 200)) return null;
    return parsed.tags as string[];
  } catch {
    return null;
  }
}
