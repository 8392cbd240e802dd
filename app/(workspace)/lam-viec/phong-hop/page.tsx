import type { Metadata } from "next";
import Link from "next/link";
import { getActor } from "@/lib/auth/session";
import { orNotFound } from "@/lib/auth/page-guard";
import { holdsPermission, requirePermission } from "@/lib/auth/guard";
import { roleGrants } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db";
import { t, type MessageKey } from "@/lib/i18n";
import { formatDate, todayInVietnam } from "@/lib/i18n/format";
import { findBookableRoom } from "@/lib/meetings/bookings";
import { zonedInstant, zonedParts } from "@/lib/meetings/recurrence";
import { listBookableRooms, myUpcomingBookings, pendingBookings, roomBookingsBetween, type BookingView } from "@/lib/meetings/room-admin";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { Badge, Card } from "@/components/ui/card";
import { buttonClass } from "@/components/ui/button";
import { BookingForm } from "@/components/meetings/booking-form";
import { slotLabel } from "@/components/meetings/booking-slot";
import { BookingDecision } from "@/components/meetings/booking-decision";
import { CancelBooking } from "@/components/meetings/cancel-booking";
import { MyBookings } from "@/components/meetings/my-bookings";

export const metadata: Metadata = { title: t("room.pageTitle") };

type Params = Promise<Record<string, string | string[] | undefined>>;

const DAY_MS = 86_400_000;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The Monday (yyyy-MM-dd) of the week holding a day. */
function mondayOf(day: string): string {
  const d = new Date(`${day}T12:00:00Z`);
  return new Date(d.getTime() - ((d.getUTCDay() + 6) % 7) * DAY_MS).toISOString().slice(0, 10);
}
const addDays = (day: string, n: number) => new Date(new Date(`${day}T12:00:00Z`).getTime() + n * DAY_MS).toISOString().slice(0, 10);

