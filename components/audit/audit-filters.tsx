"use client";

import { usePathname, useRouter } from "next/navigation";
import { t } from "@/lib/i18n";
import { Button } from "@/components/ui/button";

type Values = { action?: string; actor?: string; outcome?: string; from?: string; to?: string };

/** Filters go into the URL (GET), so a filtered log can be bookmarked and shared. */
export function AuditFilters({ values }: { values: Values }) {
  const router = useRouter();
  const pathname = usePathname();
  const input = "block w-full rounded-md border border-slate-300 bg-white px-2 py-2 text-sm";
  return (
    <form
      className="grid gap-3 rounded-lg border border-slate-200 bg-white p-3 text-sm sm:grid-cols-3 lg:grid-cols-6 lg:items-end"
      onSubmit={(event) => {
        event.preventDefault();
        const data = new FormData(event.currentTarget);
        const next = new URLSearchParams();
        for (const [key, value] of data.entries()) if (String(value).trim()) next.set(key, String(value).trim());
        router.push(`${pathname}?${next.toString()}`);
      }}
    >
      <label className="space-y-1"><span className="block font-medium">{t("audit.filterAction")}</span><input name="action" defaultValue={values.action} className={input} /></label>
      <label className="space-y-1"><span className="block font-medium">{t("audit.filterActor")}</span><input name="actor" defaultValue={values.actor} className={input} /></label>
      <label className="space-y-1">
        <span className="block font-medium">{t("audit.outcome")}</span>
        <select name="outcome" defaultValue={values.outcome ?? ""} className={input}>
          <option value="">{t("audit.allOutcomes")}</option>
          <option value="ok">{t("audit.ok")}</option>
          <option value="denied">{t("audit.denied")}</option>
        </select>
      </label>
      <label className="space-y-1"><span className="block font-medium">{t("common.fromDate")}</span><input type="date" name="from" defaultValue={values.from} className={input} /></label>
      <label className="space-y-1"><span className="block font-medium">{t("common.toDate")}</span><input type="date" name="to" defaultValue={values.to} className={input} /></label>
      <Button type="submit" variant="secondary">{t("common.filter")}</Button>
    </form>
  );
}
