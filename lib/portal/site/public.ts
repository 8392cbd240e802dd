import { and, asc, eq } from "drizzle-orm";
import { articleCategories, partnerLinks } from "@/db/schema";
import type { Db } from "@/lib/db";
import { t, type MessageKey } from "@/lib/i18n";
import { buildTree } from "./categories";
import { groupLinks, linkOrder } from "./links";
import type { PartnerLinkGroupName } from "./schemas";

/**
 * What the portal shows of the site furniture: only active categories (and sub-categories of an
 * active parent) and active links. No permission is asked; nothing hidden is read. The current
 * banner is `currentBanner` in ./banners.
 */

export { currentBanner, type CurrentBanner } from "./banners";

export interface PublicCategoryLeaf {
  id: string;
  name: string;
  slug: string;
  description: string;
}
export interface PublicCategory extends PublicCategoryLeaf {
  children: PublicCategoryLeaf[];
}

const fields = { id: articleCategories.id, parentId: articleCategories.parentId, name: articleCategories.name, slug: articleCategories.slug, description: articleCategories.description };
const order = [asc(articleCategories.position), asc(articleCategories.createdAt), asc(articleCategories.id)];
const leaf = ({ id, name, slug, description }: PublicCategoryLeaf): PublicCategoryLeaf => ({ id, name, slug, description });

/** The menu of categories: active ones in their order, each with its active sub-categories; a hidden parent hides its children. */
export async function publicCategoryTree(db: Db): Promise<PublicCategory[]> {
  const rows = await db.select(fields).from(articleCategories).where(eq(articleCategories.active, true)).orderBy(...order);
  return buildTree(rows).map((node) => ({ ...leaf(node), children: node.children.map(leaf) }));
}

/** A category page's category by its address, with its parent (for the breadcrumb) and sub-categories; null when hidden or unknown. */
export async function findPublicCategoryBySlug(db: Db, slug: string): Promise<(PublicCategory & { parent: PublicCategoryLeaf | null }) | null> {
  const [category] = await db.select(fields).from(articleCategories).where(and(eq(articleCategories.slug, slug), eq(articleCategories.active, true)));
  if (!category) return null;
  let parent: PublicCategoryLeaf | null = null;
  if (category.parentId) {
    const [row] = await db.select(fields).from(articleCategories).where(and(eq(articleCategories.id, category.parentId), eq(articleCategories.active, true)));
    if (!row) return null;
    parent = leaf(row);
  }
  const children = await db.select(fields).from(articleCategories).where(and(eq(articleCategories.parentId, category.id), eq(articleCategories.active, true))).orderBy(...order);
  return { ...leaf(category), parent, children: children.map(leaf) };
}

/**
 * The categories a new article may be filed under: active ones whose parent is active too, in
 * tree order, sub-categories with depth 1. `keep` adds an article's current category even if it
 * has been hidden since, so editing that article does not silently change it.
 */
export async function categoryChoices(db: Db, keep?: string | null): Promise<{ id: string; name: string; depth: 0 | 1; active: boolean }[]> {
  const rows = await db.select({ ...fields, active: articleCategories.active }).from(articleCategories).orderBy(...order);
  const offered = (r: (typeof rows)[number], parentActive: boolean) => (r.active && parentActive) || r.id === keep;
  return buildTree(rows).flatMap((node) => [
    ...(offered(node, true) ? [{ id: node.id, name: node.name, depth: 0 as const, active: node.active }] : []),
    ...node.children.filter((c) => offered(c, node.active)).map((c) => ({ id: c.id, name: c.name, depth: 1 as const, active: c.active })),
  ]);
}

/** The Vietnamese name of a link group: "Đảng", "Nhà nước", "Mặt trận và các đoàn thể", "Các đơn vị", "Khác". */
export const linkGroupLabel = (group: PartnerLinkGroupName) => t(`site.link.group.${group}` as MessageKey);

/** The partner links by group, in the groups' order and each group's own; active links only, empty groups left out. */
export async function publicPartnerLinks(db: Db): Promise<{ group: PartnerLinkGroupName; label: string; links: { id: string; name: string; url: string }[] }[]> {
  const rows = await db
    .select({ id: partnerLinks.id, group: partnerLinks.group, name: partnerLinks.name, url: partnerLinks.url })
    .from(partnerLinks)
    .where(eq(partnerLinks.active, true))
    .orderBy(...linkOrder);
  return groupLinks(rows).map(({ group, links }) => ({ group, label: linkGroupLabel(group), links: links.map(({ id, name, url }) => ({ id, name, url })) }));
}
