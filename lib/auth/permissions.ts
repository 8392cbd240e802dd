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
  "document.read",
  "document.manage",
  "publication.manage",
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
    "document.read",
    "document.manage",
    "publication.manage",
  ],
  // Leaders read records of their units; national IDs stay masked for them.
  leader: ["org.unit.read", "account.read", "audit.read", "member.read", "document.read"],
  // Officers draft and keep documents of their units; clerks register, number and publish them.
  officer: ["org.unit.read", "account.read", "member.read", "member.manage", "member.viewId", "document.read", "document.manage"],
  clerk: ["org.unit.read", "document.read", "document.manage"],
  // Editors run the portal: publications and the media library.
  editor: ["org.unit.read", "document.read", "publication.manage"],
  collaborator: [],
  member: [],
};

export function roleGrants(role: RoleName, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}
