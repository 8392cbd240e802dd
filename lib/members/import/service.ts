import { and, desc, eq, sql } from "drizzle-orm";
import { memberEvents, memberImportBatches, memberImportMappings, memberParticipations, members, units, users, type MemberImportBatch } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { ConflictError, InvalidInputError, NotFoundError } from "@/lib/auth/errors";
import { inScope, requirePermission, type Scope } from "@/lib/auth/guard";
import { recordAudit } from "@/lib/audit/service";
import { type Db, hasConnectionPool } from "@/lib/db";
import { hasPgErrorCode } from "@/lib/db/errors";
import { foldVietnamese, todayInVietnam } from "@/lib/i18n/format";
import { personNameSortKey } from "@/lib/i18n/sort-key";
import { findUnitInScope } from "@/lib/org/units";
import {
  analyseBatch,
  type AnalysedRow,
  analyseStream,
  batchLayout,
  countRow,
  emptyCounts,
  FileRejected,
  FIXABLE_FIELDS,
  type ImportDecision,
  openImportFile,
  toColumnMapping,
} from "./analyse";
import { normalizeHeader } from "./header";
import { type ColumnMapping, IMPORT_TARGETS, missingRequired, type SavedMapping, suggestMapping, toSavedMapping } from "./mapping";
import { keepImportFile, sha256 } from "./storage";
import { foldName } from "./values";
import { v7 as uuidv7 } from "uuid";

const WRITE_CHUNK = 1000;

/** The members columns an import writes, in the order of insertMembers' arrays. */
const INSERT_COLUMNS = [
  ["fullName", "full_name", "text"],
  ["nameFolded", "name_folded", "text"],
  ["sortKey", "sort_key", "text"],
  ["birthDate", "birth_date", "date"],
  ["birthYearOnly", "birth_year_only", "boolean"],
  ["gender", "gender", "gender"],
  ["ethnicity", "ethnicity", "text"],
  ["religion", "religion", "text"],
  ["nationalId", "national_id", "text"],
  ["hometown", "hometown", "text"],
  ["currentAddress", "current_address", "text"],
  ["phone", "phone", "text"],
  ["email", "email", "text"],
  ["education", "education", "text"],
  ["qualification", "qualification", "text"],
  ["occupation", "occupation", "text"],
  ["joinedOn", "joined_on", "date"],
  ["partyJoinedOn", "party_joined_on", "date"],
  ["unitId", "unit_id", "uuid"],
  ["statusSince", "status_since", "date"],
] as const;

/**
 * New members: one text array per column, unnested (every array is sent as text[] and cast, which
 * both drivers bind alike); building a many-thousand-row INSERT through the query builder cost
 * more than the database's work. The ids are UUIDv7, made here: time-ordered, so a large import
 * appends to the end of the primary key instead of touching pages all over it. Prepared apart
 * from the write, so the next chunk is ready while the database still writes the last one.
 *
 * No "recorded" event is written per member: the batch is that event (who, when, which file),
 * and the member's timeline reads it through members.import_batch_id. One event row per imported
 * member, with its three foreign-key checks, cost a third of a 100,000-row commit.
 */
function prepareMembers(rows: ReturnType<typeof memberValues>[]) {
  const ids = rows.map(() => uuidv7());
  const columns = INSERT_COLUMNS.map(([key]) =>
    rows.map((r) => {
      const v = r[key];
      return v === null || v === undefined ? null : String(v);
    }),
  );
  return { ids, columns };
}

async function insertMembers(db: Db, prepared: ReturnType<typeof prepareMembers>, batchId: string) {
  if (prepared.ids.length === 0) return;
  const arrays = INSERT_COLUMNS.map(([, , type], i) => sql`${sql.param(prepared.columns[i])}::text[]::${sql.raw(type)}[]`);
  const columns = INSERT_COLUMNS.map(([, column]) => sql.raw(column));
  await db.execute(sql`
    insert into members (id, ${sql.join(columns, sql`, `)}, status, import_batch_id)
    select *, 'active'::member_status, ${batchId}::uuid from unnest(${sql.param(prepared.ids)}::text[]::uuid[], ${sql.join(arrays, sql`, `)})`);
}

/** What identifies a layout of columns: the same headers in the same order. */
function headerSignature(texts: readonly string[]): string {
  return sha256(new TextEncoder().encode(texts.map(normalizeHeader).join("\u241f")));
}

