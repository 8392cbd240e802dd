import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { calendarTokens, meetingInvitations, meetingRooms, meetings, units } from "@/db/schema";
import { seedDemo } from "@/db/seed/demo";
import type { Actor } from "@/lib/auth/actor";
import type { DatabaseHandle, Db } from "@/lib/db";
import { addDays } from "@/lib/i18n/format";
import { createFeedTokenAction, revokeFeedTokenAction } from "@/lib/meetings/calendar-actions";
import {
  byDay,
  calendarFor,
  calendarUnitChoices,
  dayRange,
  monthGrid,
  parseDayParam,
  shiftMonth,
  visibleMeeting,
  weekDays,
  weekdayMondayFirst,
} from "@/lib/meetings/calendar";
import { actorForFeedToken, createFeedToken, listFeedTokens, revokeFeedToken } from "@/lib/meetings/feed-tokens";
import { onlineRoomUrl } from "@/lib/meetings/rooms";
import { createTestDatabase, onPostgres } from "../helpers/db";
import { actorFor, makeUser, unitByCode } from "../helpers/fixtures";

describe("week and month helpers (Vietnam's days, Monday first)", () => {
  it("takes the week of 01/01/2026 from Monday 29/12/2025 to Sunday 04/01/2026", () => {
    expect(weekDays("2026-01-01")).toEqual(["2025-12-29", "2025-12-30", "2025-12-31", "2026-01-01", "2026-01-02", "2026-01-03", "2026-01-04"]);
    expect(weekDays("2026-01-04")[0]).toBe("2025-12-29");
    expect(weekDays("2026-01-05")[0]).toBe("2026-01-05");
  });

  it("draws March 2026 as whole Monday-first weeks across the month boundaries", () => {
    const grid = monthGrid("2026-03-15");
    expect(grid.month).toBe("2026-03");
    expect(grid.weeks[0]![0]).toEqual({ day: "2026-02-23", inMonth: false });
    expect(grid.weeks.at(-1)!.at(-1)).toEqual({ day: "2026-04-05", inMonth: false });
    expect(grid.weeks).toHaveLength(6);
    for (const week of grid.weeks) {
      expect(week).toHaveLength(7);
      expect(weekdayMondayFirst(week[0]!.day)).toBe(0);
    }
    expect(grid.weeks.flat().filter((d) => d.inMonth)).toHaveLength(31);
  });

  it("draws December 2026 into January 2027, and February 2027 as exactly four weeks", () => {
    const december = monthGrid("2026-12-01");
    expect(december.weeks[0]![0]!.day).toBe("2026-11-30");
    expect(december.weeks.at(-1)!.map((d) => d.day)).toEqual(["2026-12-28", "2026-12-29", "2026-12-30", "2026-12-31", "2027-01-01", "2027-01-02", "2027-01-03"]);
    const february = monthGrid("2027-02-10");
    expect(february.weeks).toHaveLength(4);
    expect(february.weeks[0]![0]!.day).toBe("2027-02-01");
  });

  it("moves by months within the month, reads dd/MM/yyyy strictly and bounds days in Vietnam's time", () => {
    expect(shiftMonth("2026-03-31", -1)).toBe("2026-02-28");
    expect(shiftMonth("2026-12-15", 1)).toBe("2027-01-15");
    expect(shiftMonth("2024-01-31", 1)).toBe("2024-02-29");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(parseDayParam("02/03/2026")).toBe("2026-03-02");
    expect(parseDayParam("2/3/2026")).toBe("2026-03-02");
    expect(parseDayParam("29/02/2025")).toBeNull();
    expect(parseDayParam("31/04/2026")).toBeNull();
    expect(parseDayParam("2026-03-02")).toBeNull();
    expect(parseDayParam(undefined)).toBeNull();
    const range = dayRange("2026-03-02", "2026-03-08");
    expect(range.from.toISOString()).toBe("2026-03-01T17:00:00.000Z");
    expect(range.to.toISOString()).toBe("2026-03-08T17:00:00.000Z");
  });

  it("files a meeting under the Vietnamese days it touches (06:00 Tuesday is Monday in UTC)", () => {
    const days = weekDays("2026-03-02");
    const map = byDay(
      [
        { startsAt: new Date("2026-03-02T23:00:00Z"), endsAt: new Date("2026-03-03T00:00:00Z") },
        { startsAt: new Date("2026-03-04T15:00:00Z"), endsAt: new Date("2026-03-04T17:00:00Z") },
      ],
      days,
    );
    expect(map.get("2026-03-02")).toHaveLength(0);
    expect(map.get("2026-03-03")).toHaveLength(1);
    // 22:00–24:00 on Wednesday: not on Thursday.
    expect(map.get("2026-03-04")).toHaveLength(1);
    expect(map.get("2026-03-05")).toHaveLength(0);
  });
});

