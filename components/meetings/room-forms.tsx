"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import type { UseFormReturn } from "react-hook-form";
import { createRoomAction, setRoomActiveAction, updateRoomAction } from "@/lib/meetings/room-actions";
import { createRoomInput, updateRoomInput } from "@/lib/meetings/room-schemas";
import { t } from "@/lib/i18n";
import { Button } from "@/components/ui/button";
import { Field, SelectInput, TextInput } from "@/components/ui/field";
import { FormStatus } from "@/components/forms/form-status";
import { useActionForm } from "@/components/forms/use-action-form";

interface RoomValues {
  name: string;
  location: string;
  capacity: number | string | null;
  autoApprove: boolean;
}

/** Adds a room to one of the office's units: physical (place, capacity) or online (Jitsi). */
export function CreateRoomForm({ units }: { units: { id: string; name: string }[] }) {
  const router = useRouter();
  const { form, onSubmit, status } = useActionForm(createRoomInput, createRoomAction, {
    defaultValues: { unitId: units[0]?.id ?? "", name: "", kind: "physical", location: "", capacity: "", autoApprove: false },
    onSuccess: () => {
      form.reset();
      router.refresh();
    },
  });
  const { errors, isSubmitting } = form.formState;
  const kind = form.watch("kind");
  return (
    <form onSubmit={onSubmit} noValidate>
      <fieldset disabled={isSubmitting} className="grid gap-3 sm:grid-cols-2">
        <Field label={t("room.unit")} error={errors.unitId?.message}>
          {(a) => (
            <SelectInput {...a} {...form.register("unitId")}>
              {units.map((u) => <option key={u.id} value={u.id}>{u.name}</option>)}
            </SelectInput>
          )}
        </Field>
        <Field label={t("room.kind")} error={errors.kind?.message} hint={kind === "online" ? t("room.onlineHint") : undefined}>
          {(a) => (
            <SelectInput {...a} {...form.register("kind")}>
              <option value="physical">{t("room.kind.physical")}</option>
              <option value="online">{t("room.kind.online")}</option>
            </SelectInput>
          )}
        </Field>
        <RoomFields form={form as unknown as UseFormReturn<RoomValues>} physical={kind === "physical"} />
        <div className="sm:col-span-2 space-y-2">
          <FormStatus status={status} />
          <Button type="submit">{t("room.new")}</Button>
        </div>
      </fieldset>
    </form>
  );
}


function RoomFields({ form, physical }: { form: UseFormReturn<RoomValues>; physical: boolean }) {
  const errors = form.formState.errors;
  return (
    <>
      <Field label={t("room.name")} error={errors.name?.message}>{(a) => <TextInput {...a} {...form.register("name")} />}</Field>
      {physical && (
        <>
          <Field label={t("room.location")} error={errors.location?.message}>{(a) => <TextInput {...a} {...form.register("location")} />}</Field>
          <Field label={t("room.capacity")} error={errors.capacity?.message}>{(a) => <TextInput {...a} inputMode="numeric" {...form.register("capacity")} />}</Field>
        </>
      )}
      <div className="sm:col-span-2">
        <label className="flex items-start gap-2 text-sm">
          <input type="checkbox" className="mt-1" {...form.register("autoApprove")} />
          <span>
            {t("room.autoApprove")}
            <span className="block text-xs text-slate-600">{t("room.autoApproveHint")}</span>
          </span>
        </label>
      </div>
    </>
  );
}

/** Edits a room in place; an online room keeps its name on the server. */
export function EditRoomForm({ room }: { room: { id: string; kind: "physical" | "online"; name: string; location: string; capacity: number | null; autoApprove: boolean } }) {
  const router = useRouter();
  const { form, onSubmit, status } = useActionForm(updateRoomInput, updateRoomAction, {
    defaultValues: { id: room.id, name: room.name, location: room.location, capacity: room.capacity ?? "", autoApprove: room.autoApprove },
    onSuccess: () => router.refresh(),
  });
  const { isSubmitting } = form.formState;
  return (
    <form onSubmit={onSubmit} noValidate>
      <fieldset disabled={isSubmitting} className="grid gap-3 sm:grid-cols-2">
        <RoomFields form={form as unknown as UseFormReturn<RoomValues>} physical={room.kind === "physical"} />
        <div className="sm:col-span-2 space-y-2">
          <FormStatus status={status} />
          <Button type="submit" variant="secondary">{t("common.save")}</Button>
        </div>
      </fieldset>
    </form>
  );
}

export function RoomActiveButton({ id, active }: { id: string; active: boolean }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <span className="inline-flex items-center gap-2">
      <Button
        type="button"
        variant={active ? "danger" : "secondary"}
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          const result = await setRoomActiveAction({ id, active: !active });
          setBusy(false);
          if (result.ok) router.refresh();
          else setError(result.message);
        }}
      >
        {active ? t("room.deactivate") : t("room.activate")}
      </Button>
      <span role="status" className="text-sm text-red-700">{error}</span>
    </span>
  );
}
