"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { commitImportAction, decideImportRowsAction, discardImportAction, fixImportRowAction } from "@/lib/members/import/actions";
import { t } from "@/lib/i18n";
import { Button } from "@/components/ui/button";
import { Field, TextInput } from "@/components/ui/field";
import { FormStatus } from "@/components/forms/form-status";

type Status = { tone: "error" | "success"; text: string } | null;

/** What to do with one row; saved as soon as it changes. */
export function RowDecision({ batchId, rowNumber, decision, options }: { batchId: string; rowNumber: number; decision: string; options: { value: string; label: string }[] }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="space-y-1">
      <select
        aria-label={t("import.col.decision")}
        className="max-w-64 rounded-md border border-slate-300 bg-white px-2 py-1 text-sm"
        defaultValue={decision}
        disabled={pending}
        onChange={(e) => {
          const value = e.target.value as "create" | "skip" | "secondary" | "update";
          startTransition(async () => {
            const result = await decideImportRowsAction({ batchId, rowNumbers: [rowNumber], decision: value });
            setError(result.ok ? null : result.message);
            router.refresh();
          });
        }}
      >
        {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
      {error && <p className="text-sm text-red-700" role="alert">{error}</p>}
    </div>
  );
}

/** Skip every row that still has a problem, in one step. */
export function SkipProblemRows({ batchId, rowNumbers }: { batchId: string; rowNumbers: number[] }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  if (rowNumbers.length === 0) return null;
  return (
    <Button
      type="button"
      variant="secondary"
      disabled={pending}
      onClick={() =>
        startTransition(async () => {
          await decideImportRowsAction({ batchId, rowNumbers, decision: "skip" });
          router.refresh();
        })
      }
    >
      {t("import.skipAllProblems", { count: rowNumbers.length })}
    </Button>
  );
}

/** The row as the user corrects it: every field as text, read again by the same rules as the file. */
export function FixRowForm({
  batchId,
  rowNumber,
  fields,
  problems,
}: {
  batchId: string;
  rowNumber: number;
  fields: { key: string; label: string; value: string }[];
  problems: Record<string, string>;
}) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [values, setValues] = useState(Object.fromEntries(fields.map((f) => [f.key, f.value])));
  const [status, setStatus] = useState<Status>(null);
  const [pending, startTransition] = useTransition();
  if (!open) {
    return (
      <Button type="button" variant="ghost" className="px-2" onClick={() => setOpen(true)} aria-label={t("import.fixTitle", { row: rowNumber })}>
        {t("import.fix")}
      </Button>
    );
  }
  return (
    <form
      className="mt-2 space-y-2 rounded-md border border-slate-300 bg-slate-50 p-3"
      aria-label={t("import.fixTitle", { row: rowNumber })}
      onSubmit={(e) => {
        e.preventDefault();
        startTransition(async () => {
          const result = await fixImportRowAction({ batchId, rowNumber, values });
          if (!result.ok) {
            setStatus({ tone: "error", text: result.message });
            return;
          }
          setStatus(null);
          if (result.data.problems.length === 0) setOpen(false);
          router.refresh();
        });
      }}
    >
      <p className="text-sm font-semibold">{t("import.fixTitle", { row: rowNumber })}</p>
      <div className="grid gap-2 sm:grid-cols-2">
        {fields.map((f) => (
          <Field key={f.key} label={f.label} error={problems[f.key]}>
            {(a) => <TextInput {...a} name={f.key} value={values[f.key] ?? ""} onChange={(e) => setValues({ ...values, [f.key]: e.target.value })} />}
          </Field>
        ))}
      </div>
      <FormStatus status={status} />
      <div className="flex gap-2">
        <Button type="submit" disabled={pending}>{t("import.fixSave")}</Button>
        <Button type="button" variant="ghost" onClick={() => setOpen(false)}>{t("common.cancel")}</Button>
      </div>
    </form>
  );
}

export function CommitBar({ batchId, blocked, confirmText }: { batchId: string; blocked: number; confirmText: string }) {
  const router = useRouter();
  const [status, setStatus] = useState<Status>(null);
  const [pending, startTransition] = useTransition();
  const commit = () => {
    if (!window.confirm(confirmText)) return;
    startTransition(async () => {
      const result = await commitImportAction({ batchId });
      if (result.ok) {
        setStatus({ tone: "success", text: t("import.committedOk", result.data) });
      } else {
        setStatus({ tone: "error", text: result.message });
      }
      router.refresh();
    });
  };
  const discard = () => {
    if (!window.confirm(t("import.discardConfirm"))) return;
    startTransition(async () => {
      const result = await discardImportAction({ batchId });
      setStatus(result.ok ? { tone: "success", text: result.message ?? "" } : { tone: "error", text: result.message });
      router.refresh();
    });
  };
  return (
    <div className="space-y-2">
      <FormStatus status={status} />
      <div className="flex flex-wrap gap-2">
        <Button type="button" onClick={commit} disabled={pending || blocked > 0}>{t("import.commit")}</Button>
        <Button type="button" variant="ghost" onClick={discard} disabled={pending}>{t("import.discard")}</Button>
      </div>
    </div>
  );
}
