import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, desc, eq } from "drizzle-orm";
import { auditLog, mailOutbox, passwordHistory, roleAssignments, units, users } from "@/db/schema";
import { seedDemo } from "@/db/seed/demo";
import { createUserInput } from "@/lib/accounts/schemas";
import {
  assignRole,
  changeOwnPassword,
  createUser,
  getUser,
  listUsers,
  removeRole,
  resetUserPassword,
  setUserDisabled,
  updateOwnProfile,
  updateUser,
} from "@/lib/accounts/service";
import type { Actor } from "@/lib/auth/actor";
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError, UnauthenticatedError } from "@/lib/auth/errors";
import { loadActor } from "@/lib/auth/load-actor";
import { verifyPassword } from "@/lib/auth/password";
import { verifySignIn } from "@/lib/auth/sign-in";
import type { DatabaseHandle, Db } from "@/lib/db";
import { t } from "@/lib/i18n";
import { createTestDatabase } from "../helpers/db";
import {
  actorFor,
  addRole,
  assignmentId,
  countRows,
  makeUser,
  uniqueName,
  unitByCode,
  userByUsername,
} from "../helpers/fixtures";

let handle: DatabaseHandle;
let db: Db;
let rootAdmin: Actor;
let hanoiAdmin: Actor;
let tqOfficer: Actor;

const TEMP_PASSWORD = "Tạm#2026-xanh-lá-chuối";
const NEW_PASSWORD = "ngựa vằn ăn bánh chưng dưới trăng";

beforeAll(async () => {
  handle = await createTestDatabase();
  db = handle.db;
  await seedDemo(db);
  rootAdmin = await actorFor(db, "admin", { ip: "192.0.2.10" });
  hanoiAdmin = await actorFor(db, "hanoi.quantri", { ip: "192.0.2.11" });
  tqOfficer = await actorFor(db, "tuyenquang.canbo");
});
afterAll(async () => handle?.close());

/** The counts that a refused write must leave as they were. */
async function snapshot() {
  return {
    users: await countRows(db, users),
    roles: await countRows(db, roleAssignments),
    history: await countRows(db, passwordHistory),
    audit: await countRows(db, auditLog),
    mail: await countRows(db, mailOutbox),
  };
}

async function newUserInput(unitCode: string, overrides: Record<string, unknown> = {}) {
  const unit = await unitByCode(db, unitCode);
  const username = uniqueName("moi");
  return createUserInput.parse({
    username,
    fullName: "Lý Thị Mới",
    email: `${username}@Example.VN`,
    homeUnitId: unit.id,
    role: "officer",
    temporaryPassword: TEMP_PASSWORD,
    ...overrides,
  });
}

async function lastAudit(action: string, entityId: string) {
  const [row] = await db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, action), eq(auditLog.entityId, entityId)))
    .orderBy(desc(auditLog.id))
    .limit(1);
  return row;
}

