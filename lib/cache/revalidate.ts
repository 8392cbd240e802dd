import { revalidateTag } from "next/cache";

/**
 * Public pages cache what they read (see lib/cache/public.ts) under tags; a change to a record
* expires its tags at once: an unpublished document must not linger. Outside a Next.js request (tests, scripts) there is no cache to expire.
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
