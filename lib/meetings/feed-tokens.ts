import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, isNull } from "drizzle-orm";
import { calendarTokens, users } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { ForbiddenError, NotFoundError, UnauthenticatedError } from "@/lib/auth/errors";
import { loadActor } from "@/lib/auth/load-actor";
import { recordAudit } from "@/lib/audit/service";
import type { Db } from "@/lib/db";
import { env } from "@/lib/env";

/**
 * Personal calendar feed addresses. The token is 32 random bytes, shown once when made; only its
 * SHA-256 is kept, so a copy of the database cannot be used to read anyone's calendar. Revoking
 * stamps revoked_at and the address answers 404 from then on.
 */

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export const hashFeedToken = (token: string) => createHash("sha256").update(token, "utf8").digest("hex");

/** The address calendar programs subscribe to. */
export const feedUrl = (token: string) => `${env().APP_URL.replace(/\/+$/, "")}/api/lich/${token}.ics`;

function ownActor(actor: Actor | null): Actor {
  if (!actor) throw new UnauthenticatedError();
  if (actor.mustChangePassword) throw new ForbiddenError();
  return actor;
}

export interface FeedTokenRow {
  id: string;
  createdAt: Date;
  revokedAt: Date | null;
}

export async function createFeedToken(db: Db, actorOrNull: Actor | null): Promise<{ id: string; token: string; url: string }> {
  const actor = ownActor(actorOrNull);
  const token = randomBytes(32).toString("base64url");
  const [row] = await db.insert(calendarTokens).values({ userId: actor.userId, tokenHash: hashFeedToken(token) }).returning({ id: calendarTokens.id });
  await recordAudit(db, actor, { action: "meeting.createFeedToken", entityType: "calendar_token", entityId: row!.id, unitId: actor.activeUnitId });
  return { id: row!.id, token, url: feedUrl(token) };
}

/** Ends one of the actor's own addresses; another person's (or an unknown id) is not found. */
export async function revokeFeedToken(db: Db, actorOrNull: Actor | null, id: string): Promise<{ id: string }> {
  const actor = ownActor(actorOrNull);
  const [row] = await db
    .update(calendarTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(calendarTokens.id, id), eq(calendarTokens.userId, actor.userId), isNull(calendarTokens.revokedAt)))
    .returning({ id: calendarTokens.id });
  if (!row) throw new NotFoundError();
  await recordAudit(db, actor, { action: "meeting.revokeFeedToken", entityType: "calendar_token", entityId: row.id, unitId: actor.activeUnitId });
  return row;
}

export async function listFeedTokens(db: Db, actorOrNull: Actor | null): Promise<FeedTokenRow[]> {
  const actor = ownActor(actorOrNull);
  return db
    .select({ id: calendarTokens.id, createdAt: calendarTokens.createdAt, revokedAt: calendarTokens.revokedAt })
    .from(calendarTokens)
    .where(eq(calendarTokens.userId, actor.userId))
    .orderBy(desc(calendarTokens.createdAt));
}

/**
 * Whose calendar a feed token opens: the owner as an actor with all their roles (the feed is their
 * whole calendar, whichever unit they last worked at), or null for a malformed, unknown or revoked
 * token and for a disabled account or one that must still change its password.
 */
export async function actorForFeedToken(db: Db, token: string): Promise<Actor | null> {
  if (!TOKEN.test(token)) return null;
  const [row] = await db
    .select({ userId: calendarTokens.userId })
    .from(calendarTokens)
    .where(and(eq(calendarTokens.tokenHash, hashFeedToken(token)), isNull(calendarTokens.revokedAt)))
    .limit(1);
  if (!row) return null;
  const [user] = await db.select({ sessionVersion: users.sessionVersion }).from(users).where(eq(users.id, row.userId)).limit(1);
  if (!user) return null;
  const actor = await loadActor(db, { userId: row.userId, sessionVersion: user.sessionVersion });
  if (!actor || actor.mustChangePassword) return null;
  return { ...actor, roles: actor.assignments };
}
