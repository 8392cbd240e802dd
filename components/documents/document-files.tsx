"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { removeDocumentFileAction, setDocumentPublishedAction } from "@/lib/documents/actions";
import { t } from "@/lib/i18n";
import { Button } from "@/components/ui/button";
import { Field, TextInput } from "@/components/ui/field";
import { FormStatus } from "@/components/forms/form-status";
import { useHydrated } from "@/components/use-hydrated";

type Status = { tone: "error" | "success"; text: string } | null;

/** Upload through the route handler (files outgrow the server-action limit); the server checks the content. */
export function AttachFileForm({ documentId, maxMb }: { documentId: string; maxMb: number }) {
  const router = useRouter();
  const ready = useHydrated();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [status, setStatus] = useState<Status>(null);
  return (
    <form
      noValidate
      className="space-y-3"
      onSubmit={async (e) => {
        e.preventDefault();
        const formElement = e.currentTarget;
        const data = new FormData(formElement);
        const file = data.get("file");
        setStatus(null);
        if (!(file instanceof File) || file.name === "") return setError(t("document.fileRequired"));
        if (file.size > maxMb * 1024 * 1024) return setError(t("document.fileTooLarge", { max: maxMb }));
        setError(undefined);
        setBusy(true);
        try {
          const response = await fetch(`/api/van-ban/${documentId}/tep`, { method: "POST", body: data });
          const answer = (await response.json().catch(() => null)) as { ok: boolean; message?: string; fieldErrors?: Record<string, string> } | null;
          if (answer?.ok) {
            formElement.reset();
            setStatus({ tone: "success", text: t("document.fileAttached") });
            router.refresh();
          } else {
            setError(answer?.fieldErrors?.file ?? answer?.message ?? t("error.unexpected"));
          }
        } catch {
          setError(t("error.network"));
        }
        setBusy(false);
      }}
    >
      <Field label={t("document.attachFile")} hint={t("document.fileHint", { max: maxMb })} error={error}>
        {(a) => <TextInput {...a} type="file" name="file" accept=".pdf,.docx,.xlsx,.jpg,.jpeg,.png,.webp,.gif" />}
      </Field>
      <FormStatus status={status} />
      <Button type="submit" variant="secondary" disabled={!ready || busy}>{busy ? t("document.uploading") : t("document.upload")}</Button>
    </form>
  );
}

export function RemoveFileButton({ fileId, fileName }: { fileId: string; fileName: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <span>
      <Button
        type="button"
        variant="ghost"
        disabled={pending}
        aria-label={t("document.removeFileNamed", { name: fileName })}
        onClick={() => {
          if (!window.confirm(t("document.removeFileConfirm", { name: fileName }))) return;
          startTransition(async () => {
            const result = await removeDocumentFileAction({ fileId });
            setError(result.ok ? null : result.message);
            router.refresh();
          });
        }}
      >
        {t("document.removeFile")}
      </Button>
      {error && <span className="text-sm text-red-700" role="alert">{error}</span>}
    </span>
  );
}

export function PublishButton({ documentId, published }: { documentId: string; published: boolean }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [status, setStatus] = useState<Status>(null);
  return (
    <div className="space-y-2">
      <Button
        type="button"
        variant={published ? "secondary" : "primary"}
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            const result = await setDocumentPublishedAction({ id: documentId, published: !published });
            setStatus(result.ok ? { tone: "success", text: t(result.data.published ? "document.publishedOk" : "document.unpublishedOk") } : { tone: "error", text: result.message });
            router.refresh();
          })
        }
      >
        {published ? t("document.unpublish") : t("document.publish")}
      </Button>
      <FormStatus status={status} />
    </div>
  );
}
