"use client";

import { useEffect } from "react";

/**
 * Counts a view of a public document once its page has loaded in a browser: the page is cached
 * and shared, so the count is a small POST of its own (app/api/van-ban/[id]/luot-xem).
 */
export function ViewBeacon({ documentId }: { documentId: string }) {
  useEffect(() => {
    const url = `/api/van-ban/${documentId}/luot-xem`;
    if (!navigator.sendBeacon?.(url)) void fetch(url, { method: "POST", keepalive: true }).catch(() => undefined);
  }, [documentId]);
  return null;
}
