import ical, { ICalCalendarMethod, ICalEventStatus } from "ical-generator";
import { asc, inArray } from "drizzle-orm";
import { meetingAgendaItems } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { DomainError } from "@/lib/auth/errors";
import type { Db } from "@/lib/db";
import { env } from "@/lib/env";
import { t } from "@/lib/i18n";
import { calendarFor, meetingHref, visibleMeeting, type CalendarEntry } from "./calendar";
import { actorForFeedToken } from "./feed-tokens";

/**
 * Meetings as iCalendar (RFC 5545) through ical-generator: the personal feed that Google Calendar
 * and Outlook subscribe to, and one meeting as a download. Times are written in UTC (…Z), which
 * every client places correctly without a VTIMEZONE. The UID is the meeting's id at our host, so
 * a client updates the event it has instead of adding a second one; SEQUENCE is the meeting's
 * version, and a cancelled meeting stays in the feed with STATUS:CANCELLED so clients remove it.
 */

/** The feed's window: 30 days back, 180 days ahead. */
export const FEED_DAYS_BACK = 30;
export const FEED_DAYS_AHEAD = 180;

const appUrl = () => env().APP_URL.replace(/\/+$/, "");
export const uidOf = (meetingId: string) => `${meetingId}@${new URL(appUrl()).host}`;

async function agendaOf(db: Db, ids: string[]): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>();
  if (ids.length === 0) return map;
  const rows = await db
    .select({ meetingId: meetingAgendaItems.meetingId, title: meetingAgendaItems.title })
    .from(meetingAgendaItems)
    .where(inArray(meetingAgendaItems.meetingId, ids))
    .orderBy(asc(meetingAgendaItems.meetingId), asc(meetingAgendaItems.position));
  for (const row of rows) map.set(row.meetingId, [...(map.get(row.meetingId) ?? []), row.title]);
  return map;
}

export function locationOf(entry: CalendarEntry): string {
  if (entry.onlineUrl) return entry.onlineUrl;
  if (!entry.room) return "";
  return entry.room.location ? `${entry.room.name}, ${entry.room.location}` : entry.room.name;
}

function descriptionOf(entry: CalendarEntry, agenda: string[]): string {
  const lines = [t("calendar.ics.unit", { unit: entry.unit.name })];
  if (entry.onlineUrl) lines.push(t("calendar.ics.online", { url: entry.onlineUrl }));
  if (agenda.length > 0) lines.push(t("calendar.ics.agenda"), ...agenda.map((title, i) => `${i + 1}. ${title}`));
  if (entry.status === "cancelled") lines.push(entry.cancelReason ? t("calendar.ics.cancelledBecause", { reason: entry.cancelReason }) : t("calendar.cancelled"));
  return lines.join("\n");
}

/** The calendar text for a list of meetings. */
export async function meetingsToIcs(db: Db, entries: CalendarEntry[], options: { name: string; method?: "publish" }): Promise<string> {
  const agenda = await agendaOf(db, entries.map((e) => e.id));
  const calendar = ical({
    name: options.name,
    prodId: { company: "Ket Noi", product: "Lich hop", language: "VI" },
    ttl: 60 * 60,
    method: options.method === "publish" ? ICalCalendarMethod.PUBLISH : undefined,
  });
  for (const entry of entries) {
    calendar.createEvent({
      id: uidOf(entry.id),
      start: entry.startsAt,
      end: entry.endsAt,
      stamp: entry.updatedAt,
      lastModified: entry.updatedAt,
      sequence: entry.version,
      summary: entry.title,
      location: locationOf(entry) || null,
      url: `${appUrl()}${meetingHref(entry.id)}`,
      description: descriptionOf(entry, agenda.get(entry.id) ?? []),
      status: entry.status === "cancelled" ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  return calendar.toString();
}

/** The personal feed of a token's owner, or null when the token opens nothing (unknown, revoked, account disabled). */
export async function feedIcs(db: Db, token: string, now: Date = new Date()): Promise<string | null> {
  const actor = await actorForFeedToken(db, token);
  if (!actor) return null;
  const entries = await calendarFor(db, actor, {
    from: new Date(now.getTime() - FEED_DAYS_BACK * 86_400_000),
    to: new Date(now.getTime() + FEED_DAYS_AHEAD * 86_400_000),
    includeCancelled: true,
  });
  return meetingsToIcs(db, entries, { name: t("calendar.ics.feedName", { name: actor.fullName }) });
}

/** One meeting the actor may see, as a file to download; not found otherwise. */
export async function meetingIcs(db: Db, actor: Actor | null, id: string): Promise<{ fileName: string; body: string }> {
  const entry = await visibleMeeting(db, actor, id);
  const body = await meetingsToIcs(db, [entry], { name: entry.title, method: "publish" });
  return { fileName: `cuoc-hop-${entry.startsAt.toISOString().slice(0, 10)}-${entry.id.slice(0, 8)}.ics`, body };
}

// ── HTTP answers (the route handlers only pass the database and the session in) ─────────────

const notFound = () => new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });

/** The path segment "<token>.ics" (the suffix is optional) to the token. */
const stripIcs = (segment: string) => decodeURIComponent(segment).replace(/\.ics$/i, "");

/** GET /api/lich/<token>.ics: the feed, or a bare 404 that does not say whether the token ever existed. */
export async function feedResponse(db: Db, segment: string, now: Date = new Date()): Promise<Response> {
  const body = await feedIcs(db, stripIcs(segment), now);
  if (body === null) return notFound();
  return new Response(body, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": 'inline; filename="lich-hop.ics"',
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "no-referrer",
    },
  });
}

/** GET /api/lich/cuoc-hop/<id>: one meeting the signed-in user may see, as an attachment; anything else is 404. */
export async function meetingDownloadResponse(db: Db, actor: Actor | null, segment: string): Promise<Response> {
  try {
    const { fileName, body } = await meetingIcs(db, actor, stripIcs(segment));
    return new Response(body, {
      headers: {
        "Content-Type": "text/calendar; charset=utf-8",
        "Content-Disposition": `attachment; filename="${fileName}"`,
        "Cache-Control": "private, no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  } catch (error) {
    if (error instanceof DomainError) return notFound();
    throw error;
  }
}
