"use client";

import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { switchActiveUnitAction } from "@/lib/accounts/actions";
import { t } from "@/lib/i18n";

export function UnitSwitcher({ units, activeUnitId }: { units: { id: string; name: string }[]; activeUnitId: string | null }) {
  const router = useRouter();
  const id = useId();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="flex flex-col gap-1 text-sm">
      <label htmlFor={id} className="text-brand-100">{t("nav.activeUnit")}</label>
      <select
        id={id}
        disabled={pending}
        defaultValue={activeUnitId ?? undefined}
        className="max-w-full rounded-md border border-brand-600 bg-brand-800 px-2 py-1 text-white"
        onChange={(event) => {
          const unitId = event.target.value;
          startTransition(async () => {
            const result = await switchActiveUnitAction({ unitId });
            if (result.ok) {
              setError(null);
              router.push("/lam-viec");
              router.refresh();
            } else setError(result.message);
          });
        }}
      >
        {units.map((u) => (
          <option key={u.id} value={u.id}>{u.name}</option>
        ))}
      </select>
      {error && <p role="alert" className="text-xs text-gold-400">{error}</p>}
    </div>
  );
}