let handle: DatabaseHandle;
let db: Db;
let hanoiOfficer: Actor;
let member: Actor;
let tqOfficer: Actor;
let hanoi: string;
let ward: { id: string; name: string };
let tuyenQuang: string;
const ids: Record<string, string> = {};

const WEEK = dayRange("2026-03-02", "2026-03-08");

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
  const [w] = await db.select({ id: units.id, name: units.name }).from(units).where(eq(units.parentId, hanoi)).limit(1);
  ward = w!;
  hanoiOfficer = await actorFor(db, (await makeUser(db, { unitCode: "HA-NOI", role: "officer" })).username);
  member = await actorFor(db, (await makeUser(db, { unitCode: "HA-NOI", role: "member" })).username);
  tqOfficer = await actorFor(db, (await makeUser(db, { unitCode: "TUYEN-QUANG", role: "officer" })).username);

  const slug = `KetNoi-cal-${crypto.randomUUID().slice(0, 8)}`;
  const [online] = await db.insert(meetingRooms).values({ unitId: hanoi, name: "Phòng trực tuyến Hà Nội", kind: "online", onlineSlug: slug }).returning();
  ids.briefing = await meeting("Giao ban Hà Nội", hanoi, "2026-03-02T02:00:00Z", "2026-03-02T03:30:00Z", { roomId: online!.id });
  ids.wardMeeting = await meeting("Họp phường", ward.id, "2026-03-03T02:00:00Z", "2026-03-03T03:00:00Z");
  ids.tq = await meeting("Giao ban Tuyên Quang", tuyenQuang, "2026-03-02T02:00:00Z", "2026-03-02T03:00:00Z");
  ids.tqInvited = await meeting("Tuyên Quang mời Hà Nội", tuyenQuang, "2026-03-04T02:00:00Z", "2026-03-04T03:00:00Z");
  ids.cancelled = await meeting("Họp đã hủy", hanoi, "2026-03-05T02:00:00Z", "2026-03-05T03:00:00Z", { status: "cancelled" });
  ids.nextWeek = await meeting("Tuần sau", hanoi, "2026-03-09T02:00:00Z", "2026-03-09T03:00:00Z");
  // Sunday 08/03 23:30 to Monday 09/03 00:30 in Hà Nội: overlaps the week's end.
  ids.acrossEnd = await meeting("Qua nửa đêm", hanoi, "2026-03-08T16:30:00Z", "2026-03-08T17:30:00Z");
  await db.insert(meetingInvitations).values([
    { meetingId: ids.briefing!, userId: member.userId, reply: "deputy" },
    { meetingId: ids.tqInvited!, userId: member.userId },
  ]);
  ids.slug = slug;
}, 120_000);

afterAll(async () => {
  await handle?.close();
});

const titles = (entries: { title: string }[]) => entries.map((e) => e.title);

