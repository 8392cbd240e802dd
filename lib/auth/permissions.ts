import { ROLES, type RoleName } from "./roles";

/**
 * The one permission table. A role is held at a unit and grants its permissions over that unit
 * and everything below it. Services ask for a permission; the guard answers with the unit paths
 * where it holds, and those paths go into the SQL WHERE.
 */
export const PERMISSIONS = [
  "org.unit.read",
  "org.unit.manage",
  "org.settings.manage",
  "account.read",
  "account.manage",
  "audit.read",
  "mail.outbox.read",
  "member.read",
  "member.manage",
  "member.viewId",
] as const;

export type Permission = (typeof PERMISSIONS)[number];

export { ROLES };

export const ROLE_PERMISSIONS: Record<RoleName, readonly Permission[]> = {
  administrator: [
    "org.unit.read",
    "org.unit.manage",
    "org.settings.manage",
    "account.read",
    "account.manage",
    "audit.read",
    "mail.outbox.read",
    "member.read",
    "member.manage",
    "member.viewId",
  ],
  // Leaders read records of their units; national IDs stay masked for them.
  leader: ["org.unit.read", "account.read", "audit.read", "member.read"],
  officer: ["org.unit.read", "account.read", "member.read", "member.manage", "member.viewId"],
  clerk: ["org.unit.read"],
  editor: ["org.unit.read"],
  collaborator: [],
  member: [],
};

export function roleGrants(role: RoleName, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}
