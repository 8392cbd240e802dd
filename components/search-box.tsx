"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useId } from "react";
import { t } from "@/lib/i18n";
import { Button } from "@/components/ui/button";

/** A GET search that keeps the other URL filters and goes back to page 1. */
export function SearchBox({
  placeholder,
  defaultValue,
  param = "q",
  target,
}: {
  placeholder: string;
  defaultValue?: string;
  param?: string;
  /** Search another list than this page's (its own filters are then not carried over). */
  target?: string;
}) {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const id = useId();
  return (
    <form
      role="search"
      className="flex max-w-xl gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        const value = String(new FormData(event.currentTarget).get(param) ?? "").trim();
        const next = new URLSearchParams(target ? "" : searchParams.toString());
        if (value) next.set(param, value);
        else next.delete(param);
        next.delete("page");
        router.push(`${target ?? pathname}?${next.toString()}`);
      }}
    >
      <label htmlFor={id} className="sr-only">{t("common.search")}</label>
      <input
        id={id}
        name={param}
        type="search"
        defaultValue={defaultValue}
        placeholder={placeholder}
        className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
      />
      <Button type="submit" variant="secondary">{t("common.search")}</Button>
    </form>
  );
}
