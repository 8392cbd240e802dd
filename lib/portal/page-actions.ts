"use server";

import { defineAction } from "@/lib/actions/define";
import { publicTags } from "@/lib/cache/public";
import { revalidatePublic } from "@/lib/cache/revalidate";
import { updatePortalPageInput } from "./page-schemas";
import { updatePortalPage } from "./pages";

export const updatePortalPageAction = defineAction(
  "site.updatePage",
  updatePortalPageInput,
  async ({ db, actor }, input) => {
    const page = await updatePortalPage(db, actor, input);
    // publicTags has no tag of their own, so the page expires with everything public: acceptable
    // for pages rewritten a few times a year.
    revalidatePublic([publicTags.portal]);
    return { key: page.key, version: page.version };
  },
  { success: "site.page.saved" },
);
