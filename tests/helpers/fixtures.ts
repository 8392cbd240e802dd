import { randomBytes } from "node:crypto";
import { and, eq, sql, type SQL } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import { documentFiles, documents, memberImportBatches, members, passwordHistory, roleAssignments, units, users, type RoleName, type Unit } from "@/db/schema";
import { foldVietnamese } from "@/lib/i18n/format";
import { personNameSortKey } from "@/lib/i18n/sort-key";
import type { Actor } from "@/lib/auth/actor";
import { loadActor } from "@/lib/auth/load-actor";
import { hashPassword } from "@/lib/auth/password";
import type { Db } from "@/lib/db";
import { verificationCode } from "@/lib/documents/verification";
import { getFileStorage } from "@/lib/files/storage";
import { keepImportFile } from "@/lib/members/import/storage";

/**
 * Test data factories: every call makes unique names, so tests within a file do not depend on
 * each other's order. Users are inserted directly (not through the service) with one argon2 hash
 * computed once per test file, which keeps the suite fast.
 */

/** The password of every user made by makeUser: long and uncommon, so it passes the policy. */
export const FIXTURE_PASSWORD = "Mây trắng bay qua đồi chè 2026";

let fixtureHash: Promise<string> | undefined;
export function fixturePasswordHash(): Promise<string> {
  fixtureHash ??= hashPassword(FIXTURE_PASSWORD);
  return fixtureHash;
}

// A per-file random part, so two files sharing a PostgreSQL database would still not collide.
const runTag = randomBytes(3).toString("hex");
let counter = 0;

/** A unique lower-case name, valid as a username ([a-z0-9._-]{3,40}). */
export function uniqueName(prefix = "u"): string {
  counter += 1;
  return `${prefix}.${runTag}${counter}`.toLowerCase().slice(0, 40);
}

/** A unique upper-case unit code ([A-Z0-9-]{2,40}). */
export function uniqueCode(prefix = "T"): string {
  counter += 1;
  return `${prefix}-${runTag}${counter}`.toUpperCase().slice(0, 40);
}

export async function unitByCode(db: Db, code: string): Promise<Unit> {
  const [unit] = await db.select().from(units).where(sql`lower(${units.code}) = lower(${code})`).limit(1);
  if (!unit) throw new Error(`fixtures: no unit with code ${code}`);
  return unit;
}

export async function unitById(db: Db, id: string): Promise<Unit> {
  const [unit] = await db.select().from(units).where(eq(units.id, id)).limit(1);
  if (!unit) throw new Error(`fixtures: no unit ${id}`);
  return unit;
}

export async function userByUsername(db: Db, username: string) {
  const [user] = await db.select().from(users).where(eq(users.username, username)).limit(1);
  if (!user) throw new Error(`fixtures: no user ${username}`);
  return user;
}

/** The actor a valid session of this user would give (current session version). */
export async function actorFor(
  db: Db,
  username: string,
  options: { activeUnitId?: string | null; ip?: string | null } = {},
): Promise<Actor> {
  const user = await userByUsername(db, username);
  const actor = await loadActor(db, { userId: user.id, sessionVersion: user.sessionVersion }, options);
  if (!actor) throw new Error(`fixtures: ${username} gives no actor (disabled?)`);
  return actor;
}

export interface MadeUser {
  id: string;
  username: string;
  email: string | null;
  fullName: string;
  homeUnitId: string;
  password: string;
  sessionVersion: number;
}

export interface MakeUserOptions {
  unitCode: string;
  /** Role held at the home unit (or at roleUnitCode); null for none. Defaults to "officer". */
  role?: RoleName | null;
  roleUnitCode?: string;
  username?: string;
  /** null for no e-mail; defaults to a unique address. */
  email?: string | null;
  fullName?: string;
  mustChangePassword?: boolean;
  disabled?: boolean;
}

/** Inserts a user (password FIXTURE_PASSWORD) with one role assignment, directly in the tables. */
export async function makeUser(db: Db, options: MakeUserOptions): Promise<MadeUser> {
  const username = options.username ?? uniqueName("u");
  const email = options.email === undefined ? `${username}@test.example.vn` : options.email;
  const fullName = options.fullName ?? `Người Thử ${username}`;
  const home = await unitByCode(db, options.unitCode);
  const passwordHash = await fixturePasswordHash();
  const [user] = await db
    .insert(users)
    .values({
      username,
      email,
      fullName,
      homeUnitId: home.id,
      passwordHash,
      mustChangePassword: options.mustChangePassword ?? false,
      disabledAt: options.disabled ? new Date() : null,
    })
    .returning();
  await db.insert(passwordHistory).values({ userId: user!.id, passwordHash });
  const role = options.role === undefined ? "officer" : options.role;
  if (role) await addRole(db, user!.id, role, options.roleUnitCode ?? options.unitCode);
  return {
    id: user!.id,
    username,
    email,
    fullName,
    homeUnitId: home.id,
    password: FIXTURE_PASSWORD,
    sessionVersion: user!.sessionVersion,
  };
}

