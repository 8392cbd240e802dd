import ICAL from "ical.js";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { calendarTokens, meetingAgendaItems, meetingInvitations, meetingRooms, meetings } from "@/db/schema";
import { seedDemo } from "@/db/seed/demo";
import type { Actor } from "@/lib/auth/actor";
import type { DatabaseHandle, Db } from "@/lib/db";
import { env } from "@/lib/env";
import { createFeedToken, hashFeedToken, revokeFeedToken } from "@/lib/meetings/feed-tokens";
import { feedResponse, meetingDownloadResponse, uidOf } from "@/lib/meetings/ics";
import { onlineRoomUrl } from "@/lib/meetings/rooms";
import { createTestDatabase, onPostgres } from "../helpers/db";
import { actorFor, makeUser, unitByCode } from "../helpers/fixtures";

/**
 * The personal feed and the single download, parsed back with ical.js. "Now" is fixed at
 * 01/03/2026 07:00 in Hà Nội so the 30-days-back / 180-days-ahead window is known.
 */

const NOW = new Date("2026-03-01T00:00:00Z");
const DAY = 86_400_000;

let handle: DatabaseHandle;
let db: Db;
let me: Actor;
let stranger: Actor;
let hanoi: string;
let tuyenQuang: string;
const ids: Record<string, string> = {};
let onlineSlug: string;

async function meeting(title: string, unitId: string, startsAt: string, endsAt: string, extra: Partial<typeof meetings.$inferInsert> = {}) {
  const [row] = await db.insert(meetings).values({ title, unitId, startsAt: new Date(startsAt), endsAt: new Date(endsAt), ...extra }).returning({ id: meetings.id });
  return row!.id;
}

beforeAll(async () => {
  handle = await createTestDatabase();
  db = handle.db;
  await seedDemo(db);
  hanoi = (await unitByCode(db, "HA-NOI")).id;
  tuyenQuang = (await unitByCode(db, "TUYEN-QUANG")).id;
  // A member of a Hà Nội branch: no meeting.read, so only what they are invited to.
  const branchUser = await makeUser(db, { unitCode: "HA-NOI", role: "member" });
  me = await actorFor(db, branchUser.username);
  stranger = await actorFor(db, (await makeUser(db, { unitCode: "TUYEN-QUANG", role: "officer" })).username);

  onlineSlug = `KetNoi-test-${crypto.randomUUID().slice(0, 8)}`;
  const [online] = await db.insert(meetingRooms).values({ unitId: hanoi, name: "Phòng họp trực tuyến", kind: "online", onlineSlug }).returning();
  const [physical] = await db.insert(meetingRooms).values({ unitId: hanoi, name: "Phòng họp số 1", kind: "physical", location: "Tầng 2, 12 Lê Lai" }).returning();

  // Monday 02/03/2026 09:00–10:30 in Hà Nội = 02:00–03:30 UTC.
  ids.briefing = await meeting("Giao ban đầu tuần", hanoi, "2026-03-02T02:00:00Z", "2026-03-02T03:30:00Z", { roomId: online!.id, version: 3 });
  ids.physical = await meeting("Họp chi ủy", hanoi, "2026-03-04T07:30:00Z", "2026-03-04T09:00:00Z", { roomId: physical!.id });
  ids.cancelled = await meeting("Họp bị hủy", hanoi, "2026-03-05T01:00:00Z", "2026-03-05T02:00:00Z", { status: "cancelled", cancelReason: "Trùng lịch", version: 2 });
  // Early morning in Hà Nội is the day before in UTC: 06:00 on Tuesday 03/03 is 23:00Z on Monday.
  ids.early = await meeting("Họp sớm", tuyenQuang, "2026-03-02T23:00:00Z", "2026-03-03T00:00:00Z");
  ids.tooOld = await meeting("Quá cũ", hanoi, new Date(NOW.getTime() - 31 * DAY).toISOString(), new Date(NOW.getTime() - 31 * DAY + 3_600_000).toISOString());
  ids.lastIn = await meeting("Còn trong cửa sổ", hanoi, new Date(NOW.getTime() + 179 * DAY).toISOString(), new Date(NOW.getTime() + 179 * DAY + 3_600_000).toISOString());
  ids.tooFar = await meeting("Quá xa", hanoi, new Date(NOW.getTime() + 181 * DAY).toISOString(), new Date(NOW.getTime() + 181 * DAY + 3_600_000).toISOString());
  ids.notMine = await meeting("Họp của người khác", tuyenQuang, "2026-03-02T02:00:00Z", "2026-03-02T03:00:00Z");
  ids.unitOnly = await meeting("Họp của Hà Nội, không mời", hanoi, "2026-03-06T02:00:00Z", "2026-03-06T03:00:00Z");

  for (const key of ["briefing", "physical", "cancelled", "early", "tooOld", "lastIn", "tooFar"]) {
    await db.insert(meetingInvitations).values({ meetingId: ids[key]!, userId: me.userId, reply: key === "physical" ? "attend" : "pending" });
  }
  await db.insert(meetingInvitations).values({ meetingId: ids.notMine!, userId: stranger.userId });
  await db.insert(meetingAgendaItems).values([
    { meetingId: ids.briefing!, position: 1, title: "Kết quả tuần trước" },
    { meetingId: ids.briefing!, position: 2, title: "Kế hoạch tuần này" },
  ]);
}, 120_000);

