import { asc, isNull } from "drizzle-orm";
import { units } from "@/db/schema";
import type { Db } from "@/lib/db";

/**
 * Every active unit, for choosing where a member transfers to. Unit names and levels are public
 * (the portal lists them), so no scope applies; what the receiving unit sees is decided there.
 */
export async function listAllActiveUnits(db: Db) {
  return db
    .select({ id: units.id, name: units.name, level: units.level, path: units.path })
    .from(units)
    .where(isNull(units.activeTo))
    .orderBy(asc(units.path))
    .limit(5000);
}