describe(`calendarFor (${onPostgres ? "PostgreSQL" : "PGlite"})`, () => {
  it("gives a member what they are invited to, with their reply and the online link, nothing else", async () => {
    const entries = await calendarFor(db, member, WEEK);
    expect(titles(entries)).toEqual(["Giao ban Hà Nội", "Tuyên Quang mời Hà Nội"]);
    expect(entries[0]).toMatchObject({ myReply: "deputy", unit: { id: hanoi }, room: { name: "Phòng trực tuyến Hà Nội", kind: "online" }, onlineUrl: onlineRoomUrl(ids.slug!) });
    expect(entries[1]!.myReply).toBe("pending");
  });

  it("gives an officer their unit's meetings (not a sub-unit's, not another province's); cancelled ones only when asked", async () => {
    const entries = await calendarFor(db, hanoiOfficer, WEEK);
    expect(titles(entries)).toEqual(["Giao ban Hà Nội", "Qua nửa đêm"]);
    expect(entries[0]!.myReply).toBeNull();
    const withCancelled = await calendarFor(db, hanoiOfficer, { ...WEEK, includeCancelled: true });
    expect(withCancelled.find((e) => e.title === "Họp đã hủy")?.status).toBe("cancelled");
  });

  it("keeps to the range: a meeting overlapping its end is in, next week's is out", async () => {
    const entries = await calendarFor(db, hanoiOfficer, WEEK);
    expect(titles(entries)).toContain("Qua nửa đêm");
    expect(titles(entries)).not.toContain("Tuần sau");
    expect(titles(await calendarFor(db, hanoiOfficer, dayRange("2026-03-09", "2026-03-15")))).toEqual(["Qua nửa đêm", "Tuần sau"]);
  });

  it("shows a unit's calendar with everything below it, within scope only", async () => {
    expect(titles(await calendarFor(db, hanoiOfficer, { ...WEEK, unitIds: [hanoi] }))).toEqual(["Giao ban Hà Nội", "Họp phường", "Qua nửa đêm"]);
    expect(titles(await calendarFor(db, hanoiOfficer, { ...WEEK, unitIds: [ward.id] }))).toEqual(["Họp phường"]);
    await expect(calendarFor(db, hanoiOfficer, { ...WEEK, unitIds: [tuyenQuang] })).rejects.toMatchObject({ code: "not_found" });
    await expect(calendarFor(db, hanoiOfficer, { ...WEEK, unitIds: ["nonsense"] })).rejects.toMatchObject({ code: "not_found" });
    await expect(calendarFor(db, member, { ...WEEK, unitIds: [hanoi] })).rejects.toMatchObject({ code: "forbidden" });
    await expect(calendarFor(db, null, WEEK)).rejects.toMatchObject({ code: "unauthenticated" });
  });

  it("offers the officer's unit and its children in the unit filter, nothing to a member", async () => {
    const choices = await calendarUnitChoices(db, hanoiOfficer);
    expect(choices[0]).toMatchObject({ id: hanoi, depth: 0 });
    expect(choices.map((c) => c.id)).toContain(ward.id);
    expect(choices.map((c) => c.id)).not.toContain(tuyenQuang);
    expect(await calendarUnitChoices(db, member)).toEqual([]);
  });

  it("opens one meeting for the invited or the unit in scope, and is not found otherwise", async () => {
    expect((await visibleMeeting(db, member, ids.tqInvited!)).title).toBe("Tuyên Quang mời Hà Nội");
    expect((await visibleMeeting(db, hanoiOfficer, ids.wardMeeting!)).title).toBe("Họp phường");
    await expect(visibleMeeting(db, member, ids.tq!)).rejects.toMatchObject({ code: "not_found" });
    await expect(visibleMeeting(db, hanoiOfficer, ids.tq!)).rejects.toMatchObject({ code: "not_found" });
    await expect(visibleMeeting(db, tqOfficer, ids.briefing!)).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("feed tokens", () => {
  it("makes a 43-character random token, lists it, and revoking ends it", async () => {
    const made = await createFeedToken(db, member);
    expect(made.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(made.url).toMatch(new RegExp(`/api/lich/${made.token}\\.ics$`));
    expect((await actorForFeedToken(db, made.token))?.userId).toBe(member.userId);
    expect((await listFeedTokens(db, member)).find((r) => r.id === made.id)?.revokedAt).toBeNull();
    await revokeFeedToken(db, member, made.id);
    expect(await actorForFeedToken(db, made.token)).toBeNull();
    expect((await listFeedTokens(db, member)).find((r) => r.id === made.id)?.revokedAt).toBeInstanceOf(Date);
    await expect(revokeFeedToken(db, member, made.id)).rejects.toMatchObject({ code: "not_found" });
  });

  it("refuses to revoke another person's token and leaves it working", async () => {
    const theirs = await createFeedToken(db, tqOfficer);
    const result = await revokeFeedTokenAction.execute({ db, actor: member }, { id: theirs.id });
    expect(result).toMatchObject({ ok: false, code: "not_found" });
    const [row] = await db.select().from(calendarTokens).where(eq(calendarTokens.id, theirs.id));
    expect(row!.revokedAt).toBeNull();
    expect((await actorForFeedToken(db, theirs.token))?.userId).toBe(tqOfficer.userId);
    expect(await listFeedTokens(db, member).then((rows) => rows.map((r) => r.id))).not.toContain(theirs.id);
  });

  it("the action gives the token once; a session is needed, and a user who must change their password is refused", async () => {
    const result = await createFeedTokenAction.execute({ db, actor: member }, {});
    expect(result.ok && result.data.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await createFeedTokenAction.execute({ db, actor: null }, {})).toMatchObject({ ok: false, code: "unauthenticated" });
    expect(await createFeedTokenAction.execute({ db, actor: { ...member, mustChangePassword: true } }, {})).toMatchObject({ ok: false, code: "forbidden" });
  });

  it("a token opens the owner's calendar across all their units, not the unit they last worked at only", async () => {
    const made = await createFeedToken(db, hanoiOfficer);
    const actor = await actorForFeedToken(db, made.token);
    expect(actor!.roles).toEqual(actor!.assignments);
  });
});
