import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { meetingAgendaItems, meetingInvitations, meetingParticipants, meetingRooms, meetings, meetingSeries, meetingSeriesExceptions, roomBookings, units, type MeetingRoom } from "@/db/schema";
import { seedDemo } from "@/db/seed/demo";
import type { Actor } from "@/lib/auth/actor";
import { ConflictError, InvalidInputError, NotFoundError } from "@/lib/auth/errors";
import type { DatabaseHandle, Db } from "@/lib/db";
import { addDays, todayInVietnam } from "@/lib/i18n/format";
import { changeSeriesFromAction, createSeriesAction, moveOccurrenceAction } from "@/lib/meetings/actions";
import { changeSeriesFrom, createSeries, getSeries, materialiseOpenSeries, moveOccurrence, skipOccurrence } from "@/lib/meetings/series";
import { WEEKLY_BRIEFING } from "@/lib/meetings/recurrence";
import type { CreateSeriesInput } from "@/lib/meetings/schemas";
import { createTestDatabase } from "../helpers/db";
import { actorFor, countRows, makeUser, unitByCode } from "../helpers/fixtures";

let handle: DatabaseHandle;
let db: Db;
let officer: Actor;
let hanoiId: string;
let communeId: string;

/** The Monday at least two weeks ahead, so nothing here meets "the past". */
function mondayAhead(weeks = 2): string {
  const today = todayInVietnam();
  const weekday = new Date(`${today}T00:00:00Z`).getUTCDay();
  return addDays(today, ((8 - weekday) % 7 || 7) + 7 * (weeks - 1));
}
const mondays = (first: string, n: number) => Array.from({ length: n }, (_, i) => addDays(first, 7 * i));

beforeAll(async () => {
  handle = await createTestDatabase();
  db = handle.db;
  await seedDemo(db);
  officer = await actorFor(db, "hanoi.canbo");
  hanoiId = (await unitByCode(db, "HA-NOI")).id;
  const [commune] = await db.select().from(units).where(and(eq(units.parentId, hanoiId), eq(units.level, 2))).limit(1);
  communeId = commune!.id;
}, 120_000);
afterAll(async () => {
  await handle?.close();
});

async function makeRoom(autoApprove = true): Promise<MeetingRoom> {
  const [room] = await db
    .insert(meetingRooms)
    .values({ unitId: hanoiId, name: `Phòng họp ${crypto.randomUUID().slice(0, 6)}`, kind: "physical", location: "Tầng 2", autoApprove })
    .returning();
  return room!;
}

function briefing(overrides: Partial<CreateSeriesInput> = {}): CreateSeriesInput {
  return {
    unitId: hanoiId,
    title: "Giao ban đầu tuần",
    chairId: null,
    roomId: null,
    participantUserIds: [],
    participantUnitIds: [],
    agenda: [{ title: "Điểm lại công việc tuần trước", presenter: "Văn phòng", durationMinutes: 30 }],
    rrule: WEEKLY_BRIEFING.rrule,
    startsOn: mondayAhead(),
    startTime: WEEKLY_BRIEFING.startTime,
    durationMinutes: WEEKLY_BRIEFING.durationMinutes,
    ...overrides,
  };
}

const seriesMeetings = (seriesId: string) => db.select().from(meetings).where(eq(meetings.seriesId, seriesId)).orderBy(meetings.occurrenceDate);

