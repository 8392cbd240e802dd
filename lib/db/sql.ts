import { getTableName, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";

/**
 * A column written with its table ("members"."id"), for correlated subqueries. Drizzle leaves
 * columns unqualified in a single-table select, and inside `exists (select … from p where
 * p.member_id = "id")` an unqualified "id" is the subquery's own column, not the outer row's.
 */
export function outer(column: AnyPgColumn): SQL {
  return sql.raw(`"${getTableName(column.table)}"."${column.name}"`);
}
