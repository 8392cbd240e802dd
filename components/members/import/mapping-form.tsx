"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { confirmImportMappingAction } from "@/lib/members/import/actions";
import { t } from "@/lib/i18n";
import { Button } from "@/components/ui/button";
import { FormStatus } from "@/components/forms/form-status";

export interface MappingColumn {
  index: number;
  letter: string;
  label: string;
  samples: string[];
  target: string | null;
}

/** One select per column of the file; the required fields are named when they lack a column. */
export function MappingForm({ batchId, columns, targets }: { batchId: string; columns: MappingColumn[]; targets: { value: string; label: string }[] }) {
  const router = useRouter();
  const [mapping, setMapping] = useState<Record<string, string | null>>(Object.fromEntries(columns.map((c) => [String(c.index), c.target])));
  const [status, setStatus] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [pending, startTransition] = useTransition();

  const submit = () =>
    startTransition(async () => {
      const result = await confirmImportMappingAction({ batchId, mapping });
      if (result.ok) {
        setStatus({ tone: "success", text: result.message ?? "" });
        setFieldErrors({});
        router.refresh();
      } else {
        setStatus({ tone: "error", text: result.message });
        setFieldErrors(result.fieldErrors ?? {});
      }
    });

  const missing = Object.entries(fieldErrors).filter(([key]) => !key.startsWith("col") && key !== "_form");
  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-700">{t("import.mappingIntro")}</p>
      <div className="overflow-x-auto">
        <table className="min-w-full text-sm">
          <caption className="sr-only">{t("import.step.mapping")}</caption>
          <thead>
            <tr className="border-b border-slate-300 text-left">
              <th scope="col" className="px-2 py-2">{t("import.mappingColumn")}</th>
              <th scope="col" className="px-2 py-2">{t("import.mappingSample")}</th>
              <th scope="col" className="px-2 py-2">{t("import.mappingTarget")}</th>
            </tr>
          </thead>
          <tbody>
            {columns.map((c) => (
              <tr key={c.index} className="border-b border-slate-200 align-top">
                <th scope="row" className="px-2 py-2 text-left font-medium">
                  <span className="text-slate-500">{c.letter}</span> {c.label}
                </th>
                <td className="px-2 py-2 text-slate-700">{c.samples.join(" · ")}</td>
                <td className="px-2 py-2">
                  <select
                    aria-label={`${t("import.mappingTarget")}: ${c.label}`}
                    className="rounded-md border border-slate-300 bg-white px-2 py-1"
                    value={mapping[String(c.index)] ?? ""}
                    onChange={(e) => setMapping({ ...mapping, [String(c.index)]: e.target.value || null })}
                  >
                    <option value="">{t("import.mappingIgnore")}</option>
                    {targets.map((target) => <option key={target.value} value={target.value}>{target.label}</option>)}
                  </select>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {missing.length > 0 && (
        <ul className="list-disc pl-5 text-sm text-red-700">
          {missing.map(([field]) => <li key={field}>{targets.find((x) => x.value === field)?.label}: {fieldErrors[field]}</li>)}
        </ul>
      )}
      <FormStatus status={status} />
      <Button type="button" onClick={submit} disabled={pending}>{t("import.mappingConfirm")}</Button>
    </div>
  );
}
