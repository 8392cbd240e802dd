import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, isNull } from "drizzle-orm";
import { auditLog, signInAttempts } from "@/db/schema";
import { seedDemo } from "@/db/seed/demo";
import { DEMO_PASSWORD } from "@/db/seed/accounts";
import { verifySignIn } from "@/lib/auth/sign-in";
import { THROTTLE, ipKey, userKey } from "@/lib/auth/throttle";
import type { DatabaseHandle, Db } from "@/lib/db";
import { createTestDatabase } from "../helpers/db";
import { countRows, makeUser, uniqueName, userByUsername } from "../helpers/fixtures";

let handle: DatabaseHandle;
let db: Db;

// Each test signs in from addresses of its own, so the per-IP counter of one test never
// throttles another.
let ipCounter = 0;
const freshIp = () => `198.51.${Math.floor(++ipCounter / 250)}.${ipCounter % 250}`;

beforeAll(async () => {
  handle = await createTestDatabase();
  db = handle.db;
  await seedDemo(db);
});
afterAll(async () => handle?.close());

describe("verifySignIn: credentials", () => {
  it("accepts the right password by username and records the sign-in", async () => {
    const user = await makeUser(db, { unitCode: "HA-NOI" });
    const before = Date.now();
    const outcome = await verifySignIn(db, { login: user.username, password: user.password, ip: freshIp() });
    expect(outcome).toEqual({
      ok: true,
      user: { id: user.id, name: user.fullName, email: user.email, sessionVersion: user.sessionVersion },
    });
    const row = await userByUsername(db, user.username);
    expect(row.lastSignInAt).not.toBeNull();
    expect(row.lastSignInAt!.getTime()).toBeGreaterThanOrEqual(before - 5_000);
  });

  it("accepts the username in any case and with surrounding spaces", async () => {
    const user = await makeUser(db, { unitCode: "HA-NOI" });
    const outcome = await verifySignIn(db, { login: `  ${user.username.toUpperCase()} `, password: user.password, ip: freshIp() });
    expect(outcome.ok).toBe(true);
  });

  it("accepts the e-mail address instead of the username, case-insensitively", async () => {
    const user = await makeUser(db, { unitCode: "TUYEN-QUANG" });
    const byEmail = await verifySignIn(db, { login: user.email!, password: user.password, ip: freshIp() });
    expect(byEmail.ok && byEmail.user.id).toBe(user.id);
    const shouted = await verifySignIn(db, { login: user.email!.toUpperCase(), password: user.password, ip: freshIp() });
    expect(shouted.ok && shouted.user.id).toBe(user.id);
  });

  it("signs in a seeded demo account with the demo password", async () => {
    const outcome = await verifySignIn(db, { login: "hanoi.quantri", password: DEMO_PASSWORD, ip: freshIp() });
    expect(outcome.ok).toBe(true);
  });

  it("answers 'invalid' for a wrong password and for an unknown account alike", async () => {
    const user = await makeUser(db, { unitCode: "HA-NOI" });
    const wrong = await verifySignIn(db, { login: user.username, password: `${user.password}!`, ip: freshIp() });
    const unknown = await verifySignIn(db, { login: uniqueName("ghost"), password: user.password, ip: freshIp() });
    expect(wrong).toEqual({ ok: false, reason: "invalid" });
    expect(unknown).toEqual({ ok: false, reason: "invalid" });
  });

  it("answers 'invalid' for empty input without touching the attempts table", async () => {
    const attempts = await countRows(db, signInAttempts);
    expect(await verifySignIn(db, { login: "   ", password: "x", ip: freshIp() })).toEqual({ ok: false, reason: "invalid" });
    expect(await verifySignIn(db, { login: "admin", password: "", ip: freshIp() })).toEqual({ ok: false, reason: "invalid" });
    expect(await countRows(db, signInAttempts)).toBe(attempts);
  });

  it("answers 'invalid' for a disabled account even with the right password", async () => {
    const user = await makeUser(db, { unitCode: "HA-NOI", disabled: true });
    const outcome = await verifySignIn(db, { login: user.username, password: user.password, ip: freshIp() });
    expect(outcome).toEqual({ ok: false, reason: "invalid" });
    expect((await userByUsername(db, user.username)).lastSignInAt).toBeNull();
  });

  it("writes a 'denied' audit entry for every failure, naming the account when it exists", async () => {
    const user = await makeUser(db, { unitCode: "HA-NOI-CAU-GIAY" });
    const ip = freshIp();
    await verifySignIn(db, { login: user.username, password: "wrong password here", ip });
    const entries = await db.select().from(auditLog).where(and(eq(auditLog.action, "auth.signIn"), eq(auditLog.entityId, user.id)));
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      outcome: "denied",
      entityType: "user",
      unitId: user.homeUnitId,
      actorId: null,
    });

    const unknownBefore = await countRows(db, auditLog, and(eq(auditLog.action, "auth.signIn"), isNull(auditLog.entityId)));
    await verifySignIn(db, { login: uniqueName("ghost"), password: "whatever it is", ip });
    const unknownAfter = await countRows(db, auditLog, and(eq(auditLog.action, "auth.signIn"), isNull(auditLog.entityId)));
    expect(unknownAfter).toBe(unknownBefore + 1);
  });

  it("writes no audit entry for a success", async () => {
    const user = await makeUser(db, { unitCode: "HA-NOI" });
    await verifySignIn(db, { login: user.username, password: user.password, ip: freshIp() });
    expect(await countRows(db, auditLog, eq(auditLog.entityId, user.id))).toBe(0);
  });
});

