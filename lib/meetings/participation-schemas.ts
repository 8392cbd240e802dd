import { z } from "zod";
import { optionalText, uuidField } from "@/lib/validation";

/*
 * Inputs of replies, attendance and minutes (issue 7, item 4): one schema each, shared by the
 * panels' forms and the server actions. No server code here: the client imports this file.
 */

export const INVITATION_REPLIES = ["attend", "decline", "deputy"] as const;
export type InvitationReplyChoice = (typeof INVITATION_REPLIES)[number];

export const replyInput = z
  .object({
    meetingId: uuidField,
    reply: z.enum(INVITATION_REPLIES, "validation.choice"),
    deputyName: optionalText(120),
    note: optionalText(500),
  })
  .superRefine((v, ctx) => {
    if (v.reply === "deputy" && !v.deputyName) ctx.addIssue({ code: "custom", path: ["deputyName"], message: "meetingReply.deputyNameRequired" });
  });
export type ReplyInput = z.output<typeof replyInput>;

export const attendanceInput = z
  .object({
    meetingId: uuidField,
    present: z.array(uuidField).max(5000).default([]),
    absent: z.array(uuidField).max(5000).default([]),
  })
  .superRefine((v, ctx) => {
    const present = new Set(v.present);
    if (v.absent.some((id) => present.has(id))) ctx.addIssue({ code: "custom", path: ["absent"], message: "meetingAttendance.both" });
  });
export type AttendanceInput = z.output<typeof attendanceInput>;

export const meetingIdInput = z.object({ meetingId: uuidField });

/** The version the writer started from: a save over someone else's newer text is refused. */
const versionField = z.coerce.number("validation.invalid").int("validation.invalid").min(1, "validation.invalid");

export const saveMinutesInput = z.object({
  meetingId: uuidField,
  version: versionField,
  body: z.string("validation.required").max(200_000, "validation.tooLong").refine((s) => s.trim().length > 0, "validation.required"),
});
export type SaveMinutesInput = z.output<typeof saveMinutesInput>;

/** The chair approves the version they read, not one saved a moment later. */
export const approveMinutesInput = z.object({ meetingId: uuidField, version: versionField });
export type ApproveMinutesInput = z.output<typeof approveMinutesInput>;