/** Bookings: the form, a room's week, one's own bookings (to cancel), and for the room's office the requests waiting. */
export default async function RoomBookingsPage({ searchParams }: { searchParams: Params }) {
  const params = await searchParams;
  const actor = await getActor();
  const db = await getDb();
  const rooms = await orNotFound(() => listBookableRooms(db, actor));
  const scope = requirePermission(actor, "meeting.manage");
  const units = actor!.roles.filter((r) => roleGrants(r.role, "meeting.manage")).map((r) => ({ id: r.unitId, name: r.unitName }));
  const uniqueUnits = [...new Map(units.map((u) => [u.id, u])).values()];

  const asked = typeof params.phong === "string" ? params.phong : rooms[0]?.id;
  const room = asked ? await orNotFound(() => findBookableRoom(db, scope, asked)) : null;
  const week = mondayOf(typeof params.tuan === "string" && ISO_DAY.test(params.tuan) ? params.tuan : todayInVietnam());
  const from = zonedInstant(week, "00:00");
  const to = zonedInstant(addDays(week, 7), "00:00");
  const bookings = room ? await roomBookingsBetween(db, actor, room, from, to) : [];
  const mine = await myUpcomingBookings(db, actor);
  // Set by "Hủy đặt phòng" after a cancellation, whose booking has left the lists.
  const cancelled = typeof params["da-huy"] === "string";
  const manages = holdsPermission(actor, "room.manage");
  const pending = manages ? await pendingBookings(db, actor) : [];

  const byDay = new Map<string, BookingView[]>();
  for (let i = 0; i < 7; i++) byDay.set(addDays(week, i), []);
  for (const b of bookings) byDay.get(zonedParts(b.startsAt).day)?.push(b);
  const weekHref = (day: string) => `/lam-viec/phong-hop?${new URLSearchParams({ ...(room ? { phong: room.id } : {}), tuan: day })}`;

  return (
    <div className="space-y-4">
      <Breadcrumbs items={[{ href: "/lam-viec", label: t("nav.dashboard") }, { label: t("room.pageTitle") }]} />
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-bold">{t("room.pageTitle")}</h1>
        {manages && <Link href="/lam-viec/phong-hop/quan-ly" className={buttonClass("secondary")}>{t("room.manageTitle")}</Link>}
      </div>
      <p className="text-sm text-slate-700">{t("room.intro")}</p>
      <p className={cancelled ? "rounded-md border border-green-300 bg-green-50 p-3 text-sm text-green-900" : "sr-only"} aria-live="polite" data-testid="booking-cancelled">
        {cancelled ? t("room.bookingCancelled") : ""}
      </p>

      {rooms.length === 0 ? (
        <p className="rounded-lg border border-slate-200 bg-white p-4 text-sm text-slate-600">{t("room.noBookableRooms")}</p>
      ) : (
        <Card title={t("room.bookTitle")}>
          <BookingForm
            rooms={rooms.map((r) => ({ id: r.id, name: r.name, unitName: r.unitName }))}
            units={uniqueUnits}
            defaultRoomId={room?.id ?? rooms[0]!.id}
            defaultDay={formatDate(addDays(todayInVietnam(), 1))}
          />
        </Card>
      )}

      {room && (
        <Card title={t("room.weekOf", { room: room.name, from: formatDate(week), to: formatDate(addDays(week, 6)) })}>
          <nav className="mb-3 flex flex-wrap items-center gap-2" aria-label={t("room.week")}>
            <Link className={buttonClass("secondary")} href={weekHref(addDays(week, -7))}>{t("room.previousWeek")}</Link>
            <Link className={buttonClass("ghost")} href={weekHref(todayInVietnam())}>{t("room.thisWeek")}</Link>
            <Link className={buttonClass("secondary")} href={weekHref(addDays(week, 7))}>{t("room.nextWeek")}</Link>
            <form className="ml-auto flex items-center gap-2" action="/lam-viec/phong-hop">
              <input type="hidden" name="tuan" value={week} />
              <label className="text-sm" htmlFor="week-room">{t("room.field.room")}</label>
              <select id="week-room" name="phong" defaultValue={room.id} className="rounded-md border border-slate-300 px-2 py-1 text-sm">
                {rooms.map((r) => <option key={r.id} value={r.id}>{r.name}</option>)}
              </select>
              <button className={buttonClass("secondary")} type="submit">{t("room.week")}</button>
            </form>
          </nav>
          {bookings.length === 0 && <p className="mb-2 text-sm text-slate-600">{t("room.noBookings")}</p>}
          <ol className="grid gap-2 md:grid-cols-7" data-testid="room-week">
            {[...byDay.entries()].map(([day, list], i) => (
              <li key={day} className="rounded-md border border-slate-200 p-2">
                <p className="text-xs font-semibold text-slate-700">{t(`calendar.weekday.${i}` as MessageKey)} {formatDate(day).slice(0, 5)}</p>
                <ul className="mt-1 space-y-1">
                  {list.map((b) => (
                    <li key={b.id} className="rounded bg-slate-50 p-1 text-xs">
                      <span className="font-medium">{slotLabel(b.startsAt, b.endsAt).slice(11)}</span> {b.title}
                      <span className="block text-slate-600">{b.unitName}</span>
                      <Badge tone={b.status === "approved" ? "green" : "amber"}>{t(`room.status.${b.status}` as MessageKey)}</Badge>
                      {b.canCancel && <CancelBooking bookingId={b.id} label={t("room.cancelBookingOf", { title: b.title, when: slotLabel(b.startsAt, b.endsAt) })} />}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ol>
        </Card>
      )}

      <Card title={t("room.myBookings")}>
        <MyBookings bookings={mine} />
      </Card>

      {manages && (
        <Card title={t("room.pending")}>
          {pending.length === 0 ? (
            <p className="text-sm text-slate-600">{t("room.noPending")}</p>
          ) : (
            <ul className="space-y-3">
              {pending.map((b) => (
                <li key={b.id} className="grid gap-3 rounded-md border border-slate-200 p-3 md:grid-cols-2" data-testid="pending-booking">
                  <div className="text-sm">
                    <p className="font-medium">{b.title}</p>
                    <p>{b.roomName} · {slotLabel(b.startsAt, b.endsAt)}</p>
                    <p className="text-slate-600">{b.unitName}{b.requestedByName && ` · ${t("room.requestedBy", { name: b.requestedByName })}`}</p>
                  </div>
                  <BookingDecision bookingId={b.id} />
                </li>
              ))}
            </ul>
          )}
        </Card>
      )}
    </div>
  );
}