async function findBatchInScope(db: Db, id: string, scope: Scope, options: { forUpdate?: boolean } = {}) {
  const query = db
    .select({ batch: memberImportBatches, unitName: units.name, unitPath: units.path })
    .from(memberImportBatches)
    .innerJoin(units, eq(units.id, memberImportBatches.unitId))
    .where(and(eq(memberImportBatches.id, id), inScope(units.path, scope)))
    .limit(1);
  const [row] = options.forUpdate ? await query.for("update", { of: memberImportBatches }) : await query;
  if (!row) throw new NotFoundError("import.batchNotFound");
  return row;
}

function assertDraft(batch: MemberImportBatch) {
  if (batch.status !== "draft") throw new ConflictError(batch.status === "committed" ? "import.alreadyCommitted" : "import.discarded");
}

/**
 * Takes an uploaded list for a unit: checks it reads and has a header, keeps the file, and opens a
 * draft batch with the mapping suggested from the headers (or the one this unit confirmed before
 * for the same headers). Nothing about members is written until the batch is committed.
 */
export async function startImport(db: Db, actor: Actor | null, input: { unitId: string; fileName: string; bytes: Uint8Array }) {
  const scope = requirePermission(actor, "member.manage");
  const unit = await findUnitInScope(db, input.unitId, scope);
  if (unit.activeTo) throw new InvalidInputError({ unitId: "unit.inactive" });
  const fileName = input.fileName.replace(/[\\/]/g, "_").slice(0, 200) || "tep";
  // The header and the first rows are all this step reads; the rows are read when previewed.
  const { source, header } = await openImportFile(input.bytes, fileName);
  await source.close();

  const signature = headerSignature(header.columns.map((c) => c.text));
  const [remembered] = await db
    .select({ mapping: memberImportMappings.mapping })
    .from(memberImportMappings)
    .where(and(eq(memberImportMappings.unitId, unit.id), eq(memberImportMappings.signature, signature)));
  const mapping = suggestMapping(header.columns, remembered?.mapping as SavedMapping | undefined);
  const fileHash = await keepImportFile(input.bytes);

  return db.transaction(async (tx) => {
    const [batch] = await tx
      .insert(memberImportBatches)
      .values({
        unitId: unit.id,
        createdBy: actor!.userId,
        fileName,
        fileHash,
        fileSize: input.bytes.length,
        format: source.format,
        sheetName: source.sheetName,
        headerRow: header.headerRows[0] ?? 0,
        mapping: Object.fromEntries(Object.entries(mapping).map(([k, v]) => [k, v ?? null])),
        mappingConfirmed: Boolean(remembered),
      })
      .returning();
    await recordAudit(tx, actor, {
      action: "member.importStart",
      entityType: "member_import",
      entityId: batch!.id,
      unitId: unit.id,
      changes: { file: { to: fileName }, sha256: { to: fileHash } },
    });
    return { id: batch!.id };
  });
}

export { FileRejected };

/** The batch as its pages show it: record, header columns with their mapping, and the analysed rows. */
export async function getImportBatch(db: Db, actor: Actor | null, id: string, options: { preview?: "always" | "whenMapped" | "never" } = {}) {
  const scope = requirePermission(actor, "member.manage");
  const { batch, unitName } = await findBatchInScope(db, id, scope);
  const [creator] = batch.createdBy ? await db.select({ fullName: users.fullName }).from(users).where(eq(users.id, batch.createdBy)) : [];
  const earlier = await db
    .select({ id: memberImportBatches.id, committedAt: memberImportBatches.committedAt, fileName: memberImportBatches.fileName })
    .from(memberImportBatches)
    .innerJoin(units, eq(units.id, memberImportBatches.unitId))
    .where(
      and(
        eq(memberImportBatches.fileHash, batch.fileHash),
        eq(memberImportBatches.status, "committed"),
        sql`${memberImportBatches.id} <> ${batch.id}`,
        inScope(units.path, scope),
      ),
    )
    .orderBy(desc(memberImportBatches.committedAt))
    .limit(5);
  // The preview reads every row: the mapping step does without it.
  const preview = batch.status === "draft" && options.preview !== "never" && (options.preview !== "whenMapped" || batch.mappingConfirmed);
  const analysis = preview ? await analyseBatch(db, batch, scope, todayInVietnam()) : null;
  const layout = batch.status === "draft" ? { ...(await batchLayout(batch)), mapping: toColumnMapping(batch.mapping) } : null;
  return { batch, unitName, createdByName: creator?.fullName ?? null, earlier, analysis, layout };
}

