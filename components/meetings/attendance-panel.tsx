"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { FormStatus } from "@/components/forms/form-status";
import { Button } from "@/components/ui/button";
import { t } from "@/lib/i18n";
import { formatDateTime } from "@/lib/i18n/format";
import { takeAttendanceAction } from "@/lib/meetings/participation-actions";

export interface AttendanceInvitee {
  userId: string;
  fullName: string;
  unitName: string;
  reply: "pending" | "attend" | "decline" | "deputy";
  deputyName: string;
  attended: boolean | null;
}

export interface AttendancePanelProps {
  meetingId: string;
  /** listInvitations(...).invitations */
  invitees: AttendanceInvitee[];
  /** listInvitations(...).counts */
  counts: { present: number; absent: number; unmarked: number; attend: number; decline: number; deputy: number; pending: number };
  /** attendanceWindow(meeting) */
  window: { opensAt: Date | string; closesAt: Date | string };
  /** attendanceWindowState(meeting): the checkboxes are offered only while "open". */
  windowState: "before" | "open" | "closed";
  /** The chair, or meeting.manage over the meeting's unit; others see the list read-only. */
  canTake: boolean;
}

/** The invitees as a checkbox list: ticked present, the others absent. */
export function AttendancePanel({ meetingId, invitees, counts, window, windowState, canTake }: AttendancePanelProps) {
  const router = useRouter();
  const form = useForm<{ present: string[] }>({ defaultValues: { present: invitees.filter((i) => i.attended === true).map((i) => i.userId) } });
  const [status, setStatus] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const editable = canTake && windowState === "open" && invitees.length > 0;

  const onSubmit = form.handleSubmit(async ({ present }) => {
    const ticked = new Set(Array.isArray(present) ? present : present ? [present] : []);
    const result = await takeAttendanceAction({
      meetingId,
      present: [...ticked],
      absent: invitees.filter((i) => !ticked.has(i.userId)).map((i) => i.userId),
    });
    setStatus(result.ok ? { tone: "success", text: result.message ?? "" } : { tone: "error", text: [result.message, ...Object.values(result.fieldErrors)].join(" ") });
    if (result.ok) router.refresh();
  });

  const state = (i: AttendanceInvitee) => t(`meetingAttendance.state.${i.attended === true ? "present" : i.attended === false ? "absent" : "unmarked"}`);
  const reply = (i: AttendanceInvitee) => (i.reply === "deputy" ? `${t("meetingReply.reply.deputy")}: ${i.deputyName}` : t(`meetingReply.reply.${i.reply}`));

  return (
    <section aria-labelledby="meeting-attendance-title" className="space-y-3">
      <h2 id="meeting-attendance-title" className="text-lg font-semibold">
        {t("meetingAttendance.title")}
      </h2>
      <p className="text-sm text-slate-700">{t("meetingAttendance.replyCounts", counts)}</p>
      <p className="text-sm text-slate-700">{t("meetingAttendance.counts", counts)}</p>
      {canTake && (
        <p className="text-sm text-slate-600">
          {windowState === "before"
            ? t("meetingAttendance.notYet", { time: formatDateTime(window.opensAt) })
            : windowState === "closed"
              ? t("meetingAttendance.over")
              : t("meetingAttendance.window", { from: formatDateTime(window.opensAt), to: formatDateTime(window.closesAt) })}
        </p>
      )}
      {invitees.length === 0 ? (
        <p className="text-sm text-slate-600">{t("meetingAttendance.empty")}</p>
      ) : (
        <form onSubmit={onSubmit} noValidate>
          <fieldset disabled={form.formState.isSubmitting || !editable} className="space-y-3">
            {editable && <p className="text-sm text-slate-600">{t("meetingAttendance.hint")}</p>}
            <table className="w-full text-left text-sm">
              <thead>
                <tr className="border-b border-slate-200">
                  <th scope="col" className="py-2 pr-3">{t("meetingAttendance.present")}</th>
                  <th scope="col" className="py-2 pr-3">{t("meetingAttendance.person")}</th>
                  <th scope="col" className="py-2 pr-3">{t("meetingAttendance.unit")}</th>
                  <th scope="col" className="py-2">{t("meetingAttendance.reply")}</th>
                </tr>
              </thead>
              <tbody>
                {invitees.map((i) => (
                  <tr key={i.userId} className="border-b border-slate-100">
                    <td className="py-2 pr-3">
                      {editable ? (
                        <input type="checkbox" value={i.userId} aria-label={t("meetingAttendance.presentOf", { name: i.fullName })} {...form.register("present")} />
                      ) : (
                        state(i)
                      )}
                    </td>
                    <td className="py-2 pr-3">{i.fullName}</td>
                    <td className="py-2 pr-3">{i.unitName}</td>
                    <td className="py-2">{reply(i)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <FormStatus status={status} />
            {editable && <Button type="submit">{t("meetingAttendance.submit")}</Button>}
          </fieldset>
        </form>
      )}
    </section>
  );
}
