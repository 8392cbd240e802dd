import { and, asc, desc, eq, ilike, isNull, or, sql, type SQL } from "drizzle-orm";
import { passwordHistory, roleAssignments, units, users, type RoleName } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError } from "@/lib/auth/errors";
import { inScope, requirePermission, requireActor, type Scope } from "@/lib/auth/guard";
import { hashPassword, passwordWeakness, verifyPassword } from "@/lib/auth/password";
import { diff } from "@/lib/audit/mask";
import { recordAudit } from "@/lib/audit/service";
import type { Db } from "@/lib/db";
import { env } from "@/lib/env";
import { t } from "@/lib/i18n";
import { formatDateTime } from "@/lib/i18n/format";
import { queueMail } from "@/lib/mail/service";
import { findUnitInScope } from "@/lib/org/units";
import { getSettings } from "@/lib/org/settings";
import type { CreateUserInput } from "./schemas";
import { outer } from "@/lib/db/sql";

const PASSWORD_HISTORY_DEPTH = 5;

/** A user row, read only if their home unit lies in the scope. */
async function findUserInScope(db: Db, id: string, scope: Scope) {
  const [row] = await db
    .select({ user: users, unitPath: units.path })
    .from(users)
    .innerJoin(units, eq(units.id, users.homeUnitId))
    .where(and(eq(users.id, id), inScope(units.path, scope)))
    .limit(1);
  if (!row) throw new NotFoundError("account.notFound");
  return row.user;
}

async function assertUnique(db: Db, input: { username?: string; email: string | null }, exceptId?: string) {
  const except = exceptId ? sql`${users.id} <> ${exceptId}` : undefined;
  if (input.username) {
    const [taken] = await db.select({ id: users.id }).from(users).where(and(sql`lower(${users.username}) = ${input.username}`, except));
    if (taken) throw new ConflictError("account.usernameTaken", { username: "account.usernameTaken" });
  }
  if (input.email) {
    const [taken] = await db.select({ id: users.id }).from(users).where(and(sql`lower(${users.email}) = ${input.email}`, except));
    if (taken) throw new ConflictError("account.emailTaken", { email: "account.emailTaken" });
  }
}

function checkStrength(password: string, field: string, personal: string[]) {
  const weakness = passwordWeakness(password, personal);
  if (weakness) throw new InvalidInputError({ [field]: weakness });
}

export interface UserListQuery {
  page: number;
  pageSize: number;
  q?: string;
  unitId?: string;
  role?: RoleName;
  includeDisabled?: boolean;
  sort?: "fullName" | "username" | "lastSignInAt";
  dir?: "asc" | "desc";
}

export async function listUsers(db: Db, actor: Actor | null, query: UserListQuery) {
  const scope = requirePermission(actor, "account.read");
  const filters: SQL[] = [inScope(units.path, scope)];
  if (!query.includeDisabled) filters.push(isNull(users.disabledAt));
  if (query.q) {
    const q = `%${query.q.trim()}%`;
    filters.push(
      or(
        sql`unaccent(${users.fullName}) ilike unaccent(${q})`,
        ilike(users.username, q),
        ilike(users.email, q),
      )!,
    );
  }
  if (query.unitId) {
    const unit = await findUnitInScope(db, query.unitId, scope);
    filters.push(sql`${units.path} <@ ${unit.path}::ltree`);
  }
  if (query.role) {
    filters.push(sql`exists (select 1 from ${roleAssignments} ra where ra.user_id = ${outer(users.id)} and ra.role = ${query.role})`);
  }
  const where = and(...filters);
  const sortColumn = { fullName: users.fullName, username: users.username, lastSignInAt: users.lastSignInAt }[query.sort ?? "username"];
  const [rows, [{ total } = { total: 0 }]] = await Promise.all([
    db
      .select({
        id: users.id,
        username: users.username,
        fullName: users.fullName,
        email: users.email,
        unitName: units.name,
        disabledAt: users.disabledAt,
        mustChangePassword: users.mustChangePassword,
        lastSignInAt: users.lastSignInAt,
        roles: sql<RoleName[]>`coalesce((select array_agg(distinct ra.role::text) from ${roleAssignments} ra where ra.user_id = ${outer(users.id)}), '{}')`,
      })
      .from(users)
      .innerJoin(units, eq(units.id, users.homeUnitId))
      .where(where)
      .orderBy(query.dir === "desc" ? desc(sortColumn) : asc(sortColumn), asc(users.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ total: sql<number>`count(*)::int` }).from(users).innerJoin(units, eq(units.id, users.homeUnitId)).where(where),
  ]);
  return { rows, total };
}