/** The user's mapping: every column index must exist and every target be known; required fields mapped. */
export async function confirmImportMapping(db: Db, actor: Actor | null, input: { batchId: string; mapping: Record<string, string | null> }) {
  const scope = requirePermission(actor, "member.manage");
  return db.transaction(async (tx) => {
    const { batch } = await findBatchInScope(tx, input.batchId, scope, { forUpdate: true });
    assertDraft(batch);
    const columns = (await batchLayout(batch)).header.columns;
    const mapping: ColumnMapping = {};
    for (const column of columns) {
      const target = input.mapping[String(column.index)] ?? null;
      if (target !== null && !(IMPORT_TARGETS as readonly string[]).includes(target)) throw new InvalidInputError({ [`col${column.index}`]: "error.invalid" });
      mapping[column.index] = target as ColumnMapping[number];
    }
    const missing = missingRequired(mapping);
    if (missing.length > 0) {
      throw new InvalidInputError(Object.fromEntries(missing.map((f) => [f, "import.mappingMissing"])), "import.mappingIncomplete");
    }
    const stored = Object.fromEntries(Object.entries(mapping).map(([k, v]) => [k, v ?? null]));
    await tx.update(memberImportBatches).set({ mapping: stored, mappingConfirmed: true }).where(eq(memberImportBatches.id, batch.id));
    const signature = headerSignature(columns.map((c) => c.text));
    const saved = toSavedMapping(columns, mapping);
    await tx
      .insert(memberImportMappings)
      .values({ unitId: batch.unitId, signature, mapping: saved, updatedBy: actor!.userId })
      .onConflictDoUpdate({ target: [memberImportMappings.unitId, memberImportMappings.signature], set: { mapping: saved, updatedBy: actor!.userId, updatedAt: new Date() } });
    return { id: batch.id };
  });
}

/** Replaces a row's values with what the user typed; the row is checked again like any other. */
export async function fixImportRow(db: Db, actor: Actor | null, input: { batchId: string; rowNumber: number; values: Record<string, string> }) {
  const scope = requirePermission(actor, "member.manage");
  return db.transaction(async (tx) => {
    const { batch } = await findBatchInScope(tx, input.batchId, scope, { forUpdate: true });
    assertDraft(batch);
    const only = { rows: [input.rowNumber] };
    const before = await analyseBatch(tx, batch, scope, todayInVietnam(), only);
    if (before.rows.length === 0) throw new NotFoundError("import.rowNotFound");
    const fix = Object.fromEntries(FIXABLE_FIELDS.map((f) => [f, (input.values[f] ?? "").slice(0, 500)]));
    const fixes = { ...batch.fixes, [String(input.rowNumber)]: fix };
    const [updated] = await tx.update(memberImportBatches).set({ fixes }).where(eq(memberImportBatches.id, batch.id)).returning();
    const row = (await analyseBatch(tx, updated!, scope, todayInVietnam(), only)).rows[0]!;
    return { rowNumber: row.rowNumber, problems: row.problems.map((p) => ({ field: p.field, message: p.message })) };
  });
}

/** Sets what happens to some rows; a decision a row does not allow is refused. */
export async function decideImportRows(db: Db, actor: Actor | null, input: { batchId: string; rowNumbers: number[]; decision: ImportDecision }) {
  const scope = requirePermission(actor, "member.manage");
  return db.transaction(async (tx) => {
    const { batch } = await findBatchInScope(tx, input.batchId, scope, { forUpdate: true });
    assertDraft(batch);
    const analysis = await analyseBatch(tx, batch, scope, todayInVietnam(), { rows: input.rowNumbers });
    const byNumber = new Map(analysis.rows.map((r) => [r.rowNumber, r]));
    const decisions = { ...batch.decisions };
    for (const n of input.rowNumbers) {
      const row = byNumber.get(n);
      if (!row) throw new NotFoundError("import.rowNotFound");
      if (!row.allowed.includes(input.decision)) throw new InvalidInputError({ decision: "import.decisionNotAllowed" }, "import.decisionNotAllowed");
      decisions[String(n)] = input.decision;
    }
    await tx.update(memberImportBatches).set({ decisions }).where(eq(memberImportBatches.id, batch.id));
    return { count: input.rowNumbers.length };
  });
}

