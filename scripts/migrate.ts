/** Applies the drizzle-kit migration journal to DATABASE_URL, or to the embedded database. */
import { env } from "@/lib/env";
import { openDatabase } from "@/lib/db/open";
import { t } from "@/lib/i18n";

const e = env();
const handle = await openDatabase({ url: e.DATABASE_URL, dataDir: e.DATA_DIR });
await handle.close();
console.log(
  handle.kind === "pglite" ? t("cli.migrate.donePglite", { dir: e.DATA_DIR }) : t("cli.migrate.donePostgres"),
);