export async function getUser(db: Db, actor: Actor | null, id: string) {
  const scope = requirePermission(actor, "account.read");
  const user = await findUserInScope(db, id, scope);
  const [home] = await db.select({ name: units.name }).from(units).where(eq(units.id, user.homeUnitId));
  // Roles shown are those at units the viewer can see: a role elsewhere is not theirs to know.
  const roles = await db
    .select({ id: roleAssignments.id, role: roleAssignments.role, unitId: units.id, unitName: units.name })
    .from(roleAssignments)
    .innerJoin(units, eq(units.id, roleAssignments.unitId))
    .where(and(eq(roleAssignments.userId, user.id), inScope(units.path, scope)))
    .orderBy(sql`nlevel(${units.path})`, asc(roleAssignments.role));
  const { passwordHash: _hash, ...safe } = user;
  return { user: safe, homeUnitName: home?.name ?? "", roles };
}

export async function createUser(db: Db, actor: Actor | null, input: CreateUserInput) {
  const scope = requirePermission(actor, "account.manage");
  checkStrength(input.temporaryPassword, "temporaryPassword", [input.username, input.fullName]);
  const passwordHash = await hashPassword(input.temporaryPassword);
  return db.transaction(async (tx) => {
    const unit = await findUnitInScope(tx, input.homeUnitId, scope);
    if (unit.activeTo) throw new InvalidInputError({ homeUnitId: "unit.inactive" });
    await assertUnique(tx, input);
    const [user] = await tx
      .insert(users)
      .values({
        username: input.username,
        fullName: input.fullName,
        email: input.email,
        homeUnitId: unit.id,
        passwordHash,
        mustChangePassword: true,
      })
      .returning();
    await tx.insert(roleAssignments).values({ userId: user!.id, role: input.role, unitId: unit.id });
    await tx.insert(passwordHistory).values({ userId: user!.id, passwordHash });
    await recordAudit(tx, actor, {
      action: "account.createUser",
      entityType: "user",
      entityId: user!.id,
      unitId: unit.id,
      changes: {
        username: { to: input.username },
        fullName: { to: input.fullName },
        email: { to: input.email },
        role: { to: input.role },
      },
    });
    if (input.email) {
      const settings = await getSettings(tx);
      await queueMail(tx, {
        to: input.email,
        subject: t("mail.accountCreated.subject"),
        body: t("mail.accountCreated.body", {
          name: input.fullName,
          username: input.username,
          org: settings?.orgName ?? t("app.name"),
          url: `${env().APP_URL}/dang-nhap`,
        }),
      });
    }
    return { id: user!.id, username: user!.username };
  });
}

export async function updateUser(
  db: Db,
  actor: Actor | null,
  input: { id: string; fullName: string; email: string | null; homeUnitId: string },
) {
  const scope = requirePermission(actor, "account.manage");
  return db.transaction(async (tx) => {
    const user = await findUserInScope(tx, input.id, scope);
    const unit = await findUnitInScope(tx, input.homeUnitId, scope);
    if (unit.activeTo) throw new InvalidInputError({ homeUnitId: "unit.inactive" });
    await assertUnique(tx, { email: input.email }, user.id);
    const changes = diff(user, { fullName: input.fullName, email: input.email, homeUnitId: input.homeUnitId });
    if (Object.keys(changes).length === 0) return { id: user.id };
    await tx
      .update(users)
      .set({ fullName: input.fullName, email: input.email, homeUnitId: unit.id, updatedAt: new Date() })
      .where(eq(users.id, user.id));
    await recordAudit(tx, actor, { action: "account.updateUser", entityType: "user", entityId: user.id, unitId: unit.id, changes });
    return { id: user.id };
  });
}

