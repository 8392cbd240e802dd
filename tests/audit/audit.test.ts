import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { auditLog } from "@/db/schema";
import { seedDemo } from "@/db/seed/demo";
import { createUserInput } from "@/lib/accounts/schemas";
import { createUser } from "@/lib/accounts/service";
import { listAuditEntries, recordAudit } from "@/lib/audit/service";
import type { Actor } from "@/lib/auth/actor";
import { ForbiddenError, UnauthenticatedError } from "@/lib/auth/errors";
import { verifySignIn } from "@/lib/auth/sign-in";
import type { DatabaseHandle, Db } from "@/lib/db";
import { createTestDatabase } from "../helpers/db";
import { actorFor, makeUser, rowsOf, uniqueName, unitByCode } from "../helpers/fixtures";

let handle: DatabaseHandle;
let db: Db;
let rootAdmin: Actor;
let hanoiAdmin: Actor;
let rootLeader: Actor;

/** Ids of entries written in beforeAll, by where they belong. */
const entries = { hanoi: "", tq: "", unknownSignIn: "", byHanoiOfficerAboutTq: "" };
let hanoiUserId = "";
let tqUserId = "";

const TEMP_PASSWORD = "Tạm#2026-xanh-lá-chuối";

/** Drizzle wraps the driver's error; the trigger's message is on the cause. */
async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e as Error & { cause?: Error },
  );
  if (!error) throw new Error("expected the database to refuse the statement");
  return `${error.message} ${error.cause?.message ?? ""}`;
}

/** Today's date in Vietnam (the audit filters take dates in that zone). */
function vietnamDate(offsetDays = 0) {
  const d = new Date(Date.now() + 7 * 3_600_000 + offsetDays * 86_400_000);
  return d.toISOString().slice(0, 10);
}

beforeAll(async () => {
  handle = await createTestDatabase();
  db = handle.db;
  await seedDemo(db);
  rootAdmin = await actorFor(db, "admin", { ip: "192.0.2.1" });
  hanoiAdmin = await actorFor(db, "hanoi.quantri", { ip: "192.0.2.2" });
  rootLeader = await actorFor(db, "lanhdao");

  const create = async (actor: Actor, unitCode: string) => {
    const unit = await unitByCode(db, unitCode);
    const username = uniqueName("nk");
    const result = await createUser(
      db,
      actor,
      createUserInput.parse({ username, fullName: "Người Nhật Ký", email: "", homeUnitId: unit.id, role: "member", temporaryPassword: TEMP_PASSWORD }),
    );
    return result.id;
  };
  hanoiUserId = await create(hanoiAdmin, "HA-NOI-BA-DINH");
  tqUserId = await create(rootAdmin, "TUYEN-QUANG-YEN-SON");
  entries.hanoi = hanoiUserId;
  entries.tq = tqUserId;

  // A failed sign-in of an unknown account: no unit, no actor.
  entries.unknownSignIn = uniqueName("ghost");
  await verifySignIn(db, { login: entries.unknownSignIn, password: "không có tài khoản", ip: "192.0.2.99" });

  // An entry about a Tuyên Quang unit, made by an account whose home is in Hà Nội.
  const hanoiOfficer = await actorFor(db, "hanoi.canbo");
  const tqUnit = await unitByCode(db, "TUYEN-QUANG");
  entries.byHanoiOfficerAboutTq = `note-${uniqueName("x")}`;
  await recordAudit(db, hanoiOfficer, { action: "test.crossNote", entityType: "note", entityId: entries.byHanoiOfficerAboutTq, unitId: tqUnit.id });
});
afterAll(async () => handle?.close());