describe("verifySignIn: throttling", () => {
  it("after 5 failures the 6th attempt is throttled even with the right password; others are unaffected", async () => {
    expect(THROTTLE.perAccount).toBe(5);
    const victim = await makeUser(db, { unitCode: "HA-NOI" });
    const bystander = await makeUser(db, { unitCode: "TUYEN-QUANG" });
    const attackerIp = freshIp();
    for (let i = 0; i < THROTTLE.perAccount; i++) {
      const outcome = await verifySignIn(db, { login: victim.username, password: `sai mật khẩu ${i}`, ip: attackerIp });
      expect(outcome).toEqual({ ok: false, reason: "invalid" });
    }
    expect(await verifySignIn(db, { login: victim.username, password: victim.password, ip: attackerIp })).toEqual({
      ok: false,
      reason: "throttled",
    });
    // The account is throttled whatever address the attempt comes from, and by e-mail too.
    for (const login of [victim.username, victim.email!, victim.email!.toUpperCase()]) {
      expect(await verifySignIn(db, { login, password: victim.password, ip: freshIp() })).toEqual({
        ok: false,
        reason: "throttled",
      });
    }
    // Another account from another address signs in normally.
    const other = await verifySignIn(db, { login: bystander.username, password: bystander.password, ip: freshIp() });
    expect(other.ok).toBe(true);
    // A throttled attempt is not even checked, so it is not counted as a further failure.
    expect(await countRows(db, auditLog, and(eq(auditLog.action, "auth.signIn"), eq(auditLog.entityId, victim.id)))).toBe(
      THROTTLE.perAccount,
    );
  });

  it("30 failures from one address throttle that address for every account", async () => {
    expect(THROTTLE.perIp).toBe(30);
    const ip = freshIp();
    // Different logins each time, so no single account reaches its own limit.
    for (let i = 0; i < THROTTLE.perIp; i++) {
      const outcome = await verifySignIn(db, { login: uniqueName("spray"), password: "Mật khẩu đoán bừa", ip });
      expect(outcome.ok).toBe(false);
    }
    expect(await countRows(db, signInAttempts, and(eq(signInAttempts.key, ipKey(ip)), eq(signInAttempts.succeeded, false)))).toBe(30);
    const user = await makeUser(db, { unitCode: "HA-NOI" });
    expect(await verifySignIn(db, { login: user.username, password: user.password, ip })).toEqual({ ok: false, reason: "throttled" });
    expect(await verifySignIn(db, { login: "admin", password: DEMO_PASSWORD, ip })).toEqual({ ok: false, reason: "throttled" });
    // The same account from another address is fine: its own counter is clean.
    expect((await verifySignIn(db, { login: user.username, password: user.password, ip: freshIp() })).ok).toBe(true);
  });

  it("29 failures from one address do not throttle it yet", async () => {
    const ip = freshIp();
    for (let i = 0; i < THROTTLE.perIp - 1; i++) {
      await verifySignIn(db, { login: uniqueName("spray"), password: "Mật khẩu đoán bừa", ip });
    }
    const user = await makeUser(db, { unitCode: "HA-NOI" });
    expect((await verifySignIn(db, { login: user.username, password: user.password, ip })).ok).toBe(true);
  });

  it("a success does not forgive the address's failures", async () => {
    const ip = freshIp();
    const insider = await makeUser(db, { unitCode: "HA-NOI" });
    for (let i = 0; i < THROTTLE.perIp - 1; i++) {
      await verifySignIn(db, { login: uniqueName("spray"), password: "Mật khẩu đoán bừa", ip });
    }
    // One valid account from the same address signs in...
    expect((await verifySignIn(db, { login: insider.username, password: insider.password, ip })).ok).toBe(true);
    // ...but the address's earlier failures still count towards its limit.
    await verifySignIn(db, { login: uniqueName("spray"), password: "Mật khẩu đoán bừa", ip });
    expect(await verifySignIn(db, { login: insider.username, password: insider.password, ip })).toEqual({ ok: false, reason: "throttled" });
  });

  it("a success resets the account's counter", async () => {
    const user = await makeUser(db, { unitCode: "HA-NOI" });
    const ip = freshIp();
    const fail = () => verifySignIn(db, { login: user.username, password: "không đúng đâu", ip });
    for (let i = 0; i < THROTTLE.perAccount - 1; i++) await fail();
    expect((await verifySignIn(db, { login: user.username, password: user.password, ip })).ok).toBe(true);
    // Four more failures after the success: 8 in the window, but only 4 since the success.
    for (let i = 0; i < THROTTLE.perAccount - 1; i++) await fail();
    expect((await verifySignIn(db, { login: user.username, password: user.password, ip })).ok).toBe(true);
    // The limit still applies after a reset.
    for (let i = 0; i < THROTTLE.perAccount; i++) await fail();
    expect(await verifySignIn(db, { login: user.username, password: user.password, ip })).toEqual({ ok: false, reason: "throttled" });
  });

  it("failures older than the window no longer count", async () => {
    const user = await makeUser(db, { unitCode: "HA-NOI" });
    const old = new Date(Date.now() - (THROTTLE.windowMinutes + 1) * 60_000);
    await db.insert(signInAttempts).values(
      Array.from({ length: THROTTLE.perAccount }, () => ({ key: userKey(user.id), succeeded: false, at: old })),
    );
    expect((await verifySignIn(db, { login: user.username, password: user.password, ip: freshIp() })).ok).toBe(true);
  });

  it("failures by username and by e-mail count against the same account", async () => {
    const user = await makeUser(db, { unitCode: "HA-NOI" });
    const ip = freshIp();
    const logins = [user.username, user.email!, user.username.toUpperCase(), user.email!.toUpperCase(), user.username];
    for (const login of logins) {
      expect(await verifySignIn(db, { login, password: "vẫn sai mật khẩu", ip })).toEqual({ ok: false, reason: "invalid" });
    }
    expect(await verifySignIn(db, { login: user.email!, password: user.password, ip: freshIp() })).toEqual({
      ok: false,
      reason: "throttled",
    });
  });

  it("an unknown login is throttled after 5 failures too, exactly like a real account", async () => {
    const ghost = uniqueName("ghost");
    const ip = freshIp();
    for (let i = 0; i < THROTTLE.perAccount; i++) {
      expect(await verifySignIn(db, { login: ghost, password: "đoán thử xem", ip })).toEqual({ ok: false, reason: "invalid" });
    }
    expect(await verifySignIn(db, { login: ghost, password: "đoán thử xem", ip: freshIp() })).toEqual({ ok: false, reason: "throttled" });
  });
});
