import { cache } from "react";
import { cookies, headers } from "next/headers";
import { getServerSession } from "next-auth";
import { getDb } from "@/lib/db";
import type { Actor } from "./actor";
import { loadActor } from "./load-actor";
import { authOptions } from "./options";
import { clientIp } from "./ip";

export const ACTIVE_UNIT_COOKIE = "kn_unit";

/** The acting user for this request, or null. Re-read from the database once per request. */
export const getActor = cache(async (): Promise<Actor | null> => {
  const session = (await getServerSession(authOptions())) as { userId?: string; sv?: number } | null;
  if (!session?.userId || typeof session.sv !== "number") return null;
  const [cookieStore, headerStore] = await Promise.all([cookies(), headers()]);
  return loadActor(
    await getDb(),
    { userId: session.userId, sessionVersion: session.sv },
    { activeUnitId: cookieStore.get(ACTIVE_UNIT_COOKIE)?.value ?? null, ip: clientIp(headerStore) },
  );
});
