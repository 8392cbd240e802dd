import { customType } from "drizzle-orm/pg-core";

/** PostgreSQL ltree: the unit path, so "this unit and everything below" is one indexed predicate. */
export const ltree = customType<{ data: string; driverData: string }>({
  dataType() {
    return "ltree";
  },
});
