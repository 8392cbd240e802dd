import { sql, type SQL, type AnyColumn } from "drizzle-orm";
import type { Actor } from "./actor";
import { ForbiddenError, UnauthenticatedError } from "./errors";
import { roleGrants, type Permission } from "./permissions";

/** The units (as ltree paths) under which a permission holds for the acting user. */
export interface Scope {
  permission: Permission;
  paths: string[];
}

/**
 * The one guard every service calls first. It returns the scope to put into the SQL WHERE;
 * it throws when the actor holds the permission nowhere.
 */
export function requirePermission(actor: Actor | null, permission: Permission): Scope {
  if (!actor) throw new UnauthenticatedError();
  // Until the password an administrator set is replaced, the account can do nothing else.
  if (actor.mustChangePassword) throw new ForbiddenError();
  const paths = actor.roles.filter((r) => roleGrants(r.role, permission)).map((r) => r.unitPath);
  if (paths.length === 0) throw new ForbiddenError();
  return { permission, paths: minimalPaths(paths) };
}

export function requireActor(actor: Actor | null): Actor {
  if (!actor) throw new UnauthenticatedError();
  return actor;
}

/** Whether the actor holds the permission anywhere (for navigation; never a substitute for the guard). */
export function holdsPermission(actor: Actor | null, permission: Permission): boolean {
  if (!actor || actor.mustChangePassword) return false;
  return actor.roles.some((r) => roleGrants(r.role, permission));
}

/** `column <@ scope`: the row's unit path lies in one of the scope's subtrees. */
export function inScope(pathColumn: AnyColumn | SQL, scope: Scope): SQL {
  const parts = scope.paths.map((p) => sql`${pathColumn} <@ ${p}::ltree`);
  return sql`(${sql.join(parts, sql` or `)})`;
}

/** Whether a unit path lies inside the scope (for checks on a row already read within scope). */
export function pathInScope(path: string, scope: Scope): boolean {
  return scope.paths.some((p) => path === p || path.startsWith(`${p}.`));
}

/** Drop paths already covered by an ancestor in the list. */
function minimalPaths(paths: string[]): string[] {
  const unique = [...new Set(paths)].sort((a, b) => a.length - b.length);
  return unique.filter((p, i) => !unique.slice(0, i).some((q) => p.startsWith(`${q}.`)));
}

/** Whether the permission is held at the root unit (organisation-wide settings and mail). */
export function holdsPermissionAtRoot(actor: Actor | null, permission: Permission): boolean {
  if (!actor || actor.mustChangePassword) return false;
  return actor.roles.some((r) => !r.unitPath.includes(".") && roleGrants(r.role, permission));
}
