"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { t } from "@/lib/i18n";
import { Button } from "@/components/ui/button";
import { Field, TextInput } from "@/components/ui/field";
import { FormStatus } from "@/components/forms/form-status";
import { postMultipart, tooLargeMessage } from "./post-multipart";
import { useHydrated } from "@/components/use-hydrated";


export interface UploadLimits {
  maxFileBytes: number;
  maxUploadBytes: number;
  maxFiles: number;
}

const MODES = {
  photos: { accept: ".jpg,.jpeg,.png,.webp,.gif,image/jpeg,image/png,image/webp,image/gif", multiple: true, label: "media.photos", hint: "media.photosHint", submit: "media.uploadPhotos" },
  video: { accept: ".mp4,video/mp4", multiple: false, label: "media.videoFile", hint: "media.videoFileHint", submit: "media.uploadVideo" },
} as const;

/** Photos (several at once) or one MP4, sent to the album's upload route; all are added, or none. */
export function MediaUploadForm({ albumId, limits, mode }: { albumId: string; limits: UploadLimits; mode: keyof typeof MODES }) {
  const router = useRouter();
  const [error, setError] = useState<string | undefined>();
  const [status, setStatus] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const ready = useHydrated();
  const config = MODES[mode];
  const mb = (bytes: number) => Math.floor(bytes / (1024 * 1024));

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const data = new FormData(formElement);
    const files = data.getAll("files").filter((f): f is File => f instanceof File && f.name !== "");
    const total = files.reduce((sum, f) => sum + f.size, 0);
    const problem =
      files.length === 0
        ? t("media.filesRequired")
        : files.length > limits.maxFiles
          ? t("media.tooManyFiles")
          : (files.map((f) => tooLargeMessage(f, limits.maxFileBytes)).find(Boolean) ??
            (total > limits.maxUploadBytes ? t("media.uploadTooLarge", { max: mb(limits.maxUploadBytes) }) : null));
    setError(problem ?? undefined);
    setStatus(null);
    if (problem) return;
    setBusy(true);
    const answer = await postMultipart(`/api/an-pham/album/${albumId}`, data);
    setBusy(false);
    if (answer.ok) {
      formElement.reset();
      setStatus({ tone: "success", text: answer.message ?? "" });
      router.refresh();
      return;
    }
    setError(answer.fieldErrors.files);
    setStatus({ tone: "error", text: answer.message });
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3">
      <fieldset disabled={busy} className="space-y-3">
        <Field
          label={t(config.label)}
          hint={t(config.hint, { max: mb(limits.maxFileBytes), files: limits.maxFiles, total: mb(limits.maxUploadBytes) })}
          error={error}
        >
          {(a) => <TextInput {...a} type="file" name="files" accept={config.accept} multiple={config.multiple} />}
        </Field>
        {mode === "video" && (
          <Field label={t("media.caption")}>{(a) => <TextInput {...a} name="caption" maxLength={300} autoComplete="off" />}</Field>
        )}
      </fieldset>
      <FormStatus status={status} />
      <Button type="submit" variant="secondary" disabled={busy || !ready}>{busy ? t("publication.uploading") : t(config.submit)}</Button>
    </form>
  );
}
