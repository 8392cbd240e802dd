import { and, eq, sql } from "drizzle-orm";
import { PORTAL_PAGE_KEYS, portalPages, users, type PortalPageKey } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { ConflictError, InvalidInputError } from "@/lib/auth/errors";
import { diff } from "@/lib/audit/mask";
import { recordAudit } from "@/lib/audit/service";
import type { Db } from "@/lib/db";
import { formatDateTime } from "@/lib/i18n/format";
import type { UpdatePortalPageInput } from "./page-schemas";
import { isBlankRichText, sanitizeRichText } from "./sanitize";
import { requireSiteManager } from "./site/access";

/**
 * The organisation's own pages (introduction, history and tradition, leadership, contact): one
 * row per key, none until first written. They speak for the whole organisation, so writing one
 * takes "portal.manage" held at the root unit, as the organisation's settings do.
 */

export function isPortalPageKey(value: string): value is PortalPageKey {
  return (PORTAL_PAGE_KEYS as readonly string[]).includes(value);
}

const columns = {
  key: portalPages.key,
  title: portalPages.title,
  bodyHtml: portalPages.bodyHtml,
  version: portalPages.version,
  updatedAt: portalPages.updatedAt,
  updatedByName: users.fullName,
};

async function readPage(db: Db, key: PortalPageKey) {
  const [row] = await db.select(columns).from(portalPages).leftJoin(users, eq(users.id, portalPages.updatedBy)).where(eq(portalPages.key, key));
  return row ?? null;
}

/**
 * Public: a page's title and body, null for a key never written (or not one of ours). The body is
 * sanitised again on the way out, so a row written some other way (a seed, SQL) is held to the same rule.
 */
export async function getPortalPage(db: Db, key: string) {
  if (!isPortalPageKey(key)) return null;
  const row = await readPage(db, key);
  return row ? { ...row, bodyHtml: sanitizeRichText(row.bodyHtml) } : null;
}

/** The four pages in menu order, each with its row or null while never written. */
export async function listPortalPages(db: Db) {
  const rows = await db.select(columns).from(portalPages).leftJoin(users, eq(users.id, portalPages.updatedBy));
  return PORTAL_PAGE_KEYS.map((key) => ({ key, page: rows.find((r) => r.key === key) ?? null }));
}

/**
 * Saves a page. The form names the version it was loaded from (0 for a page never written): if
 * someone saved in between, nothing is written and the refusal says who and when, with the
 * current version, so the writer may look first or deliberately save over it.
 */
export async function updatePortalPage(db: Db, actor: Actor | null, input: UpdatePortalPageInput) {
  // An editor of a province holds portal.manage for their own units, not for the organisation.
  const root = await requireSiteManager(db, actor);
  const bodyHtml = sanitizeRichText(input.bodyHtml);
  if (isBlankRichText(bodyHtml)) throw new InvalidInputError({ bodyHtml: "site.page.bodyRequired" });
  const values = { title: input.title, bodyHtml, updatedBy: actor!.userId, updatedAt: new Date() };

  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(portalPages).where(eq(portalPages.key, input.key)).for("update");
    const stale = async () => {
      const current = await readPage(tx, input.key);
      return new ConflictError("site.page.stale", {}, {
        values: { name: current?.updatedByName ?? "—", at: formatDateTime(current?.updatedAt) },
        details: { version: current?.version ?? 0 },
      });
    };
    if ((before?.version ?? 0) !== input.version) throw await stale();

    // The version is in the WHERE (and the key is the primary key for a first save), so two
    // saves from the same version cannot both succeed even without the lock above.
    const [saved] = before
      ? await tx
          .update(portalPages)
          .set({ ...values, version: sql`${portalPages.version} + 1` })
          .where(and(eq(portalPages.key, input.key), eq(portalPages.version, input.version)))
          .returning()
      : await tx.insert(portalPages).values({ key: input.key, ...values, version: 1 }).onConflictDoNothing().returning();
    if (!saved) throw await stale();

    const changes = diff((before ?? { title: null, bodyHtml: null }) as Record<string, unknown>, { title: saved.title, bodyHtml: saved.bodyHtml });
    // The audit log says that the body changed, not what it says (it can be long).
    if (changes.bodyHtml) changes.bodyHtml = { from: before ? "…" : null, to: "…" };
    await recordAudit(tx, actor, { action: "site.updatePage", entityType: "portal_page", entityId: input.key, unitId: root.id, changes: { ...changes, version: { from: before?.version ?? 0, to: saved.version } } });
    return saved;
  });
}
