import { eq, sql } from "drizzle-orm";
import { orgSettings, units } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { ConflictError, ForbiddenError } from "@/lib/auth/errors";
import { pathInScope, requirePermission } from "@/lib/auth/guard";
import { diff } from "@/lib/audit/mask";
import { recordAudit } from "@/lib/audit/service";
import type { Db } from "@/lib/db";
import type { UpdateSettingsInput } from "./schemas";

/** Public: the organisation's name, contact and words; null before the first setup. */
export async function getSettings(db: Db) {
  const [row] = await db.select().from(orgSettings).where(eq(orgSettings.id, 1));
  return row ?? null;
}

export async function getRootUnit(db: Db) {
  const [root] = await db.select().from(units).where(sql`${units.parentId} is null and ${units.activeTo} is null`).limit(1);
  return root ?? null;
}

/** Organisation-wide settings belong to administrators of the root unit only. */
export async function updateSettings(db: Db, actor: Actor | null, input: UpdateSettingsInput) {
  const scope = requirePermission(actor, "org.settings.manage");
  return db.transaction(async (tx) => {
    const root = await getRootUnit(tx);
    if (!root || !pathInScope(root.path, scope)) throw new ForbiddenError();
    const [deepest] = await tx
      .select({ level: sql<number>`coalesce(max(${units.level}), 0)::int` })
      .from(units)
      .where(sql`${units.activeTo} is null`);
    if ((deepest?.level ?? 0) >= input.levelNames.length) {
      throw new ConflictError("settings.levelInUse", { levelNames: "settings.levelInUse" });
    }
    const before = await getSettings(tx);
    const [after] = await tx
      .insert(orgSettings)
      .values({ id: 1, ...input, updatedAt: new Date() })
      .onConflictDoUpdate({ target: orgSettings.id, set: { ...input, updatedAt: new Date() } })
      .returning();
    await recordAudit(tx, actor, {
      action: "org.updateSettings",
      entityType: "org_settings",
      entityId: "1",
      unitId: root.id,
      changes: before ? diff(before, input) : {},
    });
    return after!;
  });
}
