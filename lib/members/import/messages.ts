import { t } from "@/lib/i18n";
import { messages, type MessageKey } from "@/lib/i18n/vi";

/**
 * The member import's texts live in the one catalogue (lib/i18n/vi.ts) under "import.*":
 * import.read.* (the file as a whole), import.header.*, import.problem.* (a cell or row that must
 * be fixed or skipped), import.warning.* (read, but worth a look), import.field.* (column names),
 * import.template.* (the downloadable template).
 */
export type ImportMessageKey = Extract<MessageKey, `import.${string}`>;

export const IMPORT_MESSAGES = Object.fromEntries(
  Object.entries(messages).filter(([key]) => key.startsWith("import.")),
) as Pick<typeof messages, ImportMessageKey>;

export function importMessage(key: ImportMessageKey, values?: Record<string, string | number>): string {
  return t(key, values);
}
