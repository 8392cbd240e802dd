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
  "article.write",
  "article.review",
  "portal.manage",
  "stats.read",
  "meeting.read",
  "meeting.manage",
  "room.manage",
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
    "article.write",
    "article.review",
    "portal.manage",
    "stats.read",
    "meeting.read",
    "meeting.manage",
    "room.manage",
  ],
  // Leaders read records of their units and the statistics of everything below; national IDs stay masked for them.
  leader: ["org.unit.read", "account.read", "audit.read", "member.read", "document.read", "stats.read", "meeting.read", "meeting.manage"],
  // Officers draft and keep documents of their units; clerks register, number and publish them.
  officer: ["org.unit.read", "account.read", "member.read", "member.manage", "member.viewId", "document.read", "document.manage", "stats.read", "meeting.read", "meeting.manage"],
  // The office (văn phòng) also keeps the meeting rooms and decides who may book them.
  clerk: ["org.unit.read", "document.read", "document.manage", "meeting.read", "meeting.manage", "room.manage"],
  // Editors run the portal: publications, the media library, the news of their units (reviewing
  // what collaborators submit) and, held at the top unit, the site itself (categories, banners,
  // partner links, the organisation's pages).
  editor: ["org.unit.read", "document.read", "publication.manage", "article.write", "article.review", "portal.manage"],
  // Collaborators write news for their units and submit it to the editors.
  collaborator: ["article.write"],
  member: [],
};

export function roleGrants(role: RoleName, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}
