"use server";

import type { z } from "zod";
import { defineAction, type ActionContext } from "@/lib/actions/define";
import { publicTags } from "@/lib/cache/public";
import { revalidatePublic } from "@/lib/cache/revalidate";
import type { MessageKey } from "@/lib/i18n";
import { deleteBanner } from "./banners";
import { createCategory, deleteCategory, moveCategory, reorderCategory, setCategoryActive, updateCategory } from "./categories";
import { createPartnerLink, deletePartnerLink, reorderPartnerLink, setPartnerLinkActive, updatePartnerLink } from "./links";
import {
  bannerIdInput,
  categoryIdInput,
  createCategoryInput,
  createLinkInput,
  linkIdInput,
  moveCategoryInput,
  reorderCategoryInput,
  reorderLinkInput,
  setCategoryActiveInput,
  setLinkActiveInput,
  updateCategoryInput,
  updateLinkInput,
} from "./schemas";

// Categories, banners and partner links show on every public page: each change, once committed,
// expires every cached public page (lib/cache/public.ts). Creating and editing a banner carries an
// image, so those two go through the upload route under app/api/cong-thong-tin/bieu-ngu.

/** An action whose change, once its transaction has committed, expires the cached portal. */
function siteAction<S extends z.ZodType, T>(name: string, schema: S, run: (ctx: ActionContext, input: z.output<S>) => Promise<T>, success?: MessageKey) {
  return defineAction(
    name,
    schema,
    async (ctx, input) => {
      const result = await run(ctx, input);
      revalidatePublic([publicTags.portal]);
      return result;
    },
    { success },
  );
}

const idOf = async (row: Promise<{ id: string }>) => ({ id: (await row).id });

export const createCategoryAction = siteAction("site.createCategory", createCategoryInput, ({ db, actor }, input) => idOf(createCategory(db, actor, input)), "site.category.created");
export const updateCategoryAction = siteAction("site.updateCategory", updateCategoryInput, ({ db, actor }, input) => idOf(updateCategory(db, actor, input)), "site.category.saved");
export const moveCategoryAction = siteAction("site.moveCategory", moveCategoryInput, ({ db, actor }, input) => idOf(moveCategory(db, actor, input)), "site.category.moved");
export const reorderCategoryAction = siteAction("site.reorderCategory", reorderCategoryInput, ({ db, actor }, input) => reorderCategory(db, actor, input));
export const setCategoryActiveAction = siteAction("site.setCategoryActive", setCategoryActiveInput, async ({ db, actor }, input) => {
  await setCategoryActive(db, actor, input);
  return { id: input.id, active: input.active };
});
export const deleteCategoryAction = siteAction("site.deleteCategory", categoryIdInput, ({ db, actor }, input) => deleteCategory(db, actor, input), "site.category.deleted");

export const deleteBannerAction = siteAction("site.deleteBanner", bannerIdInput, ({ db, actor }, input) => deleteBanner(db, actor, input), "site.banner.deleted");

export const createLinkAction = siteAction("site.createLink", createLinkInput, ({ db, actor }, input) => idOf(createPartnerLink(db, actor, input)), "site.link.created");
export const updateLinkAction = siteAction("site.updateLink", updateLinkInput, ({ db, actor }, input) => idOf(updatePartnerLink(db, actor, input)), "site.link.saved");
export const reorderLinkAction = siteAction("site.reorderLink", reorderLinkInput, ({ db, actor }, input) => reorderPartnerLink(db, actor, input));
export const setLinkActiveAction = siteAction("site.setLinkActive", setLinkActiveInput, async ({ db, actor }, input) => {
  await setPartnerLinkActive(db, actor, input);
  return { id: input.id, active: input.active };
});
export const deleteLinkAction = siteAction("site.deleteLink", linkIdInput, ({ db, actor }, input) => deletePartnerLink(db, actor, input), "site.link.deleted");
