import { bigint, index, jsonb, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

export const auditOutcome = pgEnum("audit_outcome", ["ok", "denied"]);

export type AuditChanges = Record<string, { from?: unknown; to?: unknown }>;

/** Append-only (a trigger refuses UPDATE and DELETE): every write and every refusal that matters. */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    actorId: uuid("actor_id"),
    actorName: text("actor_name").notNull(),
    unitId: uuid("unit_id"),
    action: text("action").notNull(),
    entityType: text("entity_type").notNull(),
    entityId: text("entity_id"),
    changes: jsonb("changes").$type<AuditChanges>().notNull().default({}),
    ip: text("ip"),
    outcome: auditOutcome("outcome").notNull().default("ok"),
  },
  (t) => [
    index("audit_log_at_idx").on(t.at),
    index("audit_log_actor_idx").on(t.actorId, t.at),
    index("audit_log_unit_idx").on(t.unitId, t.at),
    index("audit_log_entity_idx").on(t.entityType, t.entityId),
  ],
);

export type AuditEntry = typeof auditLog.$inferSelect;
