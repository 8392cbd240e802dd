import { messages } from "@/lib/i18n/vi";
import { t, type MessageKey } from "@/lib/i18n";

/** The Vietnamese name of an audited action; the code itself if the catalogue lacks it. */
export function auditActionLabel(action: string): string {
  const key = `auditAction.${action}`;
  return key in messages ? t(key as MessageKey) : action;
}
