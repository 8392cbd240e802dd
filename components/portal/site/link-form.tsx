"use client";

import { useRouter } from "next/navigation";
import { t, type MessageKey } from "@/lib/i18n";
import { createLinkAction, updateLinkAction } from "@/lib/portal/site/actions";
import { createLinkInput, PARTNER_LINK_GROUPS, updateLinkInput, type PartnerLinkGroupName } from "@/lib/portal/site/schemas";
import { Button } from "@/components/ui/button";
import { Field, SelectInput, TextInput } from "@/components/ui/field";
import { FormStatus } from "@/components/forms/form-status";
import { useActionForm } from "@/components/forms/use-action-form";

interface Values {
  id?: string;
  group: PartnerLinkGroupName;
  name: string;
  url: string;
}

/** A partner link's group, name and address (absolute http or https); a new one goes to the end of its group. */
export function LinkForm({ link }: { link?: Required<Values> }) {
  const router = useRouter();
  const empty: Values = { group: "party", name: "", url: "" };
  const { form, onSubmit, status } = useActionForm<Values, { id: string }>(link ? updateLinkInput : createLinkInput, (link ? updateLinkAction : createLinkAction) as never, {
    defaultValues: link ?? empty,
    onSuccess: () => {
      if (!link) form.reset(empty);
      router.refresh();
    },
  });
  const { errors, isSubmitting } = form.formState;
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3">
      <fieldset disabled={isSubmitting} className="grid gap-3 sm:grid-cols-3">
        <Field label={t("site.link.group")} error={errors.group?.message}>
          {(a) => (
            <SelectInput {...a} {...form.register("group")}>
              {PARTNER_LINK_GROUPS.map((g) => <option key={g} value={g}>{t(`site.link.group.${g}` as MessageKey)}</option>)}
            </SelectInput>
          )}
        </Field>
        <Field label={t("site.link.name")} error={errors.name?.message}>
          {(a) => <TextInput {...a} autoComplete="off" maxLength={200} {...form.register("name")} />}
        </Field>
        <Field label={t("site.link.url")} hint={t("site.link.urlHint")} error={errors.url?.message}>
          {(a) => <TextInput {...a} type="url" inputMode="url" autoComplete="off" placeholder="https://" {...form.register("url")} />}
        </Field>
      </fieldset>
      <FormStatus status={status} />
      <Button type="submit" variant={link ? "secondary" : "primary"} disabled={isSubmitting}>{link ? t("common.save") : t("site.link.create")}</Button>
    </form>
  );
}
