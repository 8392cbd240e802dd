"use server";

import { defineAction } from "@/lib/actions/define";
import { kickJobs } from "@/lib/jobs/kick";
import { createUnitInput, mergeUnitInput, moveUnitInput, updateSettingsInput, updateUnitInput } from "./schemas";
import { updateSettings } from "./settings";
import { createUnit, mergeUnit, moveUnit, updateUnit } from "./units";

export const updateSettingsAction = defineAction(
  "org.updateSettings",
  updateSettingsInput,
  async ({ db, actor }, input) => {
    await updateSettings(db, actor, input);
    return null;
  },
  { success: "settings.saved" },
);

export const createUnitAction = defineAction(
  "org.createUnit",
  createUnitInput,
  async ({ db, actor }, input) => ({ id: (await createUnit(db, actor, input)).id }),
  { success: "unit.created" },
);

export const updateUnitAction = defineAction(
  "org.updateUnit",
  updateUnitInput,
  async ({ db, actor }, input) => ({ id: (await updateUnit(db, actor, input)).id }),
  { success: "unit.renamed" },
);

export const moveUnitAction = defineAction(
  "org.moveUnit",
  moveUnitInput,
  async ({ db, actor }, input) => ({ id: (await moveUnit(db, actor, input)).id }),
  { success: "unit.moved" },
);

export const mergeUnitAction = defineAction(
  "org.mergeUnit",
  mergeUnitInput,
  async ({ db, actor }, input) => {
    const result = await mergeUnit(db, actor, input);
    kickJobs();
    return { targetId: result.target.id };
  },
  { success: "unit.merged" },
);
