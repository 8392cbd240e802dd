import Link from "next/link";
import { t, type MessageKey } from "@/lib/i18n";
import type { BookingView } from "@/lib/meetings/room-admin";
import { Badge } from "@/components/ui/card";
import { slotLabel } from "./booking-slot";
import { CancelBooking } from "./cancel-booking";

/**
 * The actor's own bookings still to come, each with "Hủy đặt phòng" where the service accepts it;
 * a meeting's booking points to its meeting instead (it is given back by changing the meeting).
 */
export function MyBookings({ bookings }: { bookings: BookingView[] }) {
  if (bookings.length === 0) return <p className="text-sm text-slate-600">{t("room.noMyBookings")}</p>;
  return (
    <ul className="divide-y divide-slate-100" data-testid="my-bookings">
      {bookings.map((b) => (
        <li key={b.id} className="flex flex-wrap items-start justify-between gap-3 py-3 text-sm" data-testid="my-booking">
          <div>
            <p className="font-medium">{b.title}</p>
            <p>{b.roomName} · {slotLabel(b.startsAt, b.endsAt)}</p>
            <p className="text-slate-600">{b.unitName}</p>
          </div>
          <div className="text-right">
            <Badge tone={b.status === "approved" ? "green" : "amber"}>{t(`room.status.${b.status}` as MessageKey)}</Badge>
            {b.canCancel ? (
              <CancelBooking bookingId={b.id} label={t("room.cancelBookingOf", { title: b.title, when: slotLabel(b.startsAt, b.endsAt) })} />
            ) : b.meetingId ? (
              <p className="mt-1 max-w-64 text-xs">
                <Link href={`/lam-viec/hop/${b.meetingId}`} className="text-brand-700 hover:underline">{t("room.forMeeting")}</Link>
              </p>
            ) : null}
          </div>
        </li>
      ))}
    </ul>
  );
}