describe("createUser", () => {
  it("creates an account that must change its password, with its role, history, audit entry and welcome mail", async () => {
    const input = await newUserInput("HA-NOI-BA-DINH");
    const result = await createUser(db, hanoiAdmin, input);
    expect(result.username).toBe(input.username);

    const user = await userByUsername(db, input.username);
    expect(user).toMatchObject({ fullName: "Lý Thị Mới", email: input.email, homeUnitId: input.homeUnitId, mustChangePassword: true });
    expect(user.email).toBe(user.email!.toLowerCase());
    expect(user.passwordHash.startsWith("$argon2id$")).toBe(true);
    expect(await verifyPassword(user.passwordHash, TEMP_PASSWORD)).toBe(true);

    const roles = await db.select().from(roleAssignments).where(eq(roleAssignments.userId, user.id));
    expect(roles).toEqual([expect.objectContaining({ role: "officer", unitId: input.homeUnitId })]);
    expect(await countRows(db, passwordHistory, eq(passwordHistory.userId, user.id))).toBe(1);

    const audit = await lastAudit("account.createUser", user.id);
    expect(audit).toMatchObject({ actorId: hanoiAdmin.userId, unitId: input.homeUnitId, outcome: "ok", ip: "192.0.2.11" });
    expect(audit!.actorName).toContain("hanoi.quantri");
    const maskedEmail = `${input.username.slice(0, 1)}***@example.vn`;
    expect(audit!.changes).toMatchObject({
      username: { to: input.username },
      email: { to: maskedEmail },
      role: { to: "officer" },
    });
    expect(JSON.stringify(audit!.changes)).not.toContain(input.email!);
    expect(JSON.stringify(audit!.changes)).not.toContain(TEMP_PASSWORD);

    const mail = await db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, input.email!));
    expect(mail).toHaveLength(1);
    expect(mail[0]).toMatchObject({ status: "queued", attempts: 0, subject: t("mail.accountCreated.subject") });
    expect(mail[0]!.body).toContain(input.username);
    expect(mail[0]!.body).not.toContain(TEMP_PASSWORD);
  });

  it("queues no mail when no e-mail is given", async () => {
    const input = await newUserInput("HA-NOI", { email: "" });
    expect(input.email).toBeNull();
    const before = await countRows(db, mailOutbox);
    await createUser(db, hanoiAdmin, input);
    expect(await countRows(db, mailOutbox)).toBe(before);
    expect((await userByUsername(db, input.username)).email).toBeNull();
  });

  it("the new account can sign in but can do nothing until it replaces the temporary password", async () => {
    const input = await newUserInput("HA-NOI-CAU-GIAY", { role: "administrator" });
    await createUser(db, hanoiAdmin, input);
    const signIn = await verifySignIn(db, { login: input.username, password: TEMP_PASSWORD, ip: "192.0.2.50" });
    expect(signIn.ok).toBe(true);
    const fresh = await actorFor(db, input.username);
    expect(fresh.mustChangePassword).toBe(true);
    await expect(listUsers(db, fresh, { page: 1, pageSize: 10 })).rejects.toBeInstanceOf(ForbiddenError);

    await changeOwnPassword(db, fresh, { currentPassword: TEMP_PASSWORD, newPassword: NEW_PASSWORD });
    const changed = await actorFor(db, input.username);
    expect(changed.mustChangePassword).toBe(false);
    const list = await listUsers(db, changed, { page: 1, pageSize: 10 });
    expect(list.rows.map((r) => r.username)).toContain(input.username);
  });

  it.each([
    ["short", "password.tooShort"],
    ["password123", "password.weak"],
  ])("refuses the weak temporary password %s and writes nothing", async (password, key) => {
    const input = await newUserInput("HA-NOI", { temporaryPassword: password });
    const before = await snapshot();
    const error = await createUser(db, hanoiAdmin, input).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error).toMatchObject({ fieldErrors: { temporaryPassword: key } });
    expect(await snapshot()).toEqual(before);
  });

  it("refuses a temporary password made of the person's username", async () => {
    const input = await newUserInput("HA-NOI");
    const error = await createUser(db, hanoiAdmin, { ...input, temporaryPassword: `${input.username}-2026-XYZ!` }).catch((e: unknown) => e);
    expect(error).toMatchObject({ fieldErrors: { temporaryPassword: "password.personal" } });
  });

  it("refuses a taken username, in any case, as a conflict on the username field", async () => {
    const before = await snapshot();
    const input = await newUserInput("HA-NOI", { username: "HaNoi.QuanTri" });
    expect(input.username).toBe("hanoi.quantri");
    const error = await createUser(db, hanoiAdmin, input).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({ messageKey: "account.usernameTaken", fieldErrors: { username: "account.usernameTaken" } });
    expect(await snapshot()).toEqual(before);
  });

  it("refuses a taken e-mail, in any case, as a conflict on the email field", async () => {
    const existing = await makeUser(db, { unitCode: "HA-NOI", email: `${uniqueName("mail")}@ketnoi.example.vn` });
    const before = await snapshot();
    const input = await newUserInput("HA-NOI", { email: existing.email!.toUpperCase() });
    const error = await createUser(db, hanoiAdmin, input).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({ fieldErrors: { email: "account.emailTaken" } });
    expect(await snapshot()).toEqual(before);
  });

  it("refuses a home unit outside the actor's scope as not found, and writes nothing", async () => {
    const before = await snapshot();
    const input = await newUserInput("TUYEN-QUANG-YEN-SON");
    await expect(createUser(db, hanoiAdmin, input)).rejects.toBeInstanceOf(NotFoundError);
    expect(await snapshot()).toEqual(before);
  });

  it("refuses a dissolved home unit", async () => {
    const input = await newUserInput("HA-GIANG-CU");
    const error = await createUser(db, rootAdmin, input).catch((e: unknown) => e);
    expect(error).toMatchObject({ fieldErrors: { homeUnitId: "unit.inactive" } });
  });

  it("refuses an actor without account.manage, and no actor at all", async () => {
    const input = await newUserInput("TUYEN-QUANG");
    await expect(createUser(db, tqOfficer, input)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(createUser(db, null, input)).rejects.toBeInstanceOf(UnauthenticatedError);
    expect(await countRows(db, users, eq(users.username, input.username))).toBe(0);
  });
});

