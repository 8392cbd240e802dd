"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { z } from "zod";
import { FormStatus } from "@/components/forms/form-status";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { Field, TextArea } from "@/components/ui/field";
import { t } from "@/lib/i18n";
import { formatDateTime } from "@/lib/i18n/format";
import { approveMinutesAction, draftMinutesAction, saveMinutesAction } from "@/lib/meetings/participation-actions";
import { saveMinutesInput } from "@/lib/meetings/participation-schemas";

export interface MinutesPanelProps {
  meetingId: string;
  /** getMinutes(...).minutes: null before a draft exists. */
  minutes: {
    version: number;
    body: string;
    status: "draft" | "approved";
    writerName: string;
    approvedAt: Date | string | null;
    documentId: string | null;
    documentSymbol: string | null;
  } | null;
  /** getMinutes(...).canDraft / canEdit / canApprove: the chair or meeting.manage drafts and edits, only the chair approves. */
  canDraft: boolean;
  canEdit: boolean;
  canApprove: boolean;
}

type Status = { tone: "error" | "success"; text: string } | null;

/** The biên bản: a draft from the template, edited in a textarea, approved by the chair, then read-only. */
export function MinutesPanel({ meetingId, minutes, canDraft, canEdit, canApprove }: MinutesPanelProps) {
  return (
    <section aria-labelledby="meeting-minutes-title" className="space-y-3">
      <h2 id="meeting-minutes-title" className="text-lg font-semibold">
        {t("meetingMinutes.title")}
      </h2>
      {!minutes ? (
        <>
          <p className="text-sm text-slate-600">{t("meetingMinutes.none")}</p>
          {canDraft && <DraftButton meetingId={meetingId} />}
        </>
      ) : minutes.status === "approved" ? (
        <ApprovedMinutes minutes={minutes} />
      ) : canEdit || canApprove ? (
        <MinutesEditor meetingId={meetingId} minutes={minutes} canEdit={canEdit} canApprove={canApprove} />
      ) : (
        <>
          <p className="text-sm text-slate-600">{t("meetingMinutes.statusDraft", { version: minutes.version })}</p>
          <pre className="whitespace-pre-wrap rounded-md border border-slate-200 bg-white p-4 font-serif text-sm">{minutes.body}</pre>
        </>
      )}
    </section>
  );
}

function DraftButton({ meetingId }: { meetingId: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [status, setStatus] = useState<Status>(null);
  const draft = () =>
    startTransition(async () => {
      const result = await draftMinutesAction({ meetingId });
      setStatus(result.ok ? { tone: "success", text: result.message ?? "" } : { tone: "error", text: result.message });
      if (result.ok) router.refresh();
    });
  return (
    <div className="space-y-2">
      <Button type="button" disabled={pending} onClick={draft}>
        {t("meetingMinutes.draft")}
      </Button>
      <FormStatus status={status} />
    </div>
  );
}

function ApprovedMinutes({ minutes }: { minutes: NonNullable<MinutesPanelProps["minutes"]> }) {
  return (
    <>
      <p className="text-sm text-slate-700">{t("meetingMinutes.statusApproved", { date: formatDateTime(minutes.approvedAt) })}</p>
      {minutes.documentId && (
        <p className="text-sm">
          <Link href={`/lam-viec/van-ban/${minutes.documentId}`} className="text-brand-700 underline">
            {t("meetingMinutes.document", { symbol: minutes.documentSymbol ?? "" })}
          </Link>
        </p>
      )}
      <pre className="whitespace-pre-wrap rounded-md border border-slate-200 bg-white p-4 font-serif text-sm">{minutes.body}</pre>
    </>
  );
}

type Values = z.input<typeof saveMinutesInput>;

function MinutesEditor({ meetingId, minutes, canEdit, canApprove }: { meetingId: string; minutes: NonNullable<MinutesPanelProps["minutes"]>; canEdit: boolean; canApprove: boolean }) {
  const router = useRouter();
  const [newer, setNewer] = useState<{ version: number; body: string } | null>(null);
  const [approving, startApproving] = useTransition();
  const [approveStatus, setApproveStatus] = useState<Status>(null);
  const { form, onSubmit, status } = useActionForm<Values, { version: number }>(saveMinutesInput, saveMinutesAction, {
    defaultValues: { meetingId, version: minutes.version, body: minutes.body },
    onSuccess: (data) => {
      form.reset({ meetingId, version: data.version, body: form.getValues("body") });
      setNewer(null);
    },
    onFailure: (result) => {
      const details = result.details as { version?: number; body?: string } | undefined;
      if (result.code === "conflict" && details?.version !== undefined) setNewer({ version: details.version, body: details.body ?? "" });
    },
  });
  const version = form.watch("version");

  const approve = () =>
    startApproving(async () => {
      const result = await approveMinutesAction({ meetingId, version: Number(version) });
      setApproveStatus(result.ok ? { tone: "success", text: result.message ?? "" } : { tone: "error", text: result.message });
      if (result.ok) router.refresh();
    });

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3">
      <p className="text-sm text-slate-600">
        {t("meetingMinutes.statusDraft", { version: Number(version) })}
        {minutes.writerName && ` · ${t("meetingMinutes.writer", { name: minutes.writerName })}`}
      </p>
      <fieldset disabled={form.formState.isSubmitting || approving} className="space-y-3">
        <input type="hidden" {...form.register("meetingId")} />
        <input type="hidden" {...form.register("version")} />
        <Field label={t("meetingMinutes.body")} hint={t("meetingMinutes.bodyHint")} error={form.formState.errors.body?.message}>
          {(a) => <TextArea {...a} rows={28} readOnly={!canEdit} className="font-serif" {...form.register("body")} />}
        </Field>
        <FormStatus status={status} />
        {newer && (
          <Button type="button" variant="secondary" onClick={() => (form.reset({ meetingId, version: newer.version, body: newer.body }), setNewer(null))}>
            {t("meetingMinutes.loadNewer")}
          </Button>
        )}
        <div className="flex flex-wrap gap-2">
          {canEdit && <Button type="submit">{t("meetingMinutes.save")}</Button>}
          {canApprove && (
            <Button type="button" variant="secondary" onClick={approve} disabled={form.formState.isDirty} aria-describedby="meeting-minutes-approve-hint">
              {t("meetingMinutes.approve")}
            </Button>
          )}
        </div>
        {canApprove && (
          <p id="meeting-minutes-approve-hint" className="text-xs text-slate-600">
            {t("meetingMinutes.approveHint")}
          </p>
        )}
        <FormStatus status={approveStatus} />
      </fieldset>
    </form>
  );
}
