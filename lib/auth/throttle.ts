import { and, eq, gt, sql } from "drizzle-orm";
import { signInAttempts } from "@/db/schema";
import type { Db } from "@/lib/db";

/** Failed sign-ins allowed in the window before the account or the IP must wait. */
export const THROTTLE = { windowMinutes: 15, perAccount: 5, perIp: 30 } as const;

/** An existing account is counted by its id, so its username and e-mail share one counter. */
export const userKey = (userId: string) => `user:${userId}`;
/** A login that names no account is counted as typed (folded), so guessing it is throttled alike. */
export const accountKey = (login: string) => `account:${login.trim().toLowerCase()}`;
export const ipKey = (ip: string) => `ip:${ip}`;

/**
 * Failures since the window opened. For an account, only those since its last success count;
 * an address is not forgiven by a success, or one valid account would reset it for guessing others.
 */
async function recentFailures(db: Db, key: string, forgiveOnSuccess: boolean): Promise<number> {
  const since = sql`now() - make_interval(mins => ${THROTTLE.windowMinutes})`;
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(signInAttempts)
    .where(
      and(
        eq(signInAttempts.key, key),
        eq(signInAttempts.succeeded, false),
        gt(signInAttempts.at, since),
        forgiveOnSuccess
          ? sql`${signInAttempts.at} > coalesce((select max(s.at) from sign_in_attempts s where s.key = ${key} and s.succeeded), '-infinity')`
          : undefined,
      ),
    );
  return row?.n ?? 0;
}

/** `account` is userKey(id) for an existing account, accountKey(login) otherwise. */
export async function isThrottled(db: Db, account: string, ip: string | null): Promise<boolean> {
  if ((await recentFailures(db, account, true)) >= THROTTLE.perAccount) return true;
  if (ip && (await recentFailures(db, ipKey(ip), false)) >= THROTTLE.perIp) return true;
  return false;
}

export async function recordAttempt(db: Db, account: string, ip: string | null, succeeded: boolean) {
  const rows = [{ key: account, succeeded }];
  if (ip) rows.push({ key: ipKey(ip), succeeded });
  await db.insert(signInAttempts).values(rows);
}
