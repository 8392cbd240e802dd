/**
 * The roles of DESIGN.md, in the order screens list them. The one list: the database enum is
 * built from it, and it has no imports so client components can use it too.
 */
export const ROLES = ["administrator", "leader", "officer", "clerk", "editor", "collaborator", "member"] as const;

export type RoleName = (typeof ROLES)[number];
