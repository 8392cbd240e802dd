/** Fields that identify a person are masked before they reach the audit log. */
const PERSONAL_FIELDS = new Set(["email", "phone", "idNumber", "nationalId", "address"]);
const SECRET_FIELDS = new Set(["password", "passwordHash", "newPassword", "currentPassword"]);

export function maskValue(field: string, value: unknown): unknown {
  if (SECRET_FIELDS.has(field)) return "[ẩn]";
  if (!PERSONAL_FIELDS.has(field) || value == null || value === "") return value;
  const text = String(value);
  if (field === "email") {
    const [local = "", domain = ""] = text.split("@");
    return `${local.slice(0, 1)}***@${domain}`;
  }
  return text.length <= 4 ? "****" : `${"*".repeat(text.length - 4)}${text.slice(-4)}`;
}

export function maskChanges(changes: Record<string, { from?: unknown; to?: unknown }>) {
  return Object.fromEntries(
    Object.entries(changes).map(([field, change]) => [
      field,
      {
        ...("from" in change ? { from: maskValue(field, change.from) } : {}),
        ...("to" in change ? { to: maskValue(field, change.to) } : {}),
      },
    ]),
  );
}

/** The fields that differ between two versions of a row, as { field: { from, to } }. */
export function diff<T extends Record<string, unknown>>(before: T, after: Partial<T>) {
  const changes: Record<string, { from?: unknown; to?: unknown }> = {};
  for (const [key, value] of Object.entries(after)) {
    if (value !== undefined && JSON.stringify(before[key]) !== JSON.stringify(value)) {
      changes[key] = { from: before[key], to: value };
    }
  }
  return changes;
}
