"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { t } from "@/lib/i18n";
import { BANNER_FIELDS, createBannerInput, updateBannerInput } from "@/lib/portal/site/schemas";
import { translateIssue } from "@/lib/validation";
import { Button } from "@/components/ui/button";
import { Field, TextInput } from "@/components/ui/field";
import { FormStatus } from "@/components/forms/form-status";
import { postMultipart, tooLargeMessage } from "@/components/publications/post-multipart";
import { useHydrated } from "@/components/use-hydrated";
import type { SiteStatus } from "./use-site-action";

export interface BannerFormValues {
  id: string;
  slogan: string;
  linkUrl: string;
  startsOn: string;
  endsOn: string;
  position: number;
  imageUrl: string | null;
}

/**
 * Creates or edits a banner. The image goes with the fields to the upload route (it may outgrow
 * the server-action limit); the same zod schema checks the fields here first, the route again.
 */
export function BannerForm({ maxBytes, banner, today }: { maxBytes: number; banner?: BannerFormValues; today: string }) {
  const router = useRouter();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [status, setStatus] = useState<SiteStatus>(null);
  const [busy, setBusy] = useState(false);
  // Until the page is interactive the button stays disabled: a plain form post cannot upload.
  const ready = useHydrated();

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const data = new FormData(formElement);
    const values = Object.fromEntries(BANNER_FIELDS.map((f) => [f, String(data.get(f) ?? "")]));
    const parsed = banner ? updateBannerInput.safeParse({ ...values, id: banner.id }) : createBannerInput.safeParse(values);
    const local: Record<string, string> = {};
    if (!parsed.success) for (const issue of parsed.error.issues) local[issue.path.map(String).join(".")] ??= translateIssue(issue);
    const image = data.get("image");
    const tooLarge = image instanceof File ? tooLargeMessage(image, maxBytes) : null;
    if (tooLarge) local.image = tooLarge;
    setErrors(local);
    setStatus(null);
    if (Object.keys(local).length > 0) {
      setStatus({ tone: "error", text: t("error.invalid") });
      return;
    }
    setBusy(true);
    const result = await postMultipart(banner ? `/api/cong-thong-tin/bieu-ngu/${banner.id}` : "/api/cong-thong-tin/bieu-ngu", data);
    setBusy(false);
    if (!result.ok) {
      setErrors(result.fieldErrors);
      setStatus({ tone: "error", text: result.message });
      return;
    }
    setStatus({ tone: "success", text: result.message ?? t("site.banner.saved") });
    if (banner) formElement.querySelectorAll<HTMLInputElement>("input[type=file]").forEach((input) => (input.value = ""));
    else formElement.reset();
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <fieldset disabled={busy} className="grid gap-3 sm:grid-cols-2">
        <div className="sm:col-span-2">
          <Field label={t("site.banner.slogan")} hint={t("site.banner.sloganHint")} error={errors.slogan}>
            {(a) => <TextInput {...a} name="slogan" maxLength={200} defaultValue={banner?.slogan} autoComplete="off" />}
          </Field>
        </div>
        <Field label={t("site.banner.startsOn")} error={errors.startsOn}>
          {(a) => <TextInput {...a} type="date" name="startsOn" defaultValue={banner?.startsOn ?? today} />}
        </Field>
        <Field label={t("site.banner.endsOn")} hint={t("site.banner.endsOnHint")} error={errors.endsOn}>
          {(a) => <TextInput {...a} type="date" name="endsOn" defaultValue={banner?.endsOn} />}
        </Field>
        <Field label={t("site.banner.linkUrl")} hint={t("site.banner.linkUrlHint")} error={errors.linkUrl}>
          {(a) => <TextInput {...a} name="linkUrl" inputMode="url" defaultValue={banner?.linkUrl} autoComplete="off" />}
        </Field>
        <Field label={t("site.banner.position")} hint={t("site.banner.positionHint")} error={errors.position}>
          {(a) => <TextInput {...a} name="position" inputMode="numeric" defaultValue={banner?.position ?? 0} />}
        </Field>
        <div className="space-y-2 sm:col-span-2">
          <Field label={t("site.banner.image")} hint={t("site.banner.imageHint", { max: Math.floor(maxBytes / (1024 * 1024)) })} error={errors.image}>
            {(a) => <TextInput {...a} type="file" name="image" accept=".jpg,.jpeg,.png,.webp,image/jpeg,image/png,image/webp" />}
          </Field>
          {banner?.imageUrl && (
            <>
              {/* eslint-disable-next-line @next/next/no-img-element */}
              <img src={banner.imageUrl} alt={t("site.banner.currentImage")} className="max-h-32 rounded border border-slate-200" />
              <label className="flex items-center gap-2 text-sm">
                <input type="checkbox" name="removeImage" value="1" /> {t("site.banner.removeImage")}
              </label>
            </>
          )}
        </div>
      </fieldset>
      <FormStatus status={status} />
      <Button type="submit" disabled={busy || !ready}>{busy ? t("publication.uploading") : banner ? t("common.save") : t("site.banner.create")}</Button>
    </form>
  );
}
