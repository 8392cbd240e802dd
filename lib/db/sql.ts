import { getTableName, sql, type SQL } from "drizzle-orm";
import type { Db } from "./types";
import type { AnyPgColumn } from "drizzle-orm/pg-core";

/**
 * A column written with its table ("members"."id"), for correlated subqueries. Drizzle leaves
 * columns unqualified in a single-table select, and inside `exists (select … from p where
 * p.member_id = "id")` an unqualified "id" is the subquery's own column, not the outer row's.
 */
export function outer(column: AnyPgColumn): SQL {
  return sql.raw(`"${getTableName(column.table)}"."${column.name}"`);
}

/** Rows of a raw query on either driver (PGlite answers { rows }, postgres.js an array). */
export async function queryRows<T>(db: Db, statement: SQL): Promise<T[]> {
  const result = (await db.execute(statement)) as unknown;
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}
