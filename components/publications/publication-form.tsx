"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { t, type MessageKey } from "@/lib/i18n";
import { PUBLICATION_KINDS, createPublicationInput, updatePublicationInput } from "@/lib/publications/schemas";
import { translateIssue } from "@/lib/validation";
import { Button } from "@/components/ui/button";
import { Field, SelectInput, TextArea, TextInput } from "@/components/ui/field";
import { FormStatus } from "@/components/forms/form-status";
import { postMultipart, tooLargeMessage } from "./post-multipart";
import { useHydrated } from "@/components/use-hydrated";


type UnitOption = { id: string; name: string; level: number };

export interface PublicationFormValues {
  id: string;
  unitId: string;
  kind: "newsletter" | "book";
  title: string;
  issueNumber: string;
  year: number;
  description: string;
  pdfFileName: string;
  hasCover: boolean;
}

const TEXT_FIELDS = ["unitId", "kind", "title", "issueNumber", "year", "description"] as const;

/**
 * Creates or edits a publication. Its PDF and cover go with the fields to the upload route (they
 * outgrow the server-action limit); the same zod schema checks the fields here first.
 */
export function PublicationForm({ units, maxBytes, publication, defaultYear }: { units: UnitOption[]; maxBytes: number; publication?: PublicationFormValues; defaultYear: number }) {
  const router = useRouter();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [status, setStatus] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  // Until the page is interactive the button stays disabled: a plain form post cannot upload.
  const ready = useHydrated();
  const maxMb = Math.floor(maxBytes / (1024 * 1024));

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const data = new FormData(formElement);
    const local: Record<string, string> = {};
    const values = Object.fromEntries(TEXT_FIELDS.map((f) => [f, String(data.get(f) ?? "")]));
    const parsed = publication ? updatePublicationInput.safeParse({ ...values, id: publication.id }) : createPublicationInput.safeParse(values);
    if (!parsed.success) for (const issue of parsed.error.issues) local[issue.path.map(String).join(".")] ??= translateIssue(issue);
    const pdf = data.get("pdf");
    if (!publication && (!(pdf instanceof File) || pdf.name === "")) local.pdf = t("publication.pdfRequired");
    for (const name of ["pdf", "cover"]) {
      const file = data.get(name);
      const problem = file instanceof File ? tooLargeMessage(file, maxBytes) : null;
      if (problem) local[name] = problem;
    }
    setErrors(local);
    setStatus(null);
    if (Object.keys(local).length > 0) {
      setStatus({ tone: "error", text: t("error.invalid") });
      return;
    }
    setBusy(true);
    const answer = await postMultipart(publication ? `/api/an-pham/${publication.id}` : "/api/an-pham", data);
    setBusy(false);
    if (answer.ok) {
      if (publication) {
        setStatus({ tone: "success", text: answer.message ?? t("publication.saved") });
        formElement.querySelectorAll<HTMLInputElement>("input[type=file]").forEach((input) => (input.value = ""));
        router.refresh();
      } else {
        router.push(`/lam-viec/an-pham/${answer.id}`);
      }
      return;
    }
    setErrors(answer.fieldErrors);
    setStatus({ tone: "error", text: answer.message });
  }

  const fileHint = t("publication.fileHint", { max: maxMb });
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <fieldset disabled={busy} className="grid gap-3 sm:grid-cols-2">
        <Field label={t("publication.unit")} error={errors.unitId}>
          {(a) => (
            <SelectInput {...a} name="unitId" defaultValue={publication?.unitId ?? units[0]?.id ?? ""}>
              {units.map((u) => <option key={u.id} value={u.id}>{`${"— ".repeat(u.level)}${u.name}`}</option>)}
            </SelectInput>
          )}
        </Field>
        <Field label={t("publication.kind")} error={errors.kind}>
          {(a) => (
            <SelectInput {...a} name="kind" defaultValue={publication?.kind ?? "newsletter"}>
              {PUBLICATION_KINDS.map((k) => <option key={k} value={k}>{t(`publication.kind.${k}` as MessageKey)}</option>)}
            </SelectInput>
          )}
        </Field>
        <div className="sm:col-span-2">
          <Field label={t("publication.title")} hint={t("publication.titleHint")} error={errors.title}>
            {(a) => <TextInput {...a} name="title" defaultValue={publication?.title} autoComplete="off" />}
          </Field>
        </div>
        <Field label={t("publication.issueNumber")} hint={t("publication.issueNumberHint")} error={errors.issueNumber}>
          {(a) => <TextInput {...a} name="issueNumber" defaultValue={publication?.issueNumber} autoComplete="off" />}
        </Field>
        <Field label={t("publication.year")} error={errors.year}>
          {(a) => <TextInput {...a} name="year" inputMode="numeric" defaultValue={publication?.year ?? defaultYear} />}
        </Field>
        <div className="sm:col-span-2">
          <Field label={t("publication.description")} error={errors.description}>
            {(a) => <TextArea {...a} name="description" rows={4} defaultValue={publication?.description} />}
          </Field>
        </div>
        <Field
          label={publication ? t("publication.replacePdf") : t("publication.pdf")}
          hint={publication ? `${t("publication.currentPdf", { name: publication.pdfFileName })} ${fileHint}` : fileHint}
          error={errors.pdf}
        >
          {(a) => <TextInput {...a} type="file" name="pdf" accept=".pdf,application/pdf" />}
        </Field>
        <div className="space-y-2">
          <Field label={t("publication.cover")} hint={t("publication.coverHint", { max: maxMb })} error={errors.cover}>
            {(a) => <TextInput {...a} type="file" name="cover" accept=".jpg,.jpeg,.png,.webp,image/jpeg,image/png,image/webp" />}
          </Field>
          {publication?.hasCover && (
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" name="removeCover" value="1" /> {t("publication.removeCover")}
            </label>
          )}
        </div>
      </fieldset>
      <FormStatus status={status} />
      <Button type="submit" disabled={busy || !ready}>{busy ? t("publication.uploading") : publication ? t("common.save") : t("publication.create")}</Button>
    </form>
  );
}
