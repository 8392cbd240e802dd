"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { bookRoomAction } from "@/lib/meetings/room-actions";
import { bookRoomInput, dayIso } from "@/lib/meetings/room-schemas";
import type { BookingConflictDetails } from "@/lib/meetings/bookings";
import { t } from "@/lib/i18n";
import { formatDateTime } from "@/lib/i18n/format";
import { slotLabel } from "./booking-slot";
import { Button } from "@/components/ui/button";
import { Field, SelectInput, TextInput } from "@/components/ui/field";
import { FormStatus } from "@/components/forms/form-status";
import { useActionForm } from "@/components/forms/use-action-form";

/**
 * Books a room for a time typed in Vietnam's time. When the slot is held, the holder and the
 * nearest free slots of the same length appear beside the time fields; a slot's button fills the form.
 */
export function BookingForm({
  rooms,
  units,
  defaultRoomId,
  defaultDay,
}: {
  rooms: { id: string; name: string; unitName: string }[];
  units: { id: string; name: string }[];
  defaultRoomId: string;
  defaultDay: string;
}) {
  const router = useRouter();
  const [conflict, setConflict] = useState<BookingConflictDetails | null>(null);
  const { form, onSubmit, status, setStatus } = useActionForm(bookRoomInput, bookRoomAction, {
    defaultValues: { roomId: defaultRoomId, unitId: units[0]?.id ?? "", title: "", day: defaultDay, startsAt: "09:00", endsAt: "10:30" },
    onSuccess: (data) => {
      setConflict(null);
      setStatus({ tone: "success", text: t(data.status === "approved" ? "room.booked" : "room.bookedPending") });
      form.setValue("title", "");
      // Show the booked week of that room below the form.
      const { roomId, day } = form.getValues();
      router.push(`/lam-viec/phong-hop?${new URLSearchParams({ phong: roomId, tuan: dayIso(day) ?? "" })}`, { scroll: false });
    },
    onFailure: (result) => setConflict(result.code === "conflict" && result.details ? (result.details as BookingConflictDetails) : null),
  });
  const { errors, isSubmitting } = form.formState;
  const fillSlot = (slot: { startsAt: string; endsAt: string }) => {
    const from = formatDateTime(slot.startsAt);
    const to = formatDateTime(slot.endsAt);
    form.setValue("day", from.slice(0, 10));
    form.setValue("startsAt", from.slice(11));
    form.setValue("endsAt", to.slice(11));
    form.clearErrors();
    setConflict(null);
    setStatus(null);
  };
  return (
    <form onSubmit={onSubmit} noValidate>
      <fieldset disabled={isSubmitting} className="grid gap-3 sm:grid-cols-2">
        <Field label={t("room.field.room")} error={errors.roomId?.message}>
          {(a) => (
            <SelectInput {...a} {...form.register("roomId")}>
              {rooms.map((r) => <option key={r.id} value={r.id}>{`${r.name} — ${r.unitName}`}</option>)}
            </SelectInput>
          )}
        </Field>
        <Field label={t("room.field.unit")} error={errors.unitId?.message}>
          {(a) => (
            <SelectInput {...a} {...form.register("unitId")}>
              {units.map((u) => <option key={u.id} value={u.id}>{u.name}</option>)}
            </SelectInput>
          )}
        </Field>
        <div className="sm:col-span-2">
          <Field label={t("room.field.title")} error={errors.title?.message}>{(a) => <TextInput {...a} {...form.register("title")} />}</Field>
        </div>
        <div className="grid gap-3 sm:col-span-2 sm:grid-cols-3">
          <Field label={t("room.field.day")} hint={t("room.field.dayHint")} error={errors.day?.message}>{(a) => <TextInput {...a} inputMode="numeric" placeholder="dd/mm/yyyy" {...form.register("day")} />}</Field>
          <Field label={t("room.field.from")} hint={t("room.field.timeHint")} error={errors.startsAt?.message}>{(a) => <TextInput {...a} inputMode="numeric" placeholder="HH:mm" {...form.register("startsAt")} />}</Field>
          <Field label={t("room.field.to")} hint={t("room.field.timeHint")} error={errors.endsAt?.message}>{(a) => <TextInput {...a} inputMode="numeric" placeholder="HH:mm" {...form.register("endsAt")} />}</Field>
        </div>
        {conflict && (
          <div className="space-y-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm sm:col-span-2" data-testid="booking-conflict" aria-live="polite">
            {conflict.holder && (
              <p>
                {t("room.holder", { title: conflict.holder.title, unit: conflict.holder.unitName, when: slotLabel(conflict.holder.startsAt, conflict.holder.endsAt) })}
                {conflict.holder.status === "pending" && ` ${t("room.holderPending")}`}
              </p>
            )}
            {conflict.alternatives.length > 0 ? (
              <>
                <p>{t("room.alternatives")}</p>
                <div className="flex flex-wrap gap-2">
                  {conflict.alternatives.map((slot) => (
                    <Button key={slot.startsAt} type="button" variant="secondary" onClick={() => fillSlot(slot)}>
                      {slotLabel(slot.startsAt, slot.endsAt)}
                    </Button>
                  ))}
                </div>
              </>
            ) : (
              <p>{t("room.noAlternatives")}</p>
            )}
          </div>
        )}
        <div className="space-y-2 sm:col-span-2">
          <FormStatus status={status} />
          <Button type="submit">{t("room.book")}</Button>
        </div>
      </fieldset>
    </form>
  );
}