describe("meeting series", () => {
  it("keeps the next 12 Mondays at 09:00 in Hà Nội (02:00 UTC) as meetings, with agenda, participants, invitations and a booking each", async () => {
    const room = await makeRoom();
    const chair = await makeUser(db, { unitCode: "HA-NOI", role: "leader" });
    const guest = await makeUser(db, { unitCode: "HA-NOI", role: null });
    const commune = await db.select().from(units).where(eq(units.id, communeId));
    const communeUser = await makeUser(db, { unitCode: commune[0]!.code, role: null });
    const disabled = await makeUser(db, { unitCode: commune[0]!.code, role: null, disabled: true });
    const start = mondayAhead();
    const { series, meetings: created } = await createSeries(db, officer, briefing({ chairId: chair.id, roomId: room.id, participantUserIds: [guest.id], participantUnitIds: [communeId], startsOn: start }));
    expect(created.map((m) => m.occurrenceDate)).toEqual(mondays(start, 12));
    for (const m of created) expect(m.startsAt.toISOString()).toBe(`${m.occurrenceDate}T02:00:00.000Z`);
    for (const m of created) expect(m.endsAt.toISOString()).toBe(`${m.occurrenceDate}T03:30:00.000Z`);
    expect(series.materialisedUntil).toBe(addDays(start, 83));

    const first = created[0]!.id;
    const invited = (await db.select().from(meetingInvitations).where(eq(meetingInvitations.meetingId, first))).map((i) => i.userId);
    expect(invited).toEqual(expect.arrayContaining([chair.id, guest.id, communeUser.id]));
    expect(invited).not.toContain(disabled.id);
    expect(await countRows(db, meetingParticipants, eq(meetingParticipants.meetingId, first))).toBe(2);
    expect((await db.select().from(meetingAgendaItems).where(eq(meetingAgendaItems.meetingId, first)))[0]!.title).toBe("Điểm lại công việc tuần trước");
    const bookings = await db.select().from(roomBookings).where(eq(roomBookings.roomId, room.id));
    expect(bookings).toHaveLength(12);
    expect(new Set(bookings.map((b) => b.status))).toEqual(new Set(["approved"]));
  });

  it("the daily job moves every open series on to 12 weeks ahead, once, copying the latest occurrence", async () => {
    const guest = await makeUser(db, { unitCode: "HA-NOI", role: null });
    const start = mondayAhead();
    const { series } = await createSeries(db, officer, briefing({ participantUserIds: [guest.id], startsOn: start }));
    const inThreeWeeks = new Date(Date.now() + 21 * 86_400_000);
    await materialiseOpenSeries(db, inThreeWeeks);
    await materialiseOpenSeries(db, inThreeWeeks);
    const rows = await seriesMeetings(series.id);
    const until = addDays(todayInVietnam(inThreeWeeks), 83);
    expect(rows.map((m) => m.occurrenceDate)).toEqual(mondays(start, 20).filter((d) => d <= until));
    expect(rows.length).toBeGreaterThan(12);
    const last = rows.at(-1)!;
    expect(last.startsAt.toISOString()).toBe(`${last.occurrenceDate}T02:00:00.000Z`);
    expect((await db.select().from(meetingInvitations).where(eq(meetingInvitations.meetingId, last.id))).map((i) => i.userId)).toEqual([guest.id]);
    expect(await countRows(db, meetingAgendaItems, eq(meetingAgendaItems.meetingId, last.id))).toBe(1);
    const [kept] = await db.select().from(meetingSeries).where(eq(meetingSeries.id, series.id));
    expect(kept!.materialisedUntil).toBe(until);
  });

  it("skips a date (its meeting cancelled, its room released) and moves another with its booking", async () => {
    const room = await makeRoom();
    const start = mondayAhead();
    const { series } = await createSeries(db, officer, briefing({ roomId: room.id, startsOn: start }));
    const [, second, third] = mondays(start, 3);
    await skipOccurrence(db, officer, { seriesId: series.id, occurrenceDate: second!, reason: "Nghỉ Tết Nguyên đán" });
    const rows = await seriesMeetings(series.id);
    const skipped = rows.find((m) => m.occurrenceDate === second)!;
    expect(skipped).toMatchObject({ status: "cancelled", cancelReason: "Nghỉ Tết Nguyên đán" });
    expect((await db.select().from(roomBookings).where(eq(roomBookings.meetingId, skipped.id)))[0]!.status).toBe("cancelled");
    const [exception] = await db.select().from(meetingSeriesExceptions).where(eq(meetingSeriesExceptions.seriesId, series.id));
    expect(exception).toMatchObject({ occurrenceDate: second, kind: "skip" });

    // Tuesday 14:00–15:30 instead of Monday.
    const startsAt = new Date(`${addDays(third!, 1)}T07:00:00.000Z`);
    const endsAt = new Date(`${addDays(third!, 1)}T08:30:00.000Z`);
    await moveOccurrence(db, officer, { seriesId: series.id, occurrenceDate: third!, startsAt, endsAt });
    const moved = (await seriesMeetings(series.id)).find((m) => m.occurrenceDate === third)!;
    expect(moved.startsAt).toEqual(startsAt);
    const bookings = await db.select().from(roomBookings).where(eq(roomBookings.meetingId, moved.id));
    expect(bookings.filter((b) => b.status === "approved").map((b) => b.startsAt)).toEqual([startsAt]);
    expect(bookings.filter((b) => b.status === "cancelled")).toHaveLength(1);

    // A date the rule does not give, a slot the room does not have: refused, nothing changed.
    await expect(skipOccurrence(db, officer, { seriesId: series.id, occurrenceDate: addDays(third!, 2), reason: "x" })).rejects.toBeInstanceOf(InvalidInputError);
    const [fourth] = mondays(addDays(start, 21), 1);
    const other = await db.insert(roomBookings).values({ roomId: room.id, unitId: hanoiId, title: "Hội nghị khác", startsAt: new Date(`${addDays(fourth!, 2)}T01:00:00Z`), endsAt: new Date(`${addDays(fourth!, 2)}T05:00:00Z`), status: "approved" }).returning();
    expect(other).toHaveLength(1);
    const refused = moveOccurrence(db, officer, { seriesId: series.id, occurrenceDate: fourth!, startsAt: new Date(`${addDays(fourth!, 2)}T02:00:00Z`), endsAt: new Date(`${addDays(fourth!, 2)}T03:00:00Z`) });
    await expect(refused).rejects.toBeInstanceOf(ConflictError);
    const untouched = (await seriesMeetings(series.id)).find((m) => m.occurrenceDate === fourth)!;
    expect(untouched.startsAt.toISOString()).toBe(`${fourth}T02:00:00.000Z`);
    expect(await countRows(db, meetingSeriesExceptions, eq(meetingSeriesExceptions.seriesId, series.id))).toBe(2);
  });

  it("changes the series from a date on: the old one ends the day before, a continuing one starts at 08:00 with the skips ahead kept", async () => {
    const start = mondayAhead();
    const { series } = await createSeries(db, officer, briefing({ startsOn: start }));
    const days = mondays(start, 8);
    await skipOccurrence(db, officer, { seriesId: series.id, occurrenceDate: days[6]!, reason: "Nghỉ lễ" });
    const { series: next, meetings: created } = await changeSeriesFrom(db, officer, {
      seriesId: series.id,
      fromDate: days[4]!,
      title: "Giao ban đầu tuần (giờ mới)",
      chairId: null,
      roomId: null,
      participantUserIds: [],
      participantUnitIds: [],
      agenda: [],
      rrule: WEEKLY_BRIEFING.rrule,
      startTime: "08:00",
      durationMinutes: 60,
    });
    const [old] = await db.select().from(meetingSeries).where(eq(meetingSeries.id, series.id));
    expect(old!.endsOn).toBe(addDays(days[4]!, -1));
    expect((await seriesMeetings(series.id)).map((m) => m.occurrenceDate)).toEqual(days.slice(0, 4));
    expect(next).toMatchObject({ continuesId: series.id, startsOn: days[4], startTime: "08:00" });
    expect(created[0]!.startsAt.toISOString()).toBe(`${days[4]}T01:00:00.000Z`);
    expect(created.map((m) => m.occurrenceDate)).not.toContain(days[6]);
    const detail = await getSeries(db, officer, series.id);
    expect(detail.continuedBy?.id).toBe(next.id);
  });

  it("refuses the whole series when the room is taken on some dates, naming them, and saves nothing", async () => {
    const room = await makeRoom();
    const start = mondayAhead();
    const [, , third, , fifth] = mondays(start, 5);
    for (const day of [third!, fifth!]) {
      await db.insert(roomBookings).values({ roomId: room.id, unitId: hanoiId, title: "Tập huấn", startsAt: new Date(`${day}T02:30:00Z`), endsAt: new Date(`${day}T04:00:00Z`), status: "approved" });
    }
    const before = { series: await countRows(db, meetingSeries), meetings: await countRows(db, meetings), bookings: await countRows(db, roomBookings) };
    const result = await createSeriesAction.execute({ db, actor: officer }, { ...briefing({ roomId: room.id, startsOn: start }), startsOn: start.split("-").reverse().join("/") });
    expect(result).toMatchObject({ ok: false, code: "conflict" });
    if (!result.ok) {
      const [y1, m1, d1] = third!.split("-");
      const [y2, m2, d2] = fifth!.split("-");
      expect(result.message).toContain(`${d1}/${m1}/${y1}, ${d2}/${m2}/${y2}`);
      expect(result.fieldErrors.roomId).toBeTruthy();
      expect((result.details as { conflicts: unknown[] }).conflicts).toHaveLength(2);
    }
    expect({ series: await countRows(db, meetingSeries), meetings: await countRows(db, meetings), bookings: await countRows(db, roomBookings) }).toEqual(before);
  });

  it("keeps to the actor's scope: another province's unit is not found, a unit outside as participant is named", async () => {
    const tuyenQuang = await unitByCode(db, "TUYEN-QUANG");
    await expect(createSeries(db, officer, briefing({ unitId: tuyenQuang.id }))).rejects.toBeInstanceOf(NotFoundError);
    const outside = await createSeriesAction.execute({ db, actor: officer }, { ...briefing({ participantUnitIds: [tuyenQuang.id] }) });
    expect(outside).toMatchObject({ ok: false, code: "invalid" });
    if (!outside.ok) expect(outside.fieldErrors.participantUnitIds).toMatch(/ngoài phạm vi/);
    const { series } = await createSeries(db, officer, briefing());
    const stranger = await actorFor(db, "tuyenquang.canbo");
    await expect(getSeries(db, stranger, series.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(skipOccurrence(db, stranger, { seriesId: series.id, occurrenceDate: series.startsOn, reason: "x" })).rejects.toBeInstanceOf(NotFoundError);
    const member = await actorFor(db, "hoivien");
    const refused = await createSeriesAction.execute({ db, actor: member }, briefing());
    expect(refused).toMatchObject({ ok: false, code: "forbidden" });
  });

  it("names bad input next to its field in Vietnamese: invalid rule, a start in the past, end before start", async () => {
    const badRule = await createSeriesAction.execute({ db, actor: officer }, { ...briefing(), rrule: "FREQ=FORTNIGHTLY;BYDAY=MO" });
    expect(badRule).toMatchObject({ ok: false, code: "invalid", fieldErrors: { rrule: expect.stringMatching(/Quy tắc lặp lại/) } });
    const past = await createSeriesAction.execute({ db, actor: officer }, { ...briefing(), startsOn: "05/01/2026" });
    expect(past).toMatchObject({ ok: false, fieldErrors: { startsOn: "Thời điểm bắt đầu đã qua." } });
    const impossible = await createSeriesAction.execute({ db, actor: officer }, { ...briefing(), startsOn: "31/02/2027", startTime: "9h" });
    expect(impossible).toMatchObject({ ok: false, fieldErrors: { startsOn: expect.stringMatching(/Ngày/), startTime: expect.stringMatching(/Giờ/) } });
    const { series } = await createSeries(db, officer, briefing());
    const backwards = await moveOccurrenceAction.execute({ db, actor: officer }, { seriesId: series.id, occurrenceDate: series.startsOn, date: series.startsOn, startTime: "10:00", endTime: "09:00" });
    expect(backwards).toMatchObject({ ok: false, fieldErrors: { endTime: "Giờ kết thúc phải sau giờ bắt đầu." } });
    const early = await changeSeriesFromAction.execute({ db, actor: officer }, { seriesId: series.id, fromDate: series.startsOn, title: "x", rrule: "FREQ=WEEKLY;BYDAY=MO", startTime: "09:00", durationMinutes: 90 });
    expect(early).toMatchObject({ ok: false, fieldErrors: { fromDate: expect.stringMatching(/sau ngày bắt đầu/) } });
    expect(await countRows(db, meetingSeries, inArray(meetingSeries.continuesId, [series.id]))).toBe(0);
  });
});
