"use server";

import { defineAction } from "@/lib/actions/define";
import {
  cancelMeetingInput,
  changeSeriesFromInput,
  createMeetingInput,
  createSeriesInput,
  moveOccurrenceInput,
  skipOccurrenceInput,
  updateMeetingInput,
} from "./schemas";
import { changeSeriesFrom, createSeries, moveOccurrence, skipOccurrence } from "./series";
import { cancelMeeting, createMeeting, updateMeeting } from "./service";

export const createSeriesAction = defineAction(
  "meeting.createSeries",
  createSeriesInput,
  async ({ db, actor }, input) => {
    const { series, meetings } = await createSeries(db, actor, input);
    return { id: series.id, occurrences: meetings.length };
  },
  { success: "meeting.seriesCreated" },
);

export const skipOccurrenceAction = defineAction(
  "meeting.skipOccurrence",
  skipOccurrenceInput,
  async ({ db, actor }, input) => skipOccurrence(db, actor, input),
  { success: "meeting.occurrenceSkipped" },
);

export const moveOccurrenceAction = defineAction(
  "meeting.moveOccurrence",
  moveOccurrenceInput,
  async ({ db, actor }, input) => moveOccurrence(db, actor, input),
  { success: "meeting.occurrenceMoved" },
);

export const changeSeriesFromAction = defineAction(
  "meeting.changeSeriesFrom",
  changeSeriesFromInput,
  async ({ db, actor }, input) => ({ id: (await changeSeriesFrom(db, actor, input)).series.id }),
  { success: "meeting.seriesChanged" },
);

export const createMeetingAction = defineAction(
  "meeting.create",
  createMeetingInput,
  async ({ db, actor }, input) => ({ id: (await createMeeting(db, actor, input)).id }),
  { success: "meeting.created" },
);

export const updateMeetingAction = defineAction(
  "meeting.update",
  updateMeetingInput,
  async ({ db, actor }, input) => ({ version: (await updateMeeting(db, actor, input)).version }),
  { success: "meeting.saved" },
);

export const cancelMeetingAction = defineAction(
  "meeting.cancel",
  cancelMeetingInput,
  async ({ db, actor }, input) => ({ id: (await cancelMeeting(db, actor, input)).id }),
  { success: "meeting.cancelled" },
);