/** Disabling ends every session at once: the session version moves on. */
export async function setUserDisabled(db: Db, actor: Actor | null, input: { id: string; disabled: boolean }) {
  const scope = requirePermission(actor, "account.manage");
  if (actor!.userId === input.id && input.disabled) throw new InvalidInputError({ id: "account.selfDisable" }, "account.selfDisable");
  return db.transaction(async (tx) => {
    const user = await findUserInScope(tx, input.id, scope);
    if (Boolean(user.disabledAt) === input.disabled) return { id: user.id };
    await tx
      .update(users)
      .set({
        disabledAt: input.disabled ? new Date() : null,
        sessionVersion: sql`${users.sessionVersion} + 1`,
        updatedAt: new Date(),
      })
      .where(eq(users.id, user.id));
    await recordAudit(tx, actor, {
      action: input.disabled ? "account.disableUser" : "account.enableUser",
      entityType: "user",
      entityId: user.id,
      unitId: user.homeUnitId,
      changes: { disabled: { from: Boolean(user.disabledAt), to: input.disabled } },
    });
    return { id: user.id };
  });
}

/** An administrator sets a temporary password; the user must replace it at next sign-in. */
export async function resetUserPassword(db: Db, actor: Actor | null, input: { id: string; temporaryPassword: string }) {
  const scope = requirePermission(actor, "account.manage");
  const passwordHash = await hashPassword(input.temporaryPassword);
  return db.transaction(async (tx) => {
    const user = await findUserInScope(tx, input.id, scope);
    checkStrength(input.temporaryPassword, "temporaryPassword", [user.username, user.fullName]);
    await tx
      .update(users)
      .set({ passwordHash, mustChangePassword: true, sessionVersion: sql`${users.sessionVersion} + 1`, updatedAt: new Date() })
      .where(eq(users.id, user.id));
    await tx.insert(passwordHistory).values({ userId: user.id, passwordHash });
    await recordAudit(tx, actor, {
      action: "account.resetPassword",
      entityType: "user",
      entityId: user.id,
      unitId: user.homeUnitId,
      changes: { password: { to: "" } },
    });
    return { id: user.id };
  });
}

/** Both the account and the unit of the role must lie in the actor's scope. */
export async function assignRole(db: Db, actor: Actor | null, input: { userId: string; role: RoleName; unitId: string }) {
  const scope = requirePermission(actor, "account.manage");
  return db.transaction(async (tx) => {
    const user = await findUserInScope(tx, input.userId, scope);
    const unit = await findUnitInScope(tx, input.unitId, scope);
    if (unit.activeTo) throw new InvalidInputError({ unitId: "unit.inactive" });
    const inserted = await tx
      .insert(roleAssignments)
      .values({ userId: user.id, role: input.role, unitId: unit.id })
      .onConflictDoNothing()
      .returning({ id: roleAssignments.id });
    if (inserted.length === 0) throw new ConflictError("account.roleExists", { role: "account.roleExists" });
    await recordAudit(tx, actor, {
      action: "account.assignRole",
      entityType: "user",
      entityId: user.id,
      unitId: unit.id,
      changes: { role: { to: `${input.role}@${unit.name}` } },
    });
    return { id: inserted[0]!.id };
  });
}