export async function discardImport(db: Db, actor: Actor | null, input: { batchId: string }) {
  const scope = requirePermission(actor, "member.manage");
  return db.transaction(async (tx) => {
    const { batch } = await findBatchInScope(tx, input.batchId, scope, { forUpdate: true });
    assertDraft(batch);
    await tx.update(memberImportBatches).set({ status: "discarded" }).where(eq(memberImportBatches.id, batch.id));
    await recordAudit(tx, actor, { action: "member.importDiscard", entityType: "member_import", entityId: batch.id, unitId: batch.unitId, changes: {} });
    return { id: batch.id };
  });
}

function memberValues(row: AnalysedRow, batchId: string, today: string) {
  const v = row.values;
  const joinedOn = v.joinedOn ?? null;
  return {
    fullName: v.fullName!,
    nameFolded: foldName(v.fullName!),
    sortKey: personNameSortKey(v.fullName!),
    birthDate: v.birthDate ?? null,
    birthYearOnly: row.yearOnly.includes("birthDate"),
    gender: v.gender ?? null,
    ethnicity: v.ethnicity ?? null,
    religion: v.religion ?? null,
    nationalId: v.nationalId ?? null,
    hometown: v.hometown ?? null,
    currentAddress: v.currentAddress ?? null,
    phone: v.phone ?? null,
    email: v.email ?? null,
    education: v.education ?? null,
    qualification: v.qualification ?? null,
    occupation: v.occupation ?? null,
    joinedOn,
    partyJoinedOn: v.partyJoinedOn ?? null,
    unitId: row.unitId!,
    status: "active" as const,
    statusSince: joinedOn ?? today,
    importBatchId: batchId,
  };
}

/** The fields an "update" takes from the file: those the row fills, never blanking what is there. */
function updateValues(row: AnalysedRow) {
  const values: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(row.values)) {
    if (field === "unitCode" || value === undefined || value === null || value === "") continue;
    values[field] = value;
  }
  if (row.values.fullName) {
    values.nameFolded = foldVietnamese(row.values.fullName);
    values.sortKey = personNameSortKey(row.values.fullName);
  }
  if (row.values.birthDate) values.birthYearOnly = row.yearOnly.includes("birthDate");
  return values;
}

/**
 * Writes the batch in one transaction, streaming the file again: each chunk of rows is read and
 * checked (the file, the fixes and the members as they are now) and written while the next chunk
 * is read. As soon as a row still has a problem and is not skipped, nothing more is written; the
 * rest is only counted, and the transaction is rolled back, so nothing of the batch remains.
 * Duplicates are skipped unless the user chose otherwise, so importing the same file again adds no
 * one twice.
 */
export async function commitImport(db: Db, actor: Actor | null, input: { batchId: string }) {
  const scope = requirePermission(actor, "member.manage");
  const today = todayInVietnam();
  try {
    const result = await db.transaction(async (tx) => {
      const { batch } = await findBatchInScope(tx, input.batchId, scope, { forUpdate: true });
      assertDraft(batch);
      const missing = missingRequired(toColumnMapping(batch.mapping));
      if (missing.length > 0) throw new InvalidInputError(Object.fromEntries(missing.map((f) => [f, "import.mappingMissing"])), "import.mappingIncomplete");
      const context = { actorId: actor!.userId, batchId: batch.id, today };
      const counts = emptyCounts();
      const written = { created: 0, updated: 0, secondary: 0 };
      // Writes go on while the next chunks are parsed, checked and looked up: the database works on
      // one core, the parsing on the other. On a server the lookups take a connection of
      // their own, so they do not wait behind the write; they leave out this batch's own rows,
      // which only the transaction sees, so they need not be inside it.
      const inFlight: Promise<unknown>[] = [];
      const drain = async () => {
        while (inFlight.length > 0) await inFlight.shift();
      };
      const lookups = hasConnectionPool(db) ? db : tx;
      for await (const chunk of analyseStream(tx, batch, scope, today, { writingBatch: true, lookups })) {
        for (const row of chunk.rows) countRow(counts, row);
        if (counts.blocked > 0) continue; // counted to say how many, never written
        const create = prepareMembers(chunk.rows.filter((r) => r.decision === "create").map((r) => memberValues(r, batch.id, today)));
        const update = chunk.rows.filter((r) => r.decision === "update" && r.match?.memberId);
        const secondary = chunk.rows.filter((r) => r.decision === "secondary" && r.match);
        // Two writes may wait on the connection, so a slow chunk on either side does not stall the other.
        while (inFlight.length >= 2) await inFlight.shift();
        const write = insertMembers(tx, create, batch.id);
        write.catch(() => {}); // its error surfaces where it is awaited
        inFlight.push(write);

        written.created += create.ids.length;
        if (update.length > 0 || secondary.length > 0) {
          await drain();
          written.updated += await updateMembers(tx, update, context);
          written.secondary += await addSecondaryParticipations(tx, secondary, today);
        }
      }
      await drain();
      if (counts.blocked > 0) throw new ConflictError("import.unresolved", {}, { values: { count: counts.blocked } });

      const done = { created: written.created, updated: written.updated, secondary: written.secondary, skipped: counts.total - written.created - written.updated - written.secondary };
      await tx
        .update(memberImportBatches)
        .set({
          status: "committed",
          committedAt: new Date(),
          rowCount: counts.total,
          createdCount: done.created,
          updatedCount: done.updated,
          secondaryCount: done.secondary,
          skippedCount: done.skipped,
        })
        .where(eq(memberImportBatches.id, batch.id));
      await recordAudit(tx, actor, {
        action: "member.importCommit",
        entityType: "member_import",
        entityId: batch.id,
        unitId: batch.unitId,
        changes: Object.fromEntries(Object.entries(done).map(([k, v]) => [k, { to: v }])),
      });
      return done;
    });
    return result;
  } catch (error) {
    // Someone recorded one of these people (same ID number) while the batch was being committed.
    if (isUniqueViolation(error)) throw new ConflictError("import.changedMeanwhile");
    throw error;
  }
}