/** Gives a user a role at a unit (by code), directly in the table. Returns the assignment id. */
export async function addRole(db: Db, userId: string, role: RoleName, unitCode: string): Promise<string> {
  const unit = await unitByCode(db, unitCode);
  const [row] = await db.insert(roleAssignments).values({ userId, role, unitId: unit.id }).returning({ id: roleAssignments.id });
  return row!.id;
}

export async function assignmentId(db: Db, userId: string, role: RoleName, unitId: string): Promise<string | null> {
  const [row] = await db
    .select({ id: roleAssignments.id })
    .from(roleAssignments)
    .where(and(eq(roleAssignments.userId, userId), eq(roleAssignments.role, role), eq(roleAssignments.unitId, unitId)));
  return row?.id ?? null;
}

/** Row count of a table, optionally filtered. */
export async function countRows(db: Db, table: PgTable, where?: SQL): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(table).where(where);
  return row?.n ?? 0;
}

/** Rows of a raw SQL query, the same on both drivers (PGlite gives { rows }, postgres.js an array). */
export async function rowsOf<T extends Record<string, unknown>>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows?: T[] } | T[];
  return Array.isArray(result) ? [...result] : (result.rows ?? []);
}

/** Polls until the check returns a truthy value, or fails after the timeout. */
export async function waitFor<T>(
  check: () => Promise<T>,
  { timeoutMs = 30_000, intervalMs = 200, what = "condition" }: { timeoutMs?: number; intervalMs?: number; what?: string } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`fixtures: timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** A member record inserted directly at a unit (active, version 1). */
export async function makeMember(db: Db, unitId: string, overrides: Partial<typeof members.$inferInsert> = {}) {
  const fullName = overrides.fullName ?? `Nguyễn Văn ${uniqueName("m").replace(/[^a-z0-9]/g, "")}`;
  const [row] = await db
    .insert(members)
    .values({ fullName, nameFolded: foldVietnamese(fullName), sortKey: personNameSortKey(fullName), birthDate: "1980-05-01", unitId, ...overrides })
    .returning();
  return row!;
}

/** A draft import batch at a unit: a two-column list with one member (sheet row 2), mapping confirmed. */
export async function makeImportBatch(db: Db, unitId: string, createdBy: string | null = null) {
  const bytes = new TextEncoder().encode(`Họ và tên,Ngày sinh\r\nLê Thị ${uniqueName("i").replace(/[^a-z]/g, "")},01/01/1990`);
  const fileHash = await keepImportFile(bytes);
  const [row] = await db
    .insert(memberImportBatches)
    .values({
      unitId,
      createdBy,
      fileName: "danh-sach.csv",
      fileHash,
      fileSize: bytes.length,
      format: "csv",
      headerRow: 0,
      mapping: { "0": "fullName", "1": "birthDate" },
      mappingConfirmed: true,
    })
    .returning();
  return row!;
}

/** A document record inserted directly at a unit (public, not published, no files). */
export async function makeDocument(db: Db, unitId: string, overrides: Partial<typeof documents.$inferInsert> = {}) {
  const n = Math.floor(Math.random() * 900_000) + 100;
  const [row] = await db
    .insert(documents)
    .values({
      unitId,
      numberSymbolRaw: `${n}-TB/TU`,
      numberSymbol: `${n}-TB/TU`,
      number: n,
      typeCode: "TB",
      issuerUnitId: unitId,
      issuedOn: "2026-03-02",
      abstract: `Thông báo thử ${uniqueName("d")}`,
      searchText: "thong bao thu",
      ...overrides,
    })
    .returning();
  return row!;
}

/** A file row on a document, its bytes kept in the file storage. */
export async function makeDocumentFile(db: Db, documentId: string, text = "Nội dung tệp thử") {
  const bytes = new TextEncoder().encode(`%PDF-1.4 ${text} ${uniqueName("f")}\n%%EOF`);
  const sha256 = (await getFileStorage().put(bytes)).sha256;
  const [row] = await db
    .insert(documentFiles)
    .values({ documentId, sha256, verificationCode: verificationCode(sha256), fileName: "tep-thu.pdf", kind: "pdf", mime: "application/pdf", size: bytes.length, text, searchable: true })
    .returning();
  return row!;
}
