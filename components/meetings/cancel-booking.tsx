"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useId, useState } from "react";
import { t } from "@/lib/i18n";
import { cancelBookingAction } from "@/lib/meetings/room-actions";

const small = "rounded-md px-2 py-1 text-xs font-medium disabled:opacity-60";

/**
 * "Hủy đặt phòng", pressed twice (an approved slot given back may have to wait for the office
 * again). On success the page is reloaded with `da-huy` in its address: the booking leaves the
 * lists, so the page itself says it was cancelled, and the slot shows free at once.
 */
export function CancelBooking({ bookingId, label }: { bookingId: string; label: string }) {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const id = useId();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState("");
  const cancel = async () => {
    setBusy(true);
    setError("");
    const result = await cancelBookingAction({ bookingId });
    setBusy(false);
    setConfirming(false);
    if (!result.ok) {
      setError(result.message);
      return;
    }
    const next = new URLSearchParams(searchParams.toString());
    next.set("da-huy", bookingId);
    router.replace(`${pathname}?${next}`, { scroll: false });
  };
  return (
    <div className="mt-1 space-y-1">
      {confirming ? (
        <div className="flex flex-wrap gap-1">
          <button type="button" className={`${small} bg-red-700 text-white hover:bg-red-800`} disabled={busy} onClick={cancel}>
            {t("room.confirmCancelBooking")}
          </button>
          <button type="button" className={`${small} border border-slate-300 bg-white hover:bg-slate-100`} disabled={busy} onClick={() => setConfirming(false)}>
            {t("room.keepBooking")}
          </button>
        </div>
      ) : (
        <button type="button" className={`${small} border border-slate-300 bg-white hover:bg-slate-100`} aria-label={label} aria-describedby={`${id}-msg`} onClick={() => setConfirming(true)}>
          {t("room.cancelBooking")}
        </button>
      )}
      <p id={`${id}-msg`} className="text-xs text-red-700" aria-live="polite">
        {error}
      </p>
    </div>
  );
}
