"use client";

import { signOut } from "next-auth/react";
import { t } from "@/lib/i18n";

export function SignOutButton() {
  return (
    <button
      type="button"
      onClick={() => signOut({ callbackUrl: "/dang-nhap" })}
      className="rounded-md px-3 py-2 text-sm font-medium text-white hover:bg-brand-800"
    >
      {t("nav.signOut")}
    </button>
  );
}
