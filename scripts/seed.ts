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

async function main() {
  const handle = await openDatabase({ url: process.env.DATABASE_URL, dataDir: process.env.DATA_DIR ?? ".data" });
  try {
    const { seeded, accounts } = await seedDemo(handle.db);
    console.log(
      seeded
        ? "Đã tạo dữ liệu dùng thử: Hội Cựu Thanh niên xung phong Việt Nam."
        : "Cơ sở dữ liệu đã có cấu hình tổ chức; không tạo thêm dữ liệu dùng thử.",
    );
    if (accounts.length > 0) printDemoAccounts(accounts);
    else console.log("Cơ sở dữ liệu này không có tài khoản dùng thử (tạo quản trị viên bằng: npm run create-admin).");
  } finally {
    await handle.close();
  }
}

main().catch((error: unknown) => {
  console.error("Không tạo được dữ liệu dùng thử:", error instanceof Error ? error.message : error);
  process.exit(1);
});
