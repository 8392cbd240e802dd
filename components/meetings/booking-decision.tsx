"use client";

import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { decideBookingAction } from "@/lib/meetings/room-actions";
import { t } from "@/lib/i18n";
import { Button } from "@/components/ui/button";
import { TextArea } from "@/components/ui/field";

/** The office approves a request, or rejects it with a reason (required: the requester reads it). */
export function BookingDecision({ bookingId }: { bookingId: string }) {
  const router = useRouter();
  const id = useId();
  const [note, setNote] = useState("");
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ field: boolean; text: string } | null>(null);
  const decide = async (approve: boolean) => {
    setBusy(true);
    setMessage(null);
    const result = await decideBookingAction({ bookingId, approve, note });
    setBusy(false);
    if (result.ok) {
      router.refresh();
      return;
    }
    setMessage({ field: Boolean(result.fieldErrors.note), text: result.fieldErrors.note ?? result.message });
  };
  return (
    <fieldset disabled={busy} className="space-y-2">
      <label htmlFor={`${id}-note`} className="block text-sm font-medium">{t("room.rejectNote")}</label>
      <TextArea id={`${id}-note`} rows={2} value={note} onChange={(e) => setNote(e.target.value)} aria-invalid={Boolean(message?.field)} aria-describedby={`${id}-msg`} />
      <p id={`${id}-msg`} className="text-sm text-red-700" aria-live="polite">{message?.text}</p>
      <div className="flex flex-wrap gap-2">
        <Button type="button" onClick={() => decide(true)}>{t("room.approve")}</Button>
        <Button type="button" variant="danger" onClick={() => decide(false)}>{t("room.reject")}</Button>
      </div>
    </fieldset>
  );
}
