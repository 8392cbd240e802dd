import { revalidateTag } from "next/cache";

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