describe("audit_log is append-only", () => {
  it("the trigger refuses UPDATE, and the row stays as it was", async () => {
    const [row] = await db.select().from(auditLog).where(eq(auditLog.entityId, hanoiUserId)).limit(1);
    expect(await refusal(db.update(auditLog).set({ action: "tampered" }).where(eq(auditLog.id, row!.id)))).toMatch(/audit_log is append-only/);
    expect(await refusal(db.execute(sql`update audit_log set outcome = 'denied'`))).toMatch(/audit_log is append-only/);
    const [after] = await db.select().from(auditLog).where(eq(auditLog.id, row!.id));
    expect(after).toEqual(row);
  });

  it("the triggers refuse DELETE, one row or all, and TRUNCATE", async () => {
    const before = await db.select({ id: auditLog.id }).from(auditLog);
    const first = before[0]!.id;
    expect(await refusal(db.delete(auditLog).where(eq(auditLog.id, first)))).toMatch(/audit_log is append-only/);
    expect(await refusal(db.execute(sql`delete from audit_log`))).toMatch(/audit_log is append-only/);
    expect(await refusal(db.execute(sql`truncate audit_log`))).toMatch(/audit_log is append-only/);
    expect(await db.select({ id: auditLog.id }).from(auditLog)).toHaveLength(before.length);
  });

  it("a refused change inside a transaction rolls the whole transaction back", async () => {
    const marker = `tx-${uniqueName("m")}`;
    const message = await refusal(
      db.transaction(async (tx) => {
        await recordAudit(tx, rootAdmin, { action: "test.insideTx", entityType: "note", entityId: marker });
        await tx.execute(sql`update audit_log set action = 'x' where entity_id = ${marker}`);
      }),
    );
    expect(message).toMatch(/audit_log is append-only/);
    expect(await db.select().from(auditLog).where(eq(auditLog.entityId, marker))).toEqual([]);
  });
});

describe("recordAudit", () => {
  it("masks personal fields and hides secrets, and records who, where and from which address", async () => {
    const marker = `mask-${uniqueName("m")}`;
    const hanoi = await unitByCode(db, "HA-NOI");
    await recordAudit(db, hanoiAdmin, {
      action: "test.mask",
      entityType: "note",
      entityId: marker,
      unitId: hanoi.id,
      changes: {
        email: { from: "nguyen.van.a@example.vn", to: "b@example.vn" },
        phone: { to: "0912345678" },
        password: { to: "bí mật lắm" },
        fullName: { to: "Nguyễn Văn A" },
      },
    });
    const [row] = await db.select().from(auditLog).where(eq(auditLog.entityId, marker));
    expect(row).toMatchObject({
      actorId: hanoiAdmin.userId,
      actorName: `${hanoiAdmin.fullName} (hanoi.quantri)`,
      unitId: hanoi.id,
      ip: "192.0.2.2",
      outcome: "ok",
    });
    expect(row!.changes).toEqual({
      email: { from: "n***@example.vn", to: "b***@example.vn" },
      phone: { to: "******5678" },
      password: { to: "[ẩn]" },
      fullName: { to: "Nguyễn Văn A" },
    });
  });

  it("an entry without an actor is recorded as '—'", async () => {
    const [row] = await db.select().from(auditLog).where(eq(auditLog.action, "auth.signIn")).limit(1);
    expect(row).toMatchObject({ actorId: null, actorName: "—", outcome: "denied" });
  });
});

describe("listAuditEntries: scope", () => {
  const all = (actor: Actor) => listAuditEntries(db, actor, { page: 1, pageSize: 1000 });

  it("Hà Nội's administrator sees Hà Nội's entries but never Tuyên Quang's", async () => {
    const { rows, total } = await all(hanoiAdmin);
    expect(rows).toHaveLength(total);
    const ids = rows.map((r) => r.entityId);
    expect(ids).toContain(entries.hanoi);
    expect(ids).not.toContain(entries.tq);
    // Entries with no unit (unknown accounts' sign-ins) are for the root only.
    expect(rows.some((r) => r.action === "auth.signIn" && r.entityId === null)).toBe(false);
    // Every entry shown is about a unit under Hà Nội or was made by someone homed there.
    const hanoi = await unitByCode(db, "HA-NOI");
    const under = (path: string | null) => path !== null && (path === hanoi.path || path.startsWith(`${hanoi.path}.`));
    const facts = await rowsOf<{ id: number; unit_path: string | null; actor_home_path: string | null }>(
      db,
      sql`select a.id, u.path::text as unit_path, h.path::text as actor_home_path
          from audit_log a
          left join units u on u.id = a.unit_id
          left join users p on p.id = a.actor_id
          left join units h on h.id = p.home_unit_id`,
    );
    const byId = new Map(facts.map((f) => [Number(f.id), f]));
    for (const row of rows) {
      const fact = byId.get(Number(row.id))!;
      expect(under(fact.unit_path) || under(fact.actor_home_path), `entry ${row.id} ${row.action}`).toBe(true);
    }
    // And nothing that qualifies is missing.
    const expected = facts.filter((f) => under(f.unit_path) || under(f.actor_home_path)).map((f) => Number(f.id));
    expect(rows.map((r) => Number(r.id)).sort((a, b) => a - b)).toEqual(expected.sort((a, b) => a - b));
  });

  it("an entry made by an account homed in scope is visible, even about a unit outside it", async () => {
    const { rows } = await all(hanoiAdmin);
    expect(rows.map((r) => r.entityId)).toContain(entries.byHanoiOfficerAboutTq);
  });

  it("the root sees everything, including entries with no unit", async () => {
    for (const actor of [rootAdmin, rootLeader]) {
      const { rows } = await all(actor);
      const ids = rows.map((r) => r.entityId);
      expect(ids).toEqual(expect.arrayContaining([entries.hanoi, entries.tq, entries.byHanoiOfficerAboutTq]));
      expect(rows.some((r) => r.action === "auth.signIn" && r.entityId === null)).toBe(true);
    }
  });

  it("a Tuyên Quang administrator sees Tuyên Quang's entries and not Hà Nội's", async () => {
    const tqAdmin = await makeUser(db, { unitCode: "TUYEN-QUANG", role: "administrator" });
    const { rows } = await all(await actorFor(db, tqAdmin.username));
    const ids = rows.map((r) => r.entityId);
    expect(ids).toContain(entries.tq);
    expect(ids).toContain(entries.byHanoiOfficerAboutTq);
    expect(ids).not.toContain(entries.hanoi);
  });

  it("roles without audit.read are refused", async () => {
    await expect(all(await actorFor(db, "tuyenquang.canbo"))).rejects.toBeInstanceOf(ForbiddenError);
    await expect(all(await actorFor(db, "vanthu"))).rejects.toBeInstanceOf(ForbiddenError);
    await expect(listAuditEntries(db, null, { page: 1, pageSize: 10 })).rejects.toBeInstanceOf(UnauthenticatedError);
  });
});

