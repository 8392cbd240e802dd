"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { t } from "@/lib/i18n";
import { Button } from "@/components/ui/button";
import { Field, SelectInput, TextInput } from "@/components/ui/field";
import { FormStatus } from "@/components/forms/form-status";
import { useHydrated } from "@/components/use-hydrated";


type UnitOption = { id: string; name: string; level: number };

/** Sends the list to the upload route (lists outgrow the server-action body limit). */
export function ImportUploadForm({ units, maxBytes, maxRows }: { units: UnitOption[]; maxBytes: number; maxRows: number }) {
  const router = useRouter();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [status, setStatus] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  // Until the page is interactive the button stays disabled: a plain form post cannot upload.
  const ready = useHydrated();
  const maxMb = Math.floor(maxBytes / (1024 * 1024));

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const file = data.get("file");
    const local: Record<string, string> = {};
    if (!(file instanceof File) || file.name === "") local.file = t("import.fileRequired");
    else if (file.size > maxBytes) local.file = t("import.uploadTooLarge", { max: maxMb });
    if (!data.get("unitId")) local.unitId = t("validation.required");
    setErrors(local);
    setStatus(null);
    if (Object.keys(local).length > 0) return;
    setBusy(true);
    try {
      const response = await fetch("/api/hoi-vien/nhap", { method: "POST", body: data });
      const answer = (await response.json().catch(() => null)) as { ok: boolean; id?: string; message?: string; fieldErrors?: Record<string, string> } | null;
      if (answer?.ok && answer.id) {
        router.push(`/lam-viec/hoi-vien/nhap/${answer.id}`);
        return;
      }
      setErrors(answer?.fieldErrors ?? {});
      setStatus({ tone: "error", text: answer?.message ?? t("error.unexpected") });
    } catch {
      setStatus({ tone: "error", text: t("error.network") });
    }
    setBusy(false);
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3">
      <fieldset disabled={busy} className="grid gap-3 sm:grid-cols-2">
        <Field label={t("import.unit")} hint={t("import.unitHint")} error={errors.unitId}>
          {(a) => (
            <SelectInput {...a} name="unitId" defaultValue={units.length === 1 ? units[0]!.id : ""}>
              <option value="">—</option>
              {units.map((u) => <option key={u.id} value={u.id}>{`${"— ".repeat(u.level)}${u.name}`}</option>)}
            </SelectInput>
          )}
        </Field>
        <Field label={t("import.file")} hint={t("import.fileHint", { max: maxMb, rows: maxRows.toLocaleString("vi-VN") })} error={errors.file}>
          {(a) => <TextInput {...a} type="file" name="file" accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv" />}
        </Field>
      </fieldset>
      <FormStatus status={status} />
      <Button type="submit" disabled={busy || !ready}>{busy ? t("import.uploading") : t("import.upload")}</Button>
    </form>
  );
}
