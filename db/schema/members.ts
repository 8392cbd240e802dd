import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { units } from "./org";

export const memberStatus = pgEnum("member_status", [
  "active",
  "in_transit",
  "matured_out",
  "left",
  "removed",
  "expelled",
  "deceased",
]);
export const gender = pgEnum("gender", ["male", "female"]);
export const evaluationLevel = pgEnum("evaluation_level", ["excellent", "good", "completed", "not_completed"]);
export const memberEventKind = pgEnum("member_event_kind", [
  "admitted",
  "recorded",
  "updated",
  "evaluated",
  "transfer_requested",
  "transfer_accepted",
  "transfer_rejected",
  "matured_out",
  "left",
  "removed",
  "expelled",
  "deceased",
  "correction_approved",
]);
export const transferStatus = pgEnum("transfer_status", ["pending", "accepted", "rejected"]);
export const requestStatus = pgEnum("request_status", ["pending", "approved", "declined"]);

/** One person, one record: the primary unit decides who may see and manage it. */
export const members = pgTable(
  "members",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** Optimistic concurrency: every edit names the version it started from. */
    version: integer("version").notNull().default(1),
    fullName: text("full_name").notNull(),
    /** Diacritics folded, lower case: what unaccented searches match. */
    nameFolded: text("name_folded").notNull(),
    /** Given name, middle, family, in a form that sorts in Vietnamese order under any collation. */
    sortKey: text("sort_key").notNull(),
    /**
     * The name without its last word (the given name): family and middle names, folded, U+001F,
     * then as written in lower case; words joined by "ß" (a letter no Vietnamese name has), so
     * that trigrams span them and "nguyen thi n" is selective. Given names are found through the
     * sort order (they lead sort_key); the rest through this, by its trigrams or members_sort_idx.
     */
    nameRest: text("name_rest")
      .notNull()
      .generatedAlwaysAs(
        sql`regexp_replace(regexp_replace(name_folded, '\\s*\\S+\\s*$', ''), '\\s+', 'ß', 'g') || chr(31) || normalize(lower(regexp_replace(regexp_replace(full_name, '\\s*\\S+\\s*$', ''), '\\s+', 'ß', 'g')), NFC)`,
      ),
    birthDate: date("birth_date"),
    /** Only the year of birth is known (old registers): birth_date holds 1 January of it. */
    birthYearOnly: boolean("birth_year_only").notNull().default(false),
    gender: gender("gender"),
    ethnicity: text("ethnicity"),
    religion: text("religion"),
    nationalId: text("national_id"),
    hometown: text("hometown"),
    currentAddress: text("current_address"),
    phone: text("phone"),
    email: text("email"),
    education: text("education"),
    qualification: text("qualification"),
    occupation: text("occupation"),
    joinedOn: date("joined_on"),
    partyJoinedOn: date("party_joined_on"),
    unitId: uuid("unit_id")
      .notNull()
      .references(() => units.id),
    status: memberStatus("status").notNull().default("active"),
    statusSince: date("status_since"),
    /** The member's own account (role "member"), for reading their record and asking for corrections. */
    userId: uuid("user_id").references(() => users.id),
    lawfulBasis: text("lawful_basis").notNull().default("consent"),
    /** The import batch that created the record, if any. */
    importBatchId: uuid("import_batch_id"),
    /**
     * The day (Vietnam) since which the record shows what the statistics count as they are now;
     * set by the database on every change to those fields (db/schema/stats.ts).
     */
    countedSince: date("counted_since").notNull().default(sql`current_date`),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("members_unit_idx").on(t.unitId),
    index("members_import_batch_idx").on(t.importBatchId).where(sql`${t.importBatchId} is not null`),
    // Lists walk this in name order (byte order: PGlite has no ICU); name_rest lets a search test
    // each entry without reading the table.
    index("members_sort_idx").on(sql`(${t.sortKey} collate "C")`, t.id, t.nameRest),
    index("members_status_idx").on(t.status),
    uniqueIndex("members_national_id_key").on(t.nationalId).where(sql`${t.nationalId} is not null`),
    index("members_name_rest_trgm").using("gin", sql`${t.nameRest} gin_trgm_ops`),
    index("members_phone_idx").on(t.phone),
    // Part of a phone or ID number ("0912…", the last digits of a CCCD) is found through trigrams,
    // one index for both (digits never span the space between them). Same expression as MEMBER_DIGITS.
    index("members_digits_trgm").using("gin", sql`(coalesce(${t.phone}, '') || ' ' || coalesce(${t.nationalId}, '')) gin_trgm_ops`),
    index("members_dedupe_idx").on(t.nameFolded, t.birthDate),
    // An imported row with an unknown ID can only be someone recorded without one.
    index("members_dedupe_no_id_idx").on(t.nameFolded, t.birthDate).where(sql`${t.nationalId} is null`),
    uniqueIndex("members_user_key").on(t.userId).where(sql`${t.userId} is not null`),
  ],
);

/** Taking part at a second unit (a student at school and where they live): one member, not two. */
export const memberParticipations = pgTable(
  "member_participations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    memberId: uuid("member_id")
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    unitId: uuid("unit_id")
      .notNull()
      .references(() => units.id),
    since: date("since").notNull().default(sql`current_date`),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("member_participations_unique").on(t.memberId, t.unitId), index("member_participations_unit_idx").on(t.unitId)],
);

