"use client";

import { t } from "@/lib/i18n";
import { Button } from "@/components/ui/button";

export function PrintButton() {
  return <Button onClick={() => window.print()}>{t("member.print")}</Button>;
}
