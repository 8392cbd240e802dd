import { asc, eq, sql } from "drizzle-orm";
import { partnerLinks, type PartnerLink } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { NotFoundError } from "@/lib/auth/errors";
import { diff } from "@/lib/audit/mask";
import { recordAudit } from "@/lib/audit/service";
import type { Db } from "@/lib/db";
import { lockList, reordered, requireSiteManager } from "./access";
import { PARTNER_LINK_GROUPS, type CreateLinkInput, type PartnerLinkGroupName, type UpdateLinkInput } from "./schemas";

/** Links to the websites of the Party, the State, the Front and other units, in groups, each group ordered. */

/** Links are few and rarely edited: one lock for all their order keeps every change's lock order the same. */
const LINKS = "partner_links";
export const linkOrder = [asc(partnerLinks.position), asc(partnerLinks.createdAt), asc(partnerLinks.id)];

/** Rows grouped in the groups' own order (Đảng, Nhà nước, …); empty groups left out. */
export function groupLinks<T extends { group: PartnerLinkGroupName }>(rows: T[]): { group: PartnerLinkGroupName; links: T[] }[] {
  return PARTNER_LINK_GROUPS.map((group) => ({ group, links: rows.filter((r) => r.group === group) })).filter((g) => g.links.length > 0);
}

async function findLink(tx: Db, id: string) {
  const [row] = await tx.select().from(partnerLinks).where(eq(partnerLinks.id, id)).for("update");
  if (!row) throw new NotFoundError("site.link.notFound");
  return row;
}

async function nextPosition(tx: Db, group: PartnerLinkGroupName) {
  const [row] = await tx.select({ next: sql<number>`coalesce(max(${partnerLinks.position}) + 1, 0)::int` }).from(partnerLinks).where(eq(partnerLinks.group, group));
  return row?.next ?? 0;
}

/** Every link for the editors, hidden ones included. */
export async function listPartnerLinks(db: Db, actor: Actor | null) {
  await requireSiteManager(db, actor);
  return groupLinks(await db.select().from(partnerLinks).orderBy(...linkOrder));
}

export async function createPartnerLink(db: Db, actor: Actor | null, input: CreateLinkInput) {
  const root = await requireSiteManager(db, actor);
  return db.transaction(async (tx) => {
    await lockList(tx, LINKS);
    const [created] = await tx.insert(partnerLinks).values({ ...input, position: await nextPosition(tx, input.group) }).returning();
    await recordAudit(tx, actor, {
      action: "site.createLink",
      entityType: "partner_link",
      entityId: created!.id,
      unitId: root.id,
      changes: { group: { to: created!.group }, name: { to: created!.name }, url: { to: created!.url } },
    });
    return created!;
  });
}

/** Saves a link; moved to another group, it goes to the end of that group. */
export async function updatePartnerLink(db: Db, actor: Actor | null, input: UpdateLinkInput) {
  const root = await requireSiteManager(db, actor);
  return db.transaction(async (tx) => {
    await lockList(tx, LINKS);
    const link = await findLink(tx, input.id);
    const values: Partial<PartnerLink> = { group: input.group, name: input.name, url: input.url };
    if (input.group !== link.group) values.position = await nextPosition(tx, input.group);
    const changes = diff(link, values);
    if (Object.keys(changes).length === 0) return link;
    const [updated] = await tx.update(partnerLinks).set(values).where(eq(partnerLinks.id, link.id)).returning();
    await recordAudit(tx, actor, { action: "site.updateLink", entityType: "partner_link", entityId: link.id, unitId: root.id, changes });
    return updated!;
  });
}

/** One place up or down within its group, the group's rows locked and renumbered in one transaction. */
export async function reorderPartnerLink(db: Db, actor: Actor | null, input: { id: string; direction: "up" | "down" }) {
  const root = await requireSiteManager(db, actor);
  return db.transaction(async (tx) => {
    await lockList(tx, LINKS);
    const link = await findLink(tx, input.id);
    const siblings = await tx
      .select({ id: partnerLinks.id, position: partnerLinks.position })
      .from(partnerLinks)
      .where(eq(partnerLinks.group, link.group))
      .orderBy(...linkOrder)
      .for("update");
    const moves = reordered(siblings, link.id, input.direction);
    if (!moves) return { moved: false };
    for (const move of moves) await tx.update(partnerLinks).set({ position: move.to }).where(eq(partnerLinks.id, move.id));
    const own = moves.find((m) => m.id === link.id);
    await recordAudit(tx, actor, {
      action: "site.reorderLink",
      entityType: "partner_link",
      entityId: link.id,
      unitId: root.id,
      changes: { position: { from: own?.from ?? link.position, to: own?.to ?? link.position } },
    });
    return { moved: true };
  });
}

export async function setPartnerLinkActive(db: Db, actor: Actor | null, input: { id: string; active: boolean }) {
  const root = await requireSiteManager(db, actor);
  return db.transaction(async (tx) => {
    const link = await findLink(tx, input.id);
    if (link.active === input.active) return link;
    const [updated] = await tx.update(partnerLinks).set({ active: input.active }).where(eq(partnerLinks.id, link.id)).returning();
    await recordAudit(tx, actor, {
      action: input.active ? "site.showLink" : "site.hideLink",
      entityType: "partner_link",
      entityId: link.id,
      unitId: root.id,
      changes: { active: { from: link.active, to: input.active } },
    });
    return updated!;
  });
}

export async function deletePartnerLink(db: Db, actor: Actor | null, input: { id: string }) {
  const root = await requireSiteManager(db, actor);
  return db.transaction(async (tx) => {
    const link = await findLink(tx, input.id);
    await tx.delete(partnerLinks).where(eq(partnerLinks.id, link.id));
    await recordAudit(tx, actor, {
      action: "site.deleteLink",
      entityType: "partner_link",
      entityId: link.id,
      unitId: root.id,
      changes: { name: { from: link.name }, url: { from: link.url } },
    });
    return { id: link.id };
  });
}
