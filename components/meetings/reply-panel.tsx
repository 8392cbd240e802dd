"use client";

import { useRouter } from "next/navigation";
import type { z } from "zod";
import { FormStatus } from "@/components/forms/form-status";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { Field, TextInput } from "@/components/ui/field";
import { t } from "@/lib/i18n";
import { formatDateTime } from "@/lib/i18n/format";
import { replyToInvitationAction } from "@/lib/meetings/participation-actions";
import { INVITATION_REPLIES, replyInput } from "@/lib/meetings/participation-schemas";

export interface ReplyPanelProps {
  meetingId: string;
  /** The viewer's own invitation (getMyInvitation); render nothing when they are not invited. */
  invitation: {
    reply: "pending" | "attend" | "decline" | "deputy";
    deputyName: string;
    note: string;
    repliedAt: Date | string | null;
  };
  /** False once the meeting is cancelled or has ended: the reply is shown, not asked. */
  open: boolean;
}

type Values = z.input<typeof replyInput>;

/** "My reply": attend, decline, or send a deputy (named). */
export function ReplyPanel({ meetingId, invitation, open }: ReplyPanelProps) {
  const router = useRouter();
  const { form, onSubmit, status } = useActionForm<Values, unknown>(replyInput, replyToInvitationAction, {
    defaultValues: {
      meetingId,
      reply: invitation.reply === "pending" ? undefined : invitation.reply,
      deputyName: invitation.deputyName,
      note: invitation.note,
    },
    onSuccess: () => router.refresh(),
  });
  const chosen = form.watch("reply");
  const errors = form.formState.errors;
  const current =
    invitation.reply === "pending"
      ? t("meetingReply.none")
      : invitation.reply === "deputy"
        ? t("meetingReply.currentDeputy", { name: invitation.deputyName })
        : t("meetingReply.current", { reply: t(`meetingReply.reply.${invitation.reply}`) });

  return (
    <section aria-labelledby="meeting-reply-title" className="space-y-3">
      <h2 id="meeting-reply-title" className="text-lg font-semibold">
        {t("meetingReply.title")}
      </h2>
      <p className="text-sm text-slate-700">
        {current}
        {invitation.repliedAt && ` (${formatDateTime(invitation.repliedAt)})`}
      </p>
      {!open ? (
        <p className="text-sm text-slate-600">{t("meetingReply.closedNote")}</p>
      ) : (
        <form onSubmit={onSubmit} noValidate>
          <fieldset disabled={form.formState.isSubmitting} className="space-y-3">
            <input type="hidden" {...form.register("meetingId")} />
            <fieldset aria-describedby={errors.reply ? "meeting-reply-error" : undefined}>
              <legend className="text-sm font-medium text-slate-800">{t("meetingReply.legend")}</legend>
              <div className="mt-1 flex flex-wrap gap-4">
                {INVITATION_REPLIES.map((value) => (
                  <label key={value} className="inline-flex items-center gap-2 text-sm">
                    <input type="radio" value={value} {...form.register("reply")} />
                    {t(`meetingReply.reply.${value}`)}
                  </label>
                ))}
              </div>
              <p id="meeting-reply-error" className="text-sm text-red-700" aria-live="polite">
                {errors.reply?.message}
              </p>
            </fieldset>
            {chosen === "deputy" && (
              <Field label={t("meetingReply.deputyName")} error={errors.deputyName?.message}>
                {(a) => <TextInput {...a} autoComplete="off" {...form.register("deputyName")} />}
              </Field>
            )}
            <Field label={t("meetingReply.note")} error={errors.note?.message}>
              {(a) => <TextInput {...a} {...form.register("note")} />}
            </Field>
            <FormStatus status={status} />
            <Button type="submit">{t("meetingReply.submit")}</Button>
          </fieldset>
        </form>
      )}
    </section>
  );
}
