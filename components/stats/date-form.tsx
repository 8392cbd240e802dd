import Link from "next/link";
import { t, type MessageKey } from "@/lib/i18n";
import { buttonClass } from "@/components/ui/button";
import { DATE_FIELDS, statsHref, type DateField } from "./query";

const LABELS: Record<DateField, { label: MessageKey; hint: MessageKey }> = {
  asOf: { label: "statsPage.form.asOf", hint: "statsPage.form.hint" },
  from: { label: "statsPage.form.from", hint: "statsPage.form.fromHint" },
  to: { label: "statsPage.form.to", hint: "statsPage.form.hint" },
};

const control =
  "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-brand-600 focus:ring-1 focus:ring-brand-600 aria-[invalid=true]:border-red-600";

/**
 * The days to look at, as a plain GET form (it works before any script loads and the address can
 * be shared). Days are typed dd/mm/yyyy; a wrong or refused day is named under its field.
 */
export function StatsDateForm({ unitId, typed, errors }: { unitId?: string; typed: Partial<Record<DateField, string>>; errors: Partial<Record<DateField, string>> }) {
  return (
    <form method="get" action="/lam-viec/thong-ke" className="rounded-lg border border-slate-200 bg-white p-3 text-sm print:hidden" aria-labelledby="stats-form-title">
      <h2 id="stats-form-title" className="sr-only">{t("statsPage.form.title")}</h2>
      {unitId && <input type="hidden" name="don-vi" value={unitId} />}
      <div className="grid gap-3 sm:grid-cols-3 lg:grid-cols-4 lg:items-start">
        {(Object.keys(DATE_FIELDS) as DateField[]).map((field) => {
          const id = `stats-${DATE_FIELDS[field]}`;
          const error = errors[field];
          return (
            <div key={field} className="space-y-1">
              <label htmlFor={id} className="block font-medium text-slate-800">{t(LABELS[field].label)}</label>
              <input
                id={id}
                name={DATE_FIELDS[field]}
                defaultValue={typed[field] ?? ""}
                inputMode="numeric"
                autoComplete="off"
                placeholder="dd/mm/yyyy"
                maxLength={10}
                aria-invalid={Boolean(error)}
                aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`}
                className={control}
              />
              <p id={`${id}-hint`} className="text-xs text-slate-600">{t(LABELS[field].hint)}</p>
              {error && <p id={`${id}-error`} className="text-sm text-red-700" aria-live="polite">{error}</p>}
            </div>
          );
        })}
        <div className="flex flex-wrap gap-2 sm:col-span-3 lg:col-span-1 lg:pt-6">
          <button type="submit" className={buttonClass("primary")}>{t("statsPage.form.show")}</button>
          <Link href={statsHref({}, unitId)} className={buttonClass("ghost")}>{t("statsPage.form.reset")}</Link>
        </div>
      </div>
    </form>
  );
}
