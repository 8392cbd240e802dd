/** Applies the drizzle-kit migration journal to DATABASE_URL, or to the embedded database. */
import { env } from "@/lib/env";
import { openDatabase } from "@/lib/db/open";

const e = env();
const handle = await openDatabase({ url: e.DATABASE_URL, dataDir: e.DATA_DIR });
await handle.close();
console.log(`Đã cập nhật cấu trúc cơ sở dữ liệu (${handle.kind === "pglite" ? `PGlite tại ${e.DATA_DIR}` : "PostgreSQL"}).`);
