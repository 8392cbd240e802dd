"use client";

import { useRouter } from "next/navigation";
import { t } from "@/lib/i18n";
import { createAlbumAction, updateAlbumAction } from "@/lib/publications/actions";
import { createAlbumInput, updateAlbumInput } from "@/lib/publications/schemas";
import { Button } from "@/components/ui/button";
import { Field, SelectInput, TextArea, TextInput } from "@/components/ui/field";
import { FormStatus } from "@/components/forms/form-status";
import { useActionForm } from "@/components/forms/use-action-form";

type UnitOption = { id: string; name: string; level: number };

interface AlbumValues {
  id?: string;
  unitId: string;
  title: string;
  description: string;
  takenOn: string;
}

/** An album's title, description, date and unit; photos and videos are added on its page. */
export function AlbumForm({ units, album }: { units: UnitOption[]; album?: Required<AlbumValues> }) {
  const router = useRouter();
  const { form, onSubmit, status } = useActionForm<AlbumValues, { id: string }>(
    album ? updateAlbumInput : createAlbumInput,
    (album ? updateAlbumAction : createAlbumAction) as never,
    {
      defaultValues: album ?? { unitId: units[0]?.id ?? "", title: "", description: "", takenOn: "" },
      onSuccess: ({ id }) => (album ? router.refresh() : router.push(`/lam-viec/an-pham/album/${id}`)),
    },
  );
  const { errors, isSubmitting } = form.formState;
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <fieldset disabled={isSubmitting} className="grid gap-3 sm:grid-cols-2">
        <Field label={t("publication.unit")} error={errors.unitId?.message}>
          {(a) => (
            <SelectInput {...a} {...form.register("unitId")}>
              {units.map((u) => <option key={u.id} value={u.id}>{`${"— ".repeat(u.level)}${u.name}`}</option>)}
            </SelectInput>
          )}
        </Field>
        <Field label={t("media.takenOn")} error={errors.takenOn?.message}>
          {(a) => <TextInput {...a} type="date" {...form.register("takenOn")} />}
        </Field>
        <div className="sm:col-span-2">
          <Field label={t("media.albumTitle")} error={errors.title?.message}>
            {(a) => <TextInput {...a} autoComplete="off" {...form.register("title")} />}
          </Field>
        </div>
        <div className="sm:col-span-2">
          <Field label={t("publication.description")} error={errors.description?.message}>
            {(a) => <TextArea {...a} rows={3} {...form.register("description")} />}
          </Field>
        </div>
      </fieldset>
      <FormStatus status={status} />
      <Button type="submit" disabled={isSubmitting}>{album ? t("common.save") : t("media.createAlbum")}</Button>
    </form>
  );
}
