"use client";

import { useRouter } from "next/navigation";
import { t } from "@/lib/i18n";
import { addVideoLinkAction } from "@/lib/publications/actions";
import { addVideoLinkInput } from "@/lib/publications/schemas";
import { Button } from "@/components/ui/button";
import { Field, TextInput } from "@/components/ui/field";
import { FormStatus } from "@/components/forms/form-status";
import { useActionForm } from "@/components/forms/use-action-form";

/** A YouTube, Facebook or Vimeo link; the server turns it into the host's embed address or says why not. */
export function VideoLinkForm({ albumId }: { albumId: string }) {
  const router = useRouter();
  const { form, onSubmit, status } = useActionForm<{ albumId: string; url: string; caption: string }, { id: string }>(addVideoLinkInput, addVideoLinkAction, {
    defaultValues: { albumId, url: "", caption: "" },
    onSuccess: () => {
      form.reset({ albumId, url: "", caption: "" });
      router.refresh();
    },
  });
  const { errors, isSubmitting } = form.formState;
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3">
      <fieldset disabled={isSubmitting} className="space-y-3">
        <Field label={t("media.videoLink")} hint={t("media.videoLinkHint")} error={errors.url?.message}>
          {(a) => <TextInput {...a} type="url" inputMode="url" autoComplete="off" placeholder="https://www.youtube.com/watch?v=…" {...form.register("url")} />}
        </Field>
        <Field label={t("media.caption")} error={errors.caption?.message}>
          {(a) => <TextInput {...a} autoComplete="off" {...form.register("caption")} />}
        </Field>
      </fieldset>
      <FormStatus status={status} />
      <Button type="submit" variant="secondary" disabled={isSubmitting}>{t("media.addVideoLink")}</Button>
    </form>
  );
}
