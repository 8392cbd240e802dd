import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, desc, eq } from "drizzle-orm";
import { auditLog, orgSettings, roleAssignments } from "@/db/schema";
import { DEMO_ORG, seedDemo } from "@/db/seed/demo";
import type { Actor } from "@/lib/auth/actor";
import { ConflictError, ForbiddenError, UnauthenticatedError } from "@/lib/auth/errors";
import type { DatabaseHandle, Db } from "@/lib/db";
import { updateSettingsInput, type UpdateSettingsInput } from "@/lib/org/schemas";
import { getRootUnit, getSettings, updateSettings } from "@/lib/org/settings";
import { createUnit } from "@/lib/org/units";
import { createTestDatabase } from "../helpers/db";
import { actorFor, countRows, makeUser, uniqueCode, unitByCode } from "../helpers/fixtures";

let handle: DatabaseHandle;
let db: Db;
let rootAdmin: Actor;
let hanoiAdmin: Actor;

beforeAll(async () => {
  handle = await createTestDatabase();
  db = handle.db;
  await seedDemo(db);
  rootAdmin = await actorFor(db, "admin");
  hanoiAdmin = await actorFor(db, "hanoi.quantri");
});
afterAll(async () => handle?.close());

/** The current settings as a valid input, with some fields changed. */
async function settingsInput(changes: Partial<UpdateSettingsInput> = {}): Promise<UpdateSettingsInput> {
  const current = (await getSettings(db))!;
  return updateSettingsInput.parse({
    orgName: current.orgName,
    shortName: current.shortName,
    memberTerm: current.memberTerm,
    levelNames: current.levelNames,
    numberingStyle: current.numberingStyle,
    address: current.address,
    phone: current.phone,
    email: current.email,
    ...changes,
  });
}

describe("getSettings and getRootUnit", () => {
  it("read the seeded organisation and its root", async () => {
    expect(await getSettings(db)).toMatchObject({ id: 1, orgName: DEMO_ORG.orgName, levelNames: DEMO_ORG.levelNames });
    const root = await getRootUnit(db);
    expect(root).toMatchObject({ code: "TW", parentId: null, level: 0 });
  });
});

describe("updateSettings", () => {
  it("a root administrator updates the settings, with the differences in the audit log", async () => {
    const input = await settingsInput({ shortName: "Hội Cựu TNXP", memberTerm: "đoàn viên", numberingStyle: "ND30" });
    const saved = await updateSettings(db, rootAdmin, input);
    expect(saved).toMatchObject({ shortName: "Hội Cựu TNXP", memberTerm: "đoàn viên", numberingStyle: "ND30" });
    expect(await getSettings(db)).toMatchObject({ shortName: "Hội Cựu TNXP", memberTerm: "đoàn viên" });
    expect(await countRows(db, orgSettings)).toBe(1);

    const [audit] = await db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, "org.updateSettings"))
      .orderBy(desc(auditLog.id))
      .limit(1);
    const root = await getRootUnit(db);
    expect(audit).toMatchObject({ actorId: rootAdmin.userId, unitId: root!.id, entityType: "org_settings", outcome: "ok" });
    expect(audit!.changes).toEqual({
      shortName: { from: DEMO_ORG.shortName, to: "Hội Cựu TNXP" },
      memberTerm: { from: DEMO_ORG.memberTerm, to: "đoàn viên" },
      numberingStyle: { from: DEMO_ORG.numberingStyle, to: "ND30" },
    });
  });

  it("the Hà Nội administrator holds the permission only below the root: forbidden, nothing changes", async () => {
    const before = await getSettings(db);
    const auditBefore = await countRows(db, auditLog, eq(auditLog.action, "org.updateSettings"));
    await expect(updateSettings(db, hanoiAdmin, await settingsInput({ orgName: "Chiếm quyền" }))).rejects.toBeInstanceOf(ForbiddenError);
    expect(await getSettings(db)).toEqual(before);
    expect(await countRows(db, auditLog, eq(auditLog.action, "org.updateSettings"))).toBe(auditBefore);
  });

  it("a root leader (no settings permission), a root administrator who must change password, and no actor are refused", async () => {
    const before = await getSettings(db);
    const leader = await actorFor(db, "lanhdao");
    await expect(updateSettings(db, leader, await settingsInput({ orgName: "Lãnh đạo sửa" }))).rejects.toBeInstanceOf(ForbiddenError);
    const pending = await makeUser(db, { unitCode: "TW", role: "administrator", mustChangePassword: true });
    const pendingActor = await actorFor(db, pending.username);
    await expect(updateSettings(db, pendingActor, await settingsInput({ orgName: "Chưa đổi mật khẩu" }))).rejects.toBeInstanceOf(ForbiddenError);
    await expect(updateSettings(db, null, await settingsInput())).rejects.toBeInstanceOf(UnauthenticatedError);
    expect(await getSettings(db)).toEqual(before);
  });

  it("a root administrator acting for another unit (unit switcher) cannot change them either", async () => {
    const both = await makeUser(db, { unitCode: "TW", role: "administrator" });
    const hanoi = await unitByCode(db, "HA-NOI");
    await db.insert(roleAssignments).values({ userId: both.id, role: "administrator", unitId: hanoi.id });
    const atHanoi = await actorFor(db, both.username, { activeUnitId: hanoi.id });
    await expect(updateSettings(db, atHanoi, await settingsInput({ orgName: "Từ Hà Nội" }))).rejects.toBeInstanceOf(ForbiddenError);
    const atRoot = await actorFor(db, both.username, { activeUnitId: (await unitByCode(db, "TW")).id });
    await updateSettings(db, atRoot, await settingsInput({ phone: "024 1111 2222" }));
    expect((await getSettings(db))!.phone).toBe("024 1111 2222");
  });

  it("refuses fewer levels than the deepest level in use, and allows more", async () => {
    const before = await getSettings(db);
    const threeLevels = await settingsInput({ levelNames: ["Trung ương", "Tỉnh", "Cơ sở"] });
    const error = await updateSettings(db, rootAdmin, threeLevels).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({ messageKey: "settings.levelInUse", fieldErrors: { levelNames: "settings.levelInUse" } });
    expect((await getSettings(db))!.levelNames).toEqual(before!.levelNames);

    // Four levels (0–3) are in use, so four names are the minimum; a fifth level can be added.
    const five = [...before!.levelNames, "Tổ hội"];
    await updateSettings(db, rootAdmin, await settingsInput({ levelNames: five }));
    expect((await getSettings(db))!.levelNames).toEqual(five);

    // Once a unit exists at the new fifth level, going back to four is refused.
    const branch = await unitByCode(db, "HA-NOI-BA-DINH-CH1");
    await createUnit(db, rootAdmin, { parentId: branch.id, name: "Tổ hội số 1", code: uniqueCode("TO"), level: 4 });
    await expect(updateSettings(db, rootAdmin, await settingsInput({ levelNames: before!.levelNames }))).rejects.toMatchObject({
      messageKey: "settings.levelInUse",
    });
    expect((await getSettings(db))!.levelNames).toEqual(five);
  });

  it("an update with no change records an audit entry with no differences", async () => {
    const input = await settingsInput();
    await updateSettings(db, rootAdmin, input);
    const [audit] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "org.updateSettings"), eq(auditLog.actorId, rootAdmin.userId)))
      .orderBy(desc(auditLog.id))
      .limit(1);
    expect(audit!.changes).toEqual({});
  });
});
