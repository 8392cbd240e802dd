"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useId } from "react";
import { ROLES } from "@/lib/auth/permissions";
import { t, type MessageKey } from "@/lib/i18n";

export function UserFilters({ role, includeDisabled }: { role?: string; includeDisabled: boolean }) {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const roleId = useId();
  const set = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(searchParams.toString());
    if (value) next.set(key, value);
    else next.delete(key);
    next.delete("page");
    router.push(`${pathname}?${next.toString()}`);
  };
  return (
    <div className="flex flex-wrap items-end gap-4 text-sm">
      <div className="flex flex-col gap-1">
        <label htmlFor={roleId} className="font-medium">{t("account.role")}</label>
        <select id={roleId} value={role ?? ""} onChange={(e) => set("role", e.target.value || undefined)} className="rounded-md border border-slate-300 bg-white px-2 py-2">
          <option value="">{t("common.all")}</option>
          {ROLES.map((r) => <option key={r} value={r}>{t(`role.${r}` as MessageKey)}</option>)}
        </select>
      </div>
      <label className="flex items-center gap-2">
        <input type="checkbox" checked={includeDisabled} onChange={(e) => set("disabled", e.target.checked ? "1" : undefined)} />
        {t("account.includeDisabled")}
      </label>
    </div>
  );
}