describe("changeOwnPassword", () => {
  it("refuses a wrong current password", async () => {
    const user = await makeUser(db, { unitCode: "HA-NOI" });
    const actor = await actorFor(db, user.username);
    const error = await changeOwnPassword(db, actor, { currentPassword: "không phải mật khẩu", newPassword: NEW_PASSWORD }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error).toMatchObject({ fieldErrors: { currentPassword: "password.wrongCurrent" } });
    expect((await userByUsername(db, user.username)).sessionVersion).toBe(user.sessionVersion);
  });

  it("refuses a weak new password", async () => {
    const user = await makeUser(db, { unitCode: "HA-NOI" });
    const actor = await actorFor(db, user.username);
    const error = await changeOwnPassword(db, actor, { currentPassword: user.password, newPassword: "qwertyuiop" }).catch((e: unknown) => e);
    expect(error).toMatchObject({ fieldErrors: { newPassword: "password.weak" } });
  });

  it("refuses the current password and recent ones as the new password", async () => {
    const user = await makeUser(db, { unitCode: "HA-NOI" });
    let actor = await actorFor(db, user.username);
    const same = await changeOwnPassword(db, actor, { currentPassword: user.password, newPassword: user.password }).catch((e: unknown) => e);
    expect(same).toMatchObject({ fieldErrors: { newPassword: "password.reused" } });

    await changeOwnPassword(db, actor, { currentPassword: user.password, newPassword: NEW_PASSWORD });
    actor = await actorFor(db, user.username);
    const back = await changeOwnPassword(db, actor, { currentPassword: NEW_PASSWORD, newPassword: user.password }).catch((e: unknown) => e);
    expect(back).toMatchObject({ fieldErrors: { newPassword: "password.reused" } });
  });

  it("changes the password, bumps the session version, clears mustChangePassword and ends the old session", async () => {
    const user = await makeUser(db, { unitCode: "HA-NOI", mustChangePassword: true });
    const actor = await actorFor(db, user.username);
    const mailBefore = await countRows(db, mailOutbox, eq(mailOutbox.toAddress, user.email!));
    const result = await changeOwnPassword(db, actor, { currentPassword: user.password, newPassword: NEW_PASSWORD });
    expect(result).toEqual({ sessionVersion: user.sessionVersion + 1, username: user.username });

    const row = await userByUsername(db, user.username);
    expect(row.sessionVersion).toBe(user.sessionVersion + 1);
    expect(row.mustChangePassword).toBe(false);
    expect(await verifyPassword(row.passwordHash, NEW_PASSWORD)).toBe(true);
    expect(await verifyPassword(row.passwordHash, user.password)).toBe(false);
    expect(await countRows(db, passwordHistory, eq(passwordHistory.userId, user.id))).toBe(2);

    // The session issued before the change no longer gives an actor; a new one does.
    expect(await loadActor(db, { userId: user.id, sessionVersion: user.sessionVersion })).toBeNull();
    expect(await loadActor(db, { userId: user.id, sessionVersion: result.sessionVersion })).not.toBeNull();

    const audit = await lastAudit("account.changeOwnPassword", user.id);
    expect(audit).toMatchObject({ actorId: user.id, changes: { password: { to: "[ẩn]" } } });
    const notices = await db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, user.email!));
    expect(notices).toHaveLength(mailBefore + 1);
    expect(notices.at(-1)!.subject).toBe(t("mail.passwordChanged.subject"));

    // Sign-in now works with the new password only.
    expect((await verifySignIn(db, { login: user.username, password: NEW_PASSWORD, ip: null })).ok).toBe(true);
    expect((await verifySignIn(db, { login: user.username, password: user.password, ip: null })).ok).toBe(false);
  });

  it("refuses without an actor", async () => {
    await expect(changeOwnPassword(db, null, { currentPassword: "a", newPassword: NEW_PASSWORD })).rejects.toBeInstanceOf(UnauthenticatedError);
  });
});