export async function removeRole(db: Db, actor: Actor | null, input: { assignmentId: string }) {
  const scope = requirePermission(actor, "account.manage");
  return db.transaction(async (tx) => {
    const [assignment] = await tx
      .select({ id: roleAssignments.id, role: roleAssignments.role, userId: roleAssignments.userId, unitId: units.id, unitName: units.name, parentId: units.parentId })
      .from(roleAssignments)
      .innerJoin(units, eq(units.id, roleAssignments.unitId))
      .where(and(eq(roleAssignments.id, input.assignmentId), inScope(units.path, scope)))
      .for("update");
    if (!assignment) throw new NotFoundError();
    // The root must keep an administrator, or nobody could manage the organisation any more.
    if (assignment.role === "administrator" && assignment.parentId === null) {
      const [others] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(roleAssignments)
        .innerJoin(users, eq(users.id, roleAssignments.userId))
        .where(and(eq(roleAssignments.unitId, assignment.unitId), eq(roleAssignments.role, "administrator"), isNull(users.disabledAt)));
      if ((others?.n ?? 0) <= 1) throw new InvalidInputError({ assignmentId: "account.lastAdmin" }, "account.lastAdmin");
    }
    await tx.delete(roleAssignments).where(eq(roleAssignments.id, assignment.id));
    await recordAudit(tx, actor, {
      action: "account.removeRole",
      entityType: "user",
      entityId: assignment.userId,
      unitId: assignment.unitId,
      changes: { role: { from: `${assignment.role}@${assignment.unitName}` } },
    });
    return { id: assignment.id };
  });
}

/** Any signed-in user changes their own password; this is also how a forced change is done. */
export async function changeOwnPassword(
  db: Db,
  actor: Actor | null,
  input: { currentPassword: string; newPassword: string },
) {
  const self = requireActor(actor);
  const [user] = await db.select().from(users).where(eq(users.id, self.userId));
  if (!user) throw new ForbiddenError();
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw new InvalidInputError({ currentPassword: "password.wrongCurrent" });
  }
  checkStrength(input.newPassword, "newPassword", [user.username, user.fullName, user.email ?? ""]);
  const recent = await db
    .select({ passwordHash: passwordHistory.passwordHash })
    .from(passwordHistory)
    .where(eq(passwordHistory.userId, user.id))
    .orderBy(desc(passwordHistory.createdAt))
    .limit(PASSWORD_HISTORY_DEPTH);
  for (const old of [{ passwordHash: user.passwordHash }, ...recent]) {
    if (await verifyPassword(old.passwordHash, input.newPassword)) {
      throw new InvalidInputError({ newPassword: "password.reused" });
    }
  }
  const passwordHash = await hashPassword(input.newPassword);
  return db.transaction(async (tx) => {
    const [updated] = await tx
      .update(users)
      .set({ passwordHash, mustChangePassword: false, sessionVersion: sql`${users.sessionVersion} + 1`, updatedAt: new Date() })
      .where(eq(users.id, user.id))
      .returning({ sessionVersion: users.sessionVersion });
    await tx.insert(passwordHistory).values({ userId: user.id, passwordHash });
    await recordAudit(tx, self, {
      action: "account.changeOwnPassword",
      entityType: "user",
      entityId: user.id,
      unitId: user.homeUnitId,
      changes: { password: { to: "" } },
    });
    if (user.email) {
      await queueMail(tx, {
        to: user.email,
        subject: t("mail.passwordChanged.subject"),
        body: t("mail.passwordChanged.body", { name: user.fullName, username: user.username, at: formatDateTime(new Date()) }),
      });
    }
    return { sessionVersion: updated!.sessionVersion, username: user.username };
  });
}

export async function updateOwnProfile(db: Db, actor: Actor | null, input: { fullName: string; email: string | null }) {
  const self = requireActor(actor);
  return db.transaction(async (tx) => {
    const [user] = await tx.select().from(users).where(eq(users.id, self.userId));
    if (!user) throw new ForbiddenError();
    await assertUnique(tx, { email: input.email }, user.id);
    const changes = diff(user, { fullName: input.fullName, email: input.email });
    if (Object.keys(changes).length === 0) return { id: user.id };
    await tx.update(users).set({ ...input, updatedAt: new Date() }).where(eq(users.id, user.id));
    await recordAudit(tx, self, { action: "account.updateOwnProfile", entityType: "user", entityId: user.id, unitId: user.homeUnitId, changes });
    return { id: user.id };
  });
}

/** The switcher only accepts a unit where the user really holds a role. */
export async function switchActiveUnit(_db: Db, actor: Actor | null, input: { unitId: string }) {
  const self = requireActor(actor);
  if (!self.assignments.some((a) => a.unitId === input.unitId)) throw new NotFoundError("unit.notFound");
  return { unitId: input.unitId };
}
