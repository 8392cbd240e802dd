import { sql } from "drizzle-orm";
import {
  check,
  type AnyPgColumn,
  date,
  index,
  jsonb,
  pgEnum,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { ltree } from "./types";

export const numberingStyle = pgEnum("numbering_style", ["ND30", "HD36"]);
export const successionKind = pgEnum("succession_kind", ["merge", "split"]);

/** One row: the organisation's own words for itself, its levels and its document style. */
export const orgSettings = pgTable(
  "org_settings",
  {
    id: smallint("id").primaryKey().default(1),
    orgName: text("org_name").notNull(),
    shortName: text("short_name").notNull(),
    memberTerm: text("member_term").notNull(),
    levelNames: jsonb("level_names").$type<string[]>().notNull(),
    numberingStyle: numberingStyle("numbering_style").notNull(),
    /** Age limits at admission (Youth Union: 16–30); null where the organisation has none. */
    admissionMinAge: smallint("admission_min_age"),
    admissionMaxAge: smallint("admission_max_age"),
    address: text("address").notNull().default(""),
    phone: text("phone").notNull().default(""),
    email: text("email").notNull().default(""),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check("org_settings_single_row", sql`${t.id} = 1`)],
);

export const units = pgTable(
  "units",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    code: text("code").notNull(),
    level: smallint("level").notNull(),
    parentId: uuid("parent_id").references((): AnyPgColumn => units.id),
    /** Labels are the ids without dashes: root.child.grandchild. */
    path: ltree("path").notNull(),
    activeFrom: date("active_from").notNull().default(sql`current_date`),
    activeTo: date("active_to"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("units_code_key").on(sql`lower(${t.code})`),
    uniqueIndex("units_path_key").on(t.path),
    index("units_path_gist").using("gist", t.path),
    index("units_parent_idx").on(t.parentId),
  ],
);

/** A merge or split: the dissolved unit points at the unit that carries on its work. */
export const unitSuccessions = pgTable(
  "unit_successions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    predecessorId: uuid("predecessor_id")
      .notNull()
      .references(() => units.id),
    successorId: uuid("successor_id")
      .notNull()
      .references(() => units.id),
    kind: successionKind("kind").notNull(),
    effectiveOn: date("effective_on").notNull(),
    note: text("note").notNull().default(""),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("unit_successions_predecessor_idx").on(t.predecessorId),
    index("unit_successions_successor_idx").on(t.successorId),
  ],
);

export type OrgSettings = typeof orgSettings.$inferSelect;
export type Unit = typeof units.$inferSelect;
export type UnitSuccession = typeof unitSuccessions.$inferSelect;