afterAll(async () => {
  await handle?.close();
});

interface Parsed {
  uid: string;
  summary: string;
  start: string;
  end: string;
  location: string | null;
  status: string | null;
  sequence: number;
  url: string | null;
  description: string;
  lastModified: string | null;
}

function parse(text: string): Parsed[] {
  const calendar = new ICAL.Component(ICAL.parse(text) as unknown[]);
  return calendar.getAllSubcomponents("vevent").map((vevent) => {
    const event = new ICAL.Event(vevent);
    const lastModified = vevent.getFirstPropertyValue("last-modified") as ICAL.Time | null;
    return {
      uid: event.uid,
      summary: event.summary,
      start: event.startDate.toJSDate().toISOString(),
      end: event.endDate.toJSDate().toISOString(),
      location: event.location ?? null,
      status: (vevent.getFirstPropertyValue("status") as string | null) ?? null,
      sequence: event.sequence,
      url: (vevent.getFirstPropertyValue("url") as string | null) ?? null,
      description: event.description ?? "",
      lastModified: lastModified ? lastModified.toJSDate().toISOString() : null,
    };
  });
}

async function fetchFeed(token: string): Promise<{ response: Response; events: Parsed[] }> {
  const response = await feedResponse(db, `${token}.ics`, NOW);
  const events = response.status === 200 ? parse(await response.clone().text()) : [];
  return { response, events };
}

const byTitle = (events: Parsed[], title: string) => events.find((e) => e.summary === title);

