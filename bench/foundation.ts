/**
 * Foundation figures: the cost of one password hash (argon2id, 19 MiB, t=2) and the time of a
 * scoped subtree query over a large unit tree, with and without the ltree GiST index.
 * Run: npm run bench:foundation   (PGlite in memory; BENCH_DATABASE_URL for a PostgreSQL server)
 */
import { performance } from "node:perf_hooks";
import { and, eq, sql } from "drizzle-orm";
import { units } from "@/db/schema";
import { seedDemo } from "@/db/seed/demo";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { openDatabase } from "@/lib/db/open";
import { pathLabel } from "@/lib/org/units";

const UNITS_PER_PROVINCE = Number(process.env.BENCH_UNITS_PER_PROVINCE ?? 600);
const RUNS = 40;

function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { median: at(0.5), p95: at(0.95) };
}

async function time(fn: () => Promise<unknown>, runs = RUNS) {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  return stats(samples);
}

const fmt = (ms: number) => `${ms.toFixed(2)} ms`;

const hash = await hashPassword("Một câu mật khẩu dài để đo thời gian");
const hashing = await time(() => hashPassword("Một câu mật khẩu dài để đo thời gian"), 10);
const verifying = await time(() => verifyPassword(hash, "Một câu mật khẩu dài để đo thời gian"), 10);
console.log(`argon2id hash   median ${fmt(hashing.median)}  p95 ${fmt(hashing.p95)}`);
console.log(`argon2id verify median ${fmt(verifying.median)}  p95 ${fmt(verifying.p95)}`);

const handle = await openDatabase(process.env.BENCH_DATABASE_URL ? { url: process.env.BENCH_DATABASE_URL } : { dataDir: "memory://" });
const { db } = handle;
await seedDemo(db);
const provinces = await db.select().from(units).where(and(eq(units.level, 1), sql`${units.activeTo} is null`));
// Grassroots units under every province, in batches.
for (const province of provinces) {
  const rows = Array.from({ length: UNITS_PER_PROVINCE }, (_, i) => {
    const id = crypto.randomUUID();
    return { id, name: `Cơ sở ${i}`, code: `B-${pathLabel(id).slice(0, 12)}`, level: 2, parentId: province.id, path: `${province.path}.${pathLabel(id)}` };
  });
  await db.insert(units).values(rows);
}
await db.execute(sql`analyze units`);
const [{ n } = { n: 0 }] = await db.select({ n: sql<number>`count(*)::int` }).from(units);
const target = provinces.find((p) => p.code === "HA-NOI")!;
const subtree = () => db.select({ n: sql<number>`count(*)::int` }).from(units).where(sql`${units.path} <@ ${target.path}::ltree`);

const indexed = await time(subtree);
await db.execute(sql`drop index units_path_gist`);
await db.execute(sql`drop index units_path_key`);
const unindexed = await time(subtree);
console.log(`units in tree: ${n} (${UNITS_PER_PROVINCE} per province) on ${handle.kind}`);
console.log(`subtree count, GiST index  median ${fmt(indexed.median)}  p95 ${fmt(indexed.p95)}`);
console.log(`subtree count, no index    median ${fmt(unindexed.median)}  p95 ${fmt(unindexed.p95)}`);
console.log(`ratio (no index / index, p95): ${(unindexed.p95 / indexed.p95).toFixed(1)}×`);
await handle.close();
