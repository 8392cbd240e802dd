"use server";

import { z } from "zod";
import { defineAction } from "@/lib/actions/define";
import { createFeedToken, revokeFeedToken } from "./feed-tokens";

/** A new personal feed address: the token comes back this once, to be shown and copied. */
export const createFeedTokenAction = defineAction(
  "meeting.createFeedToken",
  z.object({}),
  async ({ db, actor }) => createFeedToken(db, actor),
  { success: "calendar.sync.created" },
);

export const revokeFeedTokenAction = defineAction(
  "meeting.revokeFeedToken",
  z.object({ id: z.string().uuid() }),
  async ({ db, actor }, input) => revokeFeedToken(db, actor, input.id),
  { success: "calendar.sync.revoked" },
);