describe("setUserDisabled", () => {
  it("disabling bumps the session version, ends sessions and blocks sign-in; enabling bumps it again", async () => {
    const user = await makeUser(db, { unitCode: "HA-NOI-HOAN-KIEM" });
    await setUserDisabled(db, hanoiAdmin, { id: user.id, disabled: true });
    let row = await userByUsername(db, user.username);
    expect(row.disabledAt).not.toBeNull();
    expect(row.sessionVersion).toBe(user.sessionVersion + 1);
    expect(await loadActor(db, { userId: user.id, sessionVersion: user.sessionVersion })).toBeNull();
    expect(await loadActor(db, { userId: user.id, sessionVersion: row.sessionVersion })).toBeNull();
    expect(await verifySignIn(db, { login: user.username, password: user.password, ip: null })).toEqual({ ok: false, reason: "invalid" });
    expect(await lastAudit("account.disableUser", user.id)).toMatchObject({ changes: { disabled: { from: false, to: true } } });

    // Disabling again changes nothing.
    await setUserDisabled(db, hanoiAdmin, { id: user.id, disabled: true });
    expect((await userByUsername(db, user.username)).sessionVersion).toBe(user.sessionVersion + 1);

    await setUserDisabled(db, hanoiAdmin, { id: user.id, disabled: false });
    row = await userByUsername(db, user.username);
    expect(row.disabledAt).toBeNull();
    expect(row.sessionVersion).toBe(user.sessionVersion + 2);
    expect(await loadActor(db, { userId: user.id, sessionVersion: row.sessionVersion })).not.toBeNull();
    expect(await lastAudit("account.enableUser", user.id)).toBeDefined();
  });

  it("refuses to let administrators disable themselves", async () => {
    const before = await userByUsername(db, "hanoi.quantri");
    const error = await setUserDisabled(db, hanoiAdmin, { id: hanoiAdmin.userId, disabled: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error).toMatchObject({ messageKey: "account.selfDisable" });
    const after = await userByUsername(db, "hanoi.quantri");
    expect(after.disabledAt).toBeNull();
    expect(after.sessionVersion).toBe(before.sessionVersion);
  });

  it("an account outside the scope reads as not found and is left alone", async () => {
    const tqUser = await makeUser(db, { unitCode: "TUYEN-QUANG" });
    await expect(setUserDisabled(db, hanoiAdmin, { id: tqUser.id, disabled: true })).rejects.toBeInstanceOf(NotFoundError);
    const row = await userByUsername(db, tqUser.username);
    expect(row.disabledAt).toBeNull();
    expect(row.sessionVersion).toBe(tqUser.sessionVersion);
  });
});

describe("resetUserPassword", () => {
  it("sets a temporary password the user must change, and ends the user's sessions", async () => {
    const user = await makeUser(db, { unitCode: "HA-NOI" });
    await resetUserPassword(db, hanoiAdmin, { id: user.id, temporaryPassword: TEMP_PASSWORD });
    const row = await userByUsername(db, user.username);
    expect(row.mustChangePassword).toBe(true);
    expect(row.sessionVersion).toBe(user.sessionVersion + 1);
    expect(await verifyPassword(row.passwordHash, TEMP_PASSWORD)).toBe(true);
    expect(await countRows(db, passwordHistory, eq(passwordHistory.userId, user.id))).toBe(2);
    const audit = await lastAudit("account.resetPassword", user.id);
    expect(audit).toMatchObject({ actorId: hanoiAdmin.userId, changes: { password: { to: "[ẩn]" } } });
    expect(JSON.stringify(audit!.changes)).not.toContain(TEMP_PASSWORD);
  });

  it("refuses a weak temporary password and changes nothing", async () => {
    const user = await makeUser(db, { unitCode: "HA-NOI" });
    const before = await snapshot();
    const error = await resetUserPassword(db, hanoiAdmin, { id: user.id, temporaryPassword: "1234567890" }).catch((e: unknown) => e);
    expect(error).toMatchObject({ fieldErrors: { temporaryPassword: "password.weak" } });
    expect(await snapshot()).toEqual(before);
    const row = await userByUsername(db, user.username);
    expect(row.mustChangePassword).toBe(false);
    expect(await verifyPassword(row.passwordHash, user.password)).toBe(true);
  });

  it("refuses an account outside the scope", async () => {
    const tqUser = await makeUser(db, { unitCode: "TUYEN-QUANG" });
    await expect(resetUserPassword(db, hanoiAdmin, { id: tqUser.id, temporaryPassword: TEMP_PASSWORD })).rejects.toBeInstanceOf(NotFoundError);
    expect((await userByUsername(db, tqUser.username)).mustChangePassword).toBe(false);
  });
});

describe("assignRole and removeRole", () => {
  it("assigns a role at a unit in scope, once", async () => {
    const user = await makeUser(db, { unitCode: "HA-NOI" });
    const unit = await unitByCode(db, "HA-NOI-DONG-ANH");
    const { id } = await assignRole(db, hanoiAdmin, { userId: user.id, role: "clerk", unitId: unit.id });
    expect(await assignmentId(db, user.id, "clerk", unit.id)).toBe(id);
    expect(await lastAudit("account.assignRole", user.id)).toMatchObject({ unitId: unit.id, changes: { role: { to: `clerk@${unit.name}` } } });

    const error = await assignRole(db, hanoiAdmin, { userId: user.id, role: "clerk", unitId: unit.id }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({ fieldErrors: { role: "account.roleExists" } });
  });

  it("refuses a unit or an account outside the scope, and a dissolved unit", async () => {
    const user = await makeUser(db, { unitCode: "HA-NOI" });
    const tqUnit = await unitByCode(db, "TUYEN-QUANG");
    const tqUser = await makeUser(db, { unitCode: "TUYEN-QUANG" });
    const hanoi = await unitByCode(db, "HA-NOI");
    const before = await countRows(db, roleAssignments);
    await expect(assignRole(db, hanoiAdmin, { userId: user.id, role: "leader", unitId: tqUnit.id })).rejects.toBeInstanceOf(NotFoundError);
    await expect(assignRole(db, hanoiAdmin, { userId: tqUser.id, role: "leader", unitId: hanoi.id })).rejects.toBeInstanceOf(NotFoundError);
    const dissolved = await unitByCode(db, "HA-GIANG-CU");
    const error = await assignRole(db, rootAdmin, { userId: user.id, role: "leader", unitId: dissolved.id }).catch((e: unknown) => e);
    expect(error).toMatchObject({ fieldErrors: { unitId: "unit.inactive" } });
    expect(await countRows(db, roleAssignments)).toBe(before);
  });

  it("removes a role in scope; a role outside the scope reads as not found", async () => {
    const user = await makeUser(db, { unitCode: "HA-NOI", role: "editor" });
    const hanoi = await unitByCode(db, "HA-NOI");
    const id = (await assignmentId(db, user.id, "editor", hanoi.id))!;
    const tqUser = await makeUser(db, { unitCode: "TUYEN-QUANG", role: "editor" });
    const tqId = (await assignmentId(db, tqUser.id, "editor", (await unitByCode(db, "TUYEN-QUANG")).id))!;

    await expect(removeRole(db, hanoiAdmin, { assignmentId: tqId })).rejects.toBeInstanceOf(NotFoundError);
    expect(await countRows(db, roleAssignments, eq(roleAssignments.id, tqId))).toBe(1);

    await removeRole(db, hanoiAdmin, { assignmentId: id });
    expect(await countRows(db, roleAssignments, eq(roleAssignments.id, id))).toBe(0);
    expect(await lastAudit("account.removeRole", user.id)).toMatchObject({ changes: { role: { from: `editor@${hanoi.name}` } } });
  });

  it("never removes the last (enabled) administrator of the root unit", async () => {
    const root = await unitByCode(db, "TW");
    const adminUser = await userByUsername(db, "admin");
    const adminAssignment = (await assignmentId(db, adminUser.id, "administrator", root.id))!;
    const lastAdmin = () => removeRole(db, rootAdmin, { assignmentId: adminAssignment });

    await expect(lastAdmin()).rejects.toMatchObject({ messageKey: "account.lastAdmin" });
    expect(await countRows(db, roleAssignments, eq(roleAssignments.id, adminAssignment))).toBe(1);

    // A disabled second administrator does not count.
    const second = await makeUser(db, { unitCode: "TW", role: "administrator" });
    await setUserDisabled(db, rootAdmin, { id: second.id, disabled: true });
    await expect(lastAdmin()).rejects.toBeInstanceOf(InvalidInputError);

    // With an enabled second administrator, one of the two may go; then the other is the last.
    await setUserDisabled(db, rootAdmin, { id: second.id, disabled: false });
    const secondAssignment = (await assignmentId(db, second.id, "administrator", root.id))!;
    await removeRole(db, rootAdmin, { assignmentId: secondAssignment });
    await expect(lastAdmin()).rejects.toMatchObject({ messageKey: "account.lastAdmin" });
    expect(await countRows(db, roleAssignments, eq(roleAssignments.id, adminAssignment))).toBe(1);
  });

  it("an administrator below the root may lose their role (only the root must keep one)", async () => {
    const user = await makeUser(db, { unitCode: "HA-NOI", role: "administrator" });
    const id = (await assignmentId(db, user.id, "administrator", (await unitByCode(db, "HA-NOI")).id))!;
    await removeRole(db, rootAdmin, { assignmentId: id });
    expect(await countRows(db, roleAssignments, eq(roleAssignments.id, id))).toBe(0);
  });
});

describe("listUsers and getUser: scope", () => {
  /** Every user's id with the path of their home unit, read straight from the tables. */
  async function homePaths() {
    const rows = await db.select({ id: users.id, path: units.path }).from(users).innerJoin(units, eq(units.id, users.homeUnitId));
    return new Map(rows.map((r) => [r.id, r.path]));
  }

  it("the Hà Nội administrator sees exactly the users homed under Hà Nội", async () => {
    const hanoi = await unitByCode(db, "HA-NOI");
    const branchUser = await makeUser(db, { unitCode: "HA-NOI-BA-DINH-CH1" });
    const tqUser = await makeUser(db, { unitCode: "TUYEN-QUANG-MINH-XUAN" });
    const { rows, total } = await listUsers(db, hanoiAdmin, { page: 1, pageSize: 1000, includeDisabled: true });
    expect(rows).toHaveLength(total);
    const names = rows.map((r) => r.username);
    expect(names).toEqual(expect.arrayContaining(["hanoi.quantri", "hanoi.canbo", "hanoi.ctv", "hoivien", branchUser.username]));
    expect(names).not.toContain(tqUser.username);
    expect(names).not.toContain("tuyenquang.canbo");
    expect(names).not.toContain("admin");
    // Exactly the users whose home unit is Hà Nội or lies below it, by a plain prefix check.
    const paths = await homePaths();
    const underHanoi = [...paths].filter(([, path]) => path === hanoi.path || path.startsWith(`${hanoi.path}.`)).map(([id]) => id);
    expect(rows.map((r) => r.id).sort()).toEqual(underHanoi.sort());
  });

  it("an officer reads only their own province's users", async () => {
    const { rows } = await listUsers(db, tqOfficer, { page: 1, pageSize: 1000 });
    const names = rows.map((r) => r.username);
    expect(names).toContain("tuyenquang.canbo");
    expect(names).not.toContain("hanoi.quantri");
    expect(names).not.toContain("admin");
  });

  it("the root administrator sees both provinces", async () => {
    const { rows } = await listUsers(db, rootAdmin, { page: 1, pageSize: 1000 });
    expect(rows.map((r) => r.username)).toEqual(expect.arrayContaining(["admin", "hanoi.quantri", "tuyenquang.canbo"]));
  });

  it("an account id from another province is not found, for reading and for writing", async () => {
    const tqUser = await makeUser(db, { unitCode: "TUYEN-QUANG" });
    await expect(getUser(db, hanoiAdmin, tqUser.id)).rejects.toBeInstanceOf(NotFoundError);
    const hanoi = await unitByCode(db, "HA-NOI");
    await expect(
      updateUser(db, hanoiAdmin, { id: tqUser.id, fullName: "Đổi Tên", email: null, homeUnitId: hanoi.id }),
    ).rejects.toBeInstanceOf(NotFoundError);
    expect((await userByUsername(db, tqUser.username)).fullName).toBe(tqUser.fullName);
    const seen = await getUser(db, rootAdmin, tqUser.id);
    expect(seen.user.id).toBe(tqUser.id);
    expect(seen.user).not.toHaveProperty("passwordHash");
  });

  it("getUser shows only the roles held at units the viewer can see", async () => {
    const user = await makeUser(db, { unitCode: "HA-NOI", role: "officer" });
    await addRole(db, user.id, "leader", "TUYEN-QUANG");
    const seenByHanoi = await getUser(db, hanoiAdmin, user.id);
    expect(seenByHanoi.roles.map((r) => r.role)).toEqual(["officer"]);
    const seenByRoot = await getUser(db, rootAdmin, user.id);
    expect(seenByRoot.roles.map((r) => r.role).sort()).toEqual(["leader", "officer"]);
  });

  it("a unit filter outside the scope is not found", async () => {
    const tq = await unitByCode(db, "TUYEN-QUANG");
    await expect(listUsers(db, hanoiAdmin, { page: 1, pageSize: 10, unitId: tq.id })).rejects.toBeInstanceOf(NotFoundError);
  });

  it("searches names without diacritics, filters by role and hides disabled accounts unless asked", async () => {
    const found = await listUsers(db, hanoiAdmin, { page: 1, pageSize: 50, q: "quan tri" });
    expect(found.rows.map((r) => r.username)).toContain("hanoi.quantri");
    expect(found.rows.map((r) => r.username)).not.toContain("admin");

    const collaborators = await listUsers(db, hanoiAdmin, { page: 1, pageSize: 50, role: "collaborator" });
    expect(collaborators.rows.map((r) => r.username)).toContain("hanoi.ctv");
    expect(collaborators.rows.every((r) => r.roles.includes("collaborator"))).toBe(true);

    const disabled = await makeUser(db, { unitCode: "HA-NOI", disabled: true });
    const active = await listUsers(db, hanoiAdmin, { page: 1, pageSize: 1000 });
    expect(active.rows.map((r) => r.id)).not.toContain(disabled.id);
    const all = await listUsers(db, hanoiAdmin, { page: 1, pageSize: 1000, includeDisabled: true });
    expect(all.rows.map((r) => r.id)).toContain(disabled.id);
  });

  it("pages through the list with a stable order", async () => {
    const full = await listUsers(db, hanoiAdmin, { page: 1, pageSize: 1000, sort: "username" });
    const page2 = await listUsers(db, hanoiAdmin, { page: 2, pageSize: 2, sort: "username" });
    expect(page2.total).toBe(full.total);
    expect(page2.rows.map((r) => r.id)).toEqual(full.rows.slice(2, 4).map((r) => r.id));
  });

  it("refuses an actor without account.read", async () => {
    const member = await actorFor(db, "hoivien");
    await expect(listUsers(db, member, { page: 1, pageSize: 10 })).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe("updateUser and updateOwnProfile", () => {
  it("updates a user in scope, with an audit entry of the masked changes", async () => {
    const user = await makeUser(db, { unitCode: "HA-NOI" });
    const target = await unitByCode(db, "HA-NOI-SOC-SON");
    await updateUser(db, hanoiAdmin, { id: user.id, fullName: "Tên Mới", email: "ten.moi@example.vn", homeUnitId: target.id });
    const row = await userByUsername(db, user.username);
    expect(row).toMatchObject({ fullName: "Tên Mới", email: "ten.moi@example.vn", homeUnitId: target.id });
    const audit = await lastAudit("account.updateUser", user.id);
    expect(audit!.changes).toMatchObject({ fullName: { to: "Tên Mới" }, email: { to: "t***@example.vn" }, homeUnitId: { to: target.id } });
  });

  it("refuses to move a user to a unit outside the scope", async () => {
    const user = await makeUser(db, { unitCode: "HA-NOI" });
    const tq = await unitByCode(db, "TUYEN-QUANG");
    await expect(updateUser(db, hanoiAdmin, { id: user.id, fullName: user.fullName, email: user.email, homeUnitId: tq.id })).rejects.toBeInstanceOf(NotFoundError);
    expect((await userByUsername(db, user.username)).homeUnitId).toBe(user.homeUnitId);
  });

  it("refuses another account's e-mail in one's own profile", async () => {
    const me = await makeUser(db, { unitCode: "HA-NOI" });
    const other = await makeUser(db, { unitCode: "TUYEN-QUANG" });
    const actor = await actorFor(db, me.username);
    await expect(updateOwnProfile(db, actor, { fullName: me.fullName, email: other.email })).rejects.toMatchObject({
      fieldErrors: { email: "account.emailTaken" },
    });
    await updateOwnProfile(db, actor, { fullName: "Tên Tự Sửa", email: me.email });
    expect((await userByUsername(db, me.username)).fullName).toBe("Tên Tự Sửa");
  });
});