/** "Update" rows: the fields the file fills, on the member in scope, each with an "updated" event. */
async function updateMembers(tx: Db, rows: AnalysedRow[], context: { actorId: string; batchId: string; today: string }): Promise<number> {
  const events: (typeof memberEvents.$inferInsert)[] = [];
  for (const row of rows) {
    const values = updateValues(row);
    await tx
      .update(members)
      .set({ ...values, version: sql`${members.version} + 1`, updatedAt: new Date() })
      .where(eq(members.id, row.match!.memberId!));
    events.push({
      memberId: row.match!.memberId!,
      kind: "updated",
      occurredOn: context.today,
      unitId: row.match!.unitId,
      actorId: context.actorId,
      details: { fields: Object.keys(values).filter((f) => f !== "nameFolded" && f !== "sortKey"), importBatchId: context.batchId },
    });
  }
  for (let i = 0; i < events.length; i += WRITE_CHUNK) await tx.insert(memberEvents).values(events.slice(i, i + WRITE_CHUNK));
  return rows.length;
}

/** "Same person" rows: the member's record stays where it is; the importing unit takes part in it. */
async function addSecondaryParticipations(tx: Db, rows: AnalysedRow[], today: string): Promise<number> {
  let added = 0;
  for (const row of rows) {
    const inserted = await tx
      .insert(memberParticipations)
      .values({ memberId: row.match!.recordId, unitId: row.unitId!, since: today })
      .onConflictDoNothing()
      .returning({ id: memberParticipations.id });
    added += inserted.length;
  }
  return added;
}

const isUniqueViolation = (error: unknown) => hasPgErrorCode(error, "23505");

/** Every batch of the units the actor manages, newest first. */
export async function listImportBatches(db: Db, actor: Actor | null, options: { page: number; pageSize: number }) {
  const scope = requirePermission(actor, "member.manage");
  const where = inScope(units.path, scope);
  const [rows, [{ total } = { total: 0 }]] = await Promise.all([
    db
      .select({
        id: memberImportBatches.id,
        fileName: memberImportBatches.fileName,
        fileHash: memberImportBatches.fileHash,
        status: memberImportBatches.status,
        unitName: units.name,
        createdByName: users.fullName,
        createdAt: memberImportBatches.createdAt,
        committedAt: memberImportBatches.committedAt,
        rowCount: memberImportBatches.rowCount,
        createdCount: memberImportBatches.createdCount,
        updatedCount: memberImportBatches.updatedCount,
        secondaryCount: memberImportBatches.secondaryCount,
        skippedCount: memberImportBatches.skippedCount,
      })
      .from(memberImportBatches)
      .innerJoin(units, eq(units.id, memberImportBatches.unitId))
      .leftJoin(users, eq(users.id, memberImportBatches.createdBy))
      .where(where)
      .orderBy(desc(memberImportBatches.createdAt))
      .limit(options.pageSize)
      .offset((options.page - 1) * options.pageSize),
    db.select({ total: sql<number>`count(*)::int` }).from(memberImportBatches).innerJoin(units, eq(units.id, memberImportBatches.unitId)).where(where),
  ]);
  return { rows, total };
}