describe("listAuditEntries: filters", () => {
  it("filters by action (substring, any case)", async () => {
    const { rows } = await listAuditEntries(db, rootAdmin, { page: 1, pageSize: 1000, action: "CREATEUSER" });
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(rows.every((r) => r.action === "account.createUser")).toBe(true);
  });

  it("filters by actor name or username", async () => {
    const byName = await listAuditEntries(db, rootAdmin, { page: 1, pageSize: 1000, actor: "hanoi.quantri" });
    expect(byName.rows.length).toBeGreaterThan(0);
    expect(byName.rows.every((r) => r.actorName.includes("hanoi.quantri"))).toBe(true);
    expect(byName.rows.map((r) => r.entityId)).toContain(entries.hanoi);
    expect(byName.rows.map((r) => r.entityId)).not.toContain(entries.tq);
  });

  it("filters by outcome", async () => {
    const denied = await listAuditEntries(db, rootAdmin, { page: 1, pageSize: 1000, outcome: "denied" });
    expect(denied.rows.length).toBeGreaterThan(0);
    expect(denied.rows.every((r) => r.outcome === "denied")).toBe(true);
    const ok = await listAuditEntries(db, rootAdmin, { page: 1, pageSize: 1000, outcome: "ok" });
    expect(ok.rows.every((r) => r.outcome === "ok")).toBe(true);
    const everything = await listAuditEntries(db, rootAdmin, { page: 1, pageSize: 1000 });
    expect(denied.total + ok.total).toBe(everything.total);
  });

  it("filters by date range in Vietnam's calendar", async () => {
    const today = vietnamDate();
    const inRange = await listAuditEntries(db, rootAdmin, { page: 1, pageSize: 1000, from: today, to: today });
    expect(inRange.rows.map((r) => r.entityId)).toContain(entries.hanoi);
    const yesterday = vietnamDate(-1);
    expect((await listAuditEntries(db, rootAdmin, { page: 1, pageSize: 10, to: yesterday })).total).toBe(0);
    expect((await listAuditEntries(db, rootAdmin, { page: 1, pageSize: 10, from: vietnamDate(1) })).total).toBe(0);
  });

  it("combines filters, with the scope still applied", async () => {
    const { rows } = await listAuditEntries(db, hanoiAdmin, { page: 1, pageSize: 1000, action: "createUser", actor: "Quản Trị" });
    // "Quản Trị" names the root administrator too, but their entry about Tuyên Quang stays hidden.
    expect(rows.map((r) => r.entityId)).toEqual([entries.hanoi]);
  });

  it("pages newest first, with the total of all matching entries", async () => {
    const everything = await listAuditEntries(db, rootAdmin, { page: 1, pageSize: 1000 });
    const page = await listAuditEntries(db, rootAdmin, { page: 2, pageSize: 3 });
    expect(page.total).toBe(everything.total);
    expect(page.rows.map((r) => r.id)).toEqual(everything.rows.slice(3, 6).map((r) => r.id));
    const times = everything.rows.map((r) => r.at.getTime());
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });
});
