import { messages, type MessageKey } from "./vi";

export type { MessageKey };

/** The one way user-facing text is produced: a key from the Vietnamese catalogue plus values. */
export function t(key: MessageKey, values?: Record<string, string | number>): string {
  const template: string = messages[key];
  if (!values) return template;
  return template.replace(/\{(\w+)\}/g, (match, name: string) =>
    name in values ? String(values[name]) : match,
  );
}
