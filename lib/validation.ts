import { z } from "zod";
import { messages, type MessageKey } from "@/lib/i18n/vi";
import { t } from "@/lib/i18n";

/** Schemas carry catalogue keys as messages; anything else gets a Vietnamese default. */
export function translateIssue(issue: z.core.$ZodIssue): string {
  if (issue.message in messages) return t(issue.message as MessageKey);
  switch (issue.code) {
    case "invalid_type":
      return t("validation.required");
    case "too_small":
      return t("validation.tooShort", { min: Number(issue.minimum) });
    case "too_big":
      return t("validation.tooLong", { max: Number(issue.maximum) });
    case "invalid_format":
      return t("validation.format");
    case "invalid_value":
      return t("validation.choice");
    default:
      return t("validation.invalid");
  }
}

export const uuidField = z.uuid("validation.unknownItem");
export const requiredText = (max = 200) =>
  z.string("validation.required").trim().min(1, "validation.required").max(max, "validation.tooLong");
export const optionalText = (max = 200) => z.string().trim().max(max, "validation.tooLong").default("");
export const dateField = z.iso.date("validation.date");