describe(`personal ICS feed (${onPostgres ? "PostgreSQL" : "PGlite"})`, () => {
  it("answers text/calendar, private and not stored, for a live token", async () => {
    const { token } = await createFeedToken(db, me);
    const { response } = await fetchFeed(token);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/calendar/);
    expect(response.headers.get("cache-control")).toContain("no-store");
    expect(response.headers.get("cache-control")).toContain("private");
    // The path segment may come without the suffix too.
    expect((await feedResponse(db, token, NOW)).status).toBe(200);
  });

  it("puts the Monday 09:00 Hà Nội briefing at 02:00Z–03:30Z with its online link, URL, agenda and version", async () => {
    const { token } = await createFeedToken(db, me);
    const { events } = await fetchFeed(token);
    const briefing = byTitle(events, "Giao ban đầu tuần")!;
    expect(briefing).toBeDefined();
    expect(briefing.start).toBe("2026-03-02T02:00:00.000Z");
    expect(briefing.end).toBe("2026-03-02T03:30:00.000Z");
    expect(briefing.location).toBe(onlineRoomUrl(onlineSlug));
    expect(briefing.location).toContain(env().JITSI_BASE_URL.replace(/\/+$/, ""));
    expect(briefing.uid).toBe(`${ids.briefing}@${new URL(env().APP_URL).host}`);
    expect(briefing.url).toBe(`${env().APP_URL.replace(/\/+$/, "")}/lam-viec/hop/${ids.briefing}`);
    expect(briefing.sequence).toBe(3);
    expect(briefing.status).toBe("CONFIRMED");
    expect(briefing.description).toContain("1. Kết quả tuần trước");
    expect(briefing.description).toContain("2. Kế hoạch tuần này");
    expect(briefing.lastModified).not.toBeNull();
  });

  it("checks every event's instants, summary and location against the database", async () => {
    const { token } = await createFeedToken(db, me);
    const { events } = await fetchFeed(token);
    expect(events.map((e) => e.summary).sort()).toEqual(["Còn trong cửa sổ", "Giao ban đầu tuần", "Họp bị hủy", "Họp chi ủy", "Họp sớm"].sort());
    for (const event of events) {
      const id = event.uid.split("@")[0]!;
      const [row] = await db.select().from(meetings).where(eq(meetings.id, id));
      expect(event.start).toBe(row!.startsAt.toISOString());
      expect(event.end).toBe(row!.endsAt.toISOString());
      expect(event.summary).toBe(row!.title);
      expect(event.sequence).toBe(row!.version);
      expect(event.uid).toBe(uidOf(id));
    }
    expect(byTitle(events, "Họp chi ủy")!.location).toBe("Phòng họp số 1, Tầng 2, 12 Lê Lai");
    expect(byTitle(events, "Họp sớm")!.start).toBe("2026-03-02T23:00:00.000Z");
  });

  it("keeps a cancelled meeting with STATUS:CANCELLED and its reason", async () => {
    const { token } = await createFeedToken(db, me);
    const cancelled = byTitle((await fetchFeed(token)).events, "Họp bị hủy")!;
    expect(cancelled.status).toBe("CANCELLED");
    expect(cancelled.sequence).toBe(2);
    expect(cancelled.description).toContain("Trùng lịch");
  });

  it("gives the same UIDs on every fetch and from another token", async () => {
    const a = await fetchFeed((await createFeedToken(db, me)).token);
    const b = await fetchFeed((await createFeedToken(db, me)).token);
    expect(a.events.map((e) => e.uid).sort()).toEqual(b.events.map((e) => e.uid).sort());
    expect(new Set(a.events.map((e) => e.uid)).size).toBe(a.events.length);
  });

  it("covers 30 days back to 180 days ahead, no more", async () => {
    const { events } = await fetchFeed((await createFeedToken(db, me)).token);
    expect(byTitle(events, "Còn trong cửa sổ")).toBeDefined();
    expect(byTitle(events, "Quá cũ")).toBeUndefined();
    expect(byTitle(events, "Quá xa")).toBeUndefined();
  });

  it("never shows another user's meeting, nor a unit meeting the owner may not read", async () => {
    const { events } = await fetchFeed((await createFeedToken(db, me)).token);
    expect(byTitle(events, "Họp của người khác")).toBeUndefined();
    expect(byTitle(events, "Họp của Hà Nội, không mời")).toBeUndefined();
    const theirs = await fetchFeed((await createFeedToken(db, stranger)).token);
    expect(theirs.events.map((e) => e.summary)).toContain("Họp của người khác");
    expect(theirs.events.map((e) => e.summary)).not.toContain("Giao ban đầu tuần");
  });

  it("answers 404 with no hint for a revoked, unknown or malformed token", async () => {
    const { id, token } = await createFeedToken(db, me);
    await revokeFeedToken(db, me, id);
    const revoked = await feedResponse(db, `${token}.ics`, NOW);
    const unknown = await feedResponse(db, `${"A".repeat(43)}.ics`, NOW);
    const malformed = await feedResponse(db, "x'; drop table meetings;--.ics", NOW);
    for (const response of [revoked, unknown, malformed]) expect(response.status).toBe(404);
    expect(await revoked.text()).toBe(await unknown.text());
  });

  it("keeps only the SHA-256 of a token", async () => {
    const { id, token } = await createFeedToken(db, me);
    const [row] = await db.select().from(calendarTokens).where(eq(calendarTokens.id, id));
    expect(row!.tokenHash).toBe(hashFeedToken(token));
    expect(JSON.stringify(row)).not.toContain(token);
  });
});

describe("single meeting download", () => {
  it("gives an invited user the meeting as an attachment", async () => {
    const response = await meetingDownloadResponse(db, me, ids.briefing!);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename=".+\.ics"$/);
    const [event] = parse(await response.text());
    expect(event!.summary).toBe("Giao ban đầu tuần");
    expect(event!.start).toBe("2026-03-02T02:00:00.000Z");
    expect(event!.uid).toBe(uidOf(ids.briefing!));
  });

  it("gives a Hà Nội officer (meeting.read) a Hà Nội meeting they are not invited to", async () => {
    const officer = await actorFor(db, (await makeUser(db, { unitCode: "HA-NOI", role: "officer" })).username);
    expect((await meetingDownloadResponse(db, officer, `${ids.unitOnly}.ics`)).status).toBe(200);
  });

  it("is 404 for someone who may not see it, without a session, and for a bad id", async () => {
    expect((await meetingDownloadResponse(db, me, ids.notMine!)).status).toBe(404);
    expect((await meetingDownloadResponse(db, stranger, ids.briefing!)).status).toBe(404);
    expect((await meetingDownloadResponse(db, null, ids.briefing!)).status).toBe(404);
    expect((await meetingDownloadResponse(db, me, "not-a-uuid")).status).toBe(404);
  });
});

