"use server";

import { defineAction } from "@/lib/actions/define";
import { takeAttendance } from "./attendance";
import { approveMinutes, draftMinutes, saveMinutes } from "./minutes";
import { approveMinutesInput, attendanceInput, meetingIdInput, replyInput, saveMinutesInput } from "./participation-schemas";
import { replyToInvitation } from "./replies";

export const replyToInvitationAction = defineAction(
  "meeting.reply",
  replyInput,
  async ({ db, actor }, input) => {
    const updated = await replyToInvitation(db, actor, input);
    return { reply: updated.reply, deputyName: updated.deputyName };
  },
  { success: "meetingReply.saved" },
);

export const takeAttendanceAction = defineAction(
  "meeting.takeAttendance",
  attendanceInput,
  async ({ db, actor }, input) => takeAttendance(db, actor, input),
  { success: "meetingAttendance.saved" },
);

export const draftMinutesAction = defineAction(
  "meeting.draftMinutes",
  meetingIdInput,
  async ({ db, actor }, input) => {
    const created = await draftMinutes(db, actor, input);
    return { version: created.version };
  },
  { success: "meetingMinutes.drafted" },
);

export const saveMinutesAction = defineAction(
  "meeting.saveMinutes",
  saveMinutesInput,
  async ({ db, actor }, input) => {
    const saved = await saveMinutes(db, actor, input);
    return { version: saved.version };
  },
  { success: "meetingMinutes.saved" },
);

export const approveMinutesAction = defineAction(
  "meeting.approveMinutes",
  approveMinutesInput,
  async ({ db, actor }, input) => {
    const { document } = await approveMinutes(db, actor, input);
    return { documentId: document.id, numberSymbol: document.numberSymbol };
  },
  { success: "meetingMinutes.approved" },
);
