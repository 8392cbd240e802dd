import { sql } from "drizzle-orm";
import type { Actor } from "@/lib/auth/actor";
import { ForbiddenError } from "@/lib/auth/errors";
import { pathInScope, requirePermission } from "@/lib/auth/guard";
import type { Db } from "@/lib/db";
import { getRootUnit } from "@/lib/org/settings";

/**
 * The portal's categories, banners and partner links are the whole organisation's: changing them
 * takes "portal.manage" held at the root unit. An editor of a province holds the permission for
 * their own news, not for the site; they are refused before anything is read or written.
 * Returns the root unit, which the audit entries are filed under.
 */
export async function requireSiteManager(db: Db, actor: Actor | null) {
  const scope = requirePermission(actor, "portal.manage");
  const root = await getRootUnit(db);
  if (!root || !pathInScope(root.path, scope)) throw new ForbiddenError();
  return root;
}

/**
 * Serialises the changes to one ordered list (the category tree, a group of links) for the rest of
 * the transaction: two editors moving items at once each read the order the other left, and no
 * two transactions wait on each other's row locks in opposite orders.
 */
export async function lockList(tx: Db, key: string) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`portal-site:${key}`}))`);
}

/**
 * The list with the item swapped with its neighbour above or below, positions renumbered 0…n-1
 * (which also straightens ties and gaps left by deletions); null when it is already at that end.
 */
export function reordered<T extends { id: string; position: number }>(rows: T[], id: string, direction: "up" | "down"): { id: string; from: number; to: number }[] | null {
  const order = [...rows];
  const from = order.findIndex((r) => r.id === id);
  const to = direction === "up" ? from - 1 : from + 1;
  if (from < 0 || to < 0 || to >= order.length) return null;
  [order[from], order[to]] = [order[to]!, order[from]!];
  return order.flatMap((row, position) => (row.position === position ? [] : [{ id: row.id, from: row.position, to: position }]));
}
