import { eq, or, sql } from "drizzle-orm";
import { users } from "@/db/schema";
import type { Db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/service";
import { decoyPasswordHash, verifyPassword } from "./password";
import { accountKey, isThrottled, recordAttempt, userKey } from "./throttle";

export type SignInOutcome =
  | { ok: true; user: { id: string; name: string; email: string | null; sessionVersion: number } }
  | { ok: false; reason: "invalid" | "throttled" };

/**
 * Checks a username-or-e-mail and password. An unknown account, a wrong password and a disabled
 * account all answer "invalid", after the same argon2 work, so none can be told apart.
 */
export async function verifySignIn(
  db: Db,
  input: { login: string; password: string; ip: string | null },
): Promise<SignInOutcome> {
  const login = input.login.trim().toLowerCase();
  if (!login || !input.password) return { ok: false, reason: "invalid" };
  const [user] = await db
    .select()
    .from(users)
    .where(or(eq(sql`lower(${users.username})`, login), eq(sql`lower(${users.email})`, login)))
    .limit(1);
  // One counter per account, whether it is named by username or by e-mail.
  const account = user ? userKey(user.id) : accountKey(login);
  if (await isThrottled(db, account, input.ip)) return { ok: false, reason: "throttled" };

  const valid = await verifyPassword(user?.passwordHash ?? (await decoyPasswordHash()), input.password);
  const ok = Boolean(user && valid && !user.disabledAt);
  await recordAttempt(db, account, input.ip, ok);
  if (!ok || !user) {
    await recordAudit(db, null, {
      action: "auth.signIn",
      entityType: "user",
      entityId: user?.id ?? null,
      unitId: user?.homeUnitId ?? null,
      outcome: "denied",
    });
    return { ok: false, reason: "invalid" };
  }
  await db.update(users).set({ lastSignInAt: new Date() }).where(eq(users.id, user.id));
  return { ok: true, user: { id: user.id, name: user.fullName, email: user.email, sessionVersion: user.sessionVersion } };
}
