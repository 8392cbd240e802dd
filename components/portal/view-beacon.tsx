"use client";

import { useEffect } from "react";

/**
 * Counts a view of a cached public page once it has loaded in a browser: the page is shared by
 * every visitor, so the count is a small POST of its own to `path` (lib/portal/view-beacon.ts).
 */
export function ViewBeacon({ path }: { path: string }) {
  useEffect(() => {
    if (!navigator.sendBeacon?.(path)) void fetch(path, { method: "POST", keepalive: true }).catch(() => undefined);
  }, [path]);
  return null;
}
