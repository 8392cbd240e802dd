"use server";

import { defineAction } from "@/lib/actions/define";
import { publicTags } from "@/lib/cache/public";
import { revalidatePublic } from "@/lib/cache/revalidate";
import { kickJobs } from "@/lib/jobs/kick";
import { createUnitInput, mergeUnitInput, moveUnitInput, updateSettingsInput, updateUnitInput } from "./schemas";
import { updateSettings } from "./settings";
import { createUnit, mergeUnit, moveUnit, updateUnit } from "./units";

// The organisation's name and contacts and its units' names are on every public page: a change
// expires everything the portal has cached (lib/cache/public.ts), once it is committed.

export const updateSettingsAction = defineAction(
  "org.updateSettings",
  updateSettingsInput,
  async ({ db, actor }, input) => {
    await updateSettings(db, actor, input);
    revalidatePublic([publicTags.portal]);
    return null;
  },
  { success: "settings.saved" },
);

export const createUnitAction = defineAction(
  "org.createUnit",
  createUnitInput,
  async ({ db, actor }, input) => {
    const created = await createUnit(db, actor, input);
    revalidatePublic([publicTags.portal]);
    return { id: created.id };
  },
  { success: "unit.created" },
);

export const updateUnitAction = defineAction(
  "org.updateUnit",
  updateUnitInput,
  async ({ db, actor }, input) => {
    const updated = await updateUnit(db, actor, input);
    revalidatePublic([publicTags.portal]);
    return { id: updated.id };
  },
  { success: "unit.renamed" },
);

export const moveUnitAction = defineAction(
  "org.moveUnit",
  moveUnitInput,
  async ({ db, actor }, input) => {
    const moved = await moveUnit(db, actor, input);
    revalidatePublic([publicTags.portal]);
    return { id: moved.id };
  },
  { success: "unit.moved" },
);

export const mergeUnitAction = defineAction(
  "org.mergeUnit",
  mergeUnitInput,
  async ({ db, actor }, input) => {
    const result = await mergeUnit(db, actor, input);
    revalidatePublic([publicTags.portal]);
    kickJobs();
    return { targetId: result.target.id };
  },
  { success: "unit.merged" },
);