/** The member's timeline: every lifecycle step with its date, who recorded it and why. */
export const memberEvents = pgTable(
  "member_events",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    memberId: uuid("member_id")
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    kind: memberEventKind("kind").notNull(),
    occurredOn: date("occurred_on").notNull(),
    unitId: uuid("unit_id").references(() => units.id),
    otherUnitId: uuid("other_unit_id").references(() => units.id),
    reason: text("reason").notNull().default(""),
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
    actorId: uuid("actor_id").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("member_events_member_idx").on(t.memberId, t.occurredOn), index("member_events_kind_idx").on(t.kind, t.occurredOn)],
);

/** One result per member per year. */
export const memberEvaluations = pgTable(
  "member_evaluations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    memberId: uuid("member_id")
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    year: smallint("year").notNull(),
    level: evaluationLevel("level").notNull(),
    unitId: uuid("unit_id")
      .notNull()
      .references(() => units.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("member_evaluations_unique").on(t.memberId, t.year), index("member_evaluations_year_idx").on(t.year, t.level)],
);

/** A transfer between units: until the receiving unit decides, the member is in transit. */
export const memberTransfers = pgTable(
  "member_transfers",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    memberId: uuid("member_id")
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    fromUnitId: uuid("from_unit_id")
      .notNull()
      .references(() => units.id),
    toUnitId: uuid("to_unit_id")
      .notNull()
      .references(() => units.id),
    status: transferStatus("status").notNull().default("pending"),
    reason: text("reason").notNull().default(""),
    requestedBy: uuid("requested_by").references(() => users.id),
    requestedAt: timestamp("requested_at", { withTimezone: true }).notNull().defaultNow(),
    decidedBy: uuid("decided_by").references(() => users.id),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    decisionNote: text("decision_note").notNull().default(""),
  },
  (t) => [
    index("member_transfers_to_idx").on(t.toUnitId, t.status),
    index("member_transfers_from_idx").on(t.fromUnitId, t.status),
    uniqueIndex("member_transfers_one_pending").on(t.memberId).where(sql`${t.status} = 'pending'`),
  ],
);

/** A member asks for their record to be corrected; an officer of their unit decides. */
export const memberCorrections = pgTable(
  "member_corrections",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    memberId: uuid("member_id")
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    changes: jsonb("changes").$type<Record<string, string>>().notNull(),
    note: text("note").notNull().default(""),
    status: requestStatus("status").notNull().default("pending"),
    requestedAt: timestamp("requested_at", { withTimezone: true }).notNull().defaultNow(),
    decidedBy: uuid("decided_by").references(() => users.id),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
  },
  (t) => [index("member_corrections_member_idx").on(t.memberId, t.status)],
);

export const importStatus = pgEnum("member_import_status", ["draft", "committed", "discarded"]);

/**
 * One uploaded list, from upload to commit. The file itself is kept on disk under its SHA-256;
 * the mapping, the user's fixes and decisions live here until the batch is committed, and the
 * counts stay as the record of what was imported.
 */
export const memberImportBatches = pgTable(
  "member_import_batches",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** Rows without a unit code go to this unit; the batch is visible to whoever manages it. */
    unitId: uuid("unit_id")
      .notNull()
      .references(() => units.id),
    createdBy: uuid("created_by").references(() => users.id),
    fileName: text("file_name").notNull(),
    fileHash: text("file_hash").notNull(),
    fileSize: integer("file_size").notNull(),
    format: text("format").notNull(),
    sheetName: text("sheet_name"),
    /** 0-based grid row where data starts, and the header's column texts, as found on upload. */
    headerRow: integer("header_row").notNull(),
    /** Column index → import target (null = ignored). */
    mapping: jsonb("mapping").$type<Record<string, string | null>>().notNull(),
    mappingConfirmed: boolean("mapping_confirmed").notNull().default(false),
    /** Row number → field → text typed in the preview in place of the cell. */
    fixes: jsonb("fixes").$type<Record<string, Record<string, string>>>().notNull().default({}),
    /** Row number → what to do with the row (defaults: create, or skip for a duplicate). */
    decisions: jsonb("decisions").$type<Record<string, "create" | "skip" | "secondary" | "update">>().notNull().default({}),
    status: importStatus("status").notNull().default("draft"),
    rowCount: integer("row_count").notNull().default(0),
    createdCount: integer("created_count").notNull().default(0),
    updatedCount: integer("updated_count").notNull().default(0),
    secondaryCount: integer("secondary_count").notNull().default(0),
    skippedCount: integer("skipped_count").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    committedAt: timestamp("committed_at", { withTimezone: true }),
  },
  (t) => [index("member_import_batches_unit_idx").on(t.unitId, t.createdAt), index("member_import_batches_hash_idx").on(t.fileHash)],
);

/** The column mapping a unit confirmed for a given set of headers, offered again next time. */
export const memberImportMappings = pgTable(
  "member_import_mappings",
  {
    unitId: uuid("unit_id")
      .notNull()
      .references(() => units.id),
    /** SHA-256 of the normalised header texts. */
    signature: text("signature").notNull(),
    mapping: jsonb("mapping").$type<Record<string, string | null>>().notNull(),
    updatedBy: uuid("updated_by").references(() => users.id),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.unitId, t.signature] })],
);

export type MemberImportBatch = typeof memberImportBatches.$inferSelect;
export type Member = typeof members.$inferSelect;
export type MemberEvent = typeof memberEvents.$inferSelect;
