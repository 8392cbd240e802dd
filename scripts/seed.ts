/**
 * Fills an empty database with the demo organisation and one account per role, then prints the
 * accounts. Safe to run again: a database that already has its settings is left as it is.
 *
 *   DATA_DIR=.data npx tsx scripts/seed.ts          (embedded PGlite)
 *   DATABASE_URL=postgres://… npx tsx scripts/seed.ts
 */
import { printDemoAccounts } from "@/db/seed/accounts";
import { seedDemo } from "@/db/seed/demo";
import { openDatabase } from "@/lib/db/open";
import { t } from "@/lib/i18n";

async function main() {
  const handle = await openDatabase({ url: process.env.DATABASE_URL, dataDir: process.env.DATA_DIR ?? ".data" });
  try {
    const { seeded, accounts } = await seedDemo(handle.db, { documents: true });
    console.log(t(seeded ? "cli.seed.done" : "cli.seed.alreadySeeded"));
    if (accounts.length > 0) printDemoAccounts(accounts);
    else console.log(t("cli.seed.noDemoAccounts"));
  } finally {
    await handle.close();
  }
}

main().catch((error: unknown) => {
  console.error(t("cli.seed.failed"), error instanceof Error ? error.message : error);
  process.exit(1);
});
