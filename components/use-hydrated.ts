"use client";

import { useSyncExternalStore } from "react";

const noSubscription = () => () => {};

/**
 * False while the server-rendered page is not yet interactive. Upload buttons stay disabled until
 * then: a plain form post cannot send files to the JSON upload routes.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(noSubscription, () => true, () => false);
}
