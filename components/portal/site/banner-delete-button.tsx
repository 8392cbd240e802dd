"use client";

import { useRouter } from "next/navigation";
import { t } from "@/lib/i18n";
import { deleteBannerAction } from "@/lib/portal/site/actions";
import { Button } from "@/components/ui/button";
import { FormStatus } from "@/components/forms/form-status";
import { useSiteAction } from "./use-site-action";

/** Deletes a banner after a confirmation; from its own page, goes back to the list. */
export function BannerDeleteButton({ id, slogan, backToList = false }: { id: string; slogan: string; backToList?: boolean }) {
  const router = useRouter();
  const { pending, status, run } = useSiteAction();
  return (
    <div className="space-y-1">
      <Button
        type="button"
        variant={backToList ? "danger" : "ghost"}
        className={backToList ? "" : "text-red-700"}
        disabled={pending}
        aria-label={t("site.banner.deleteOf", { slogan })}
        onClick={() => {
          if (window.confirm(t("site.banner.deleteConfirm"))) run(() => deleteBannerAction({ id }), backToList ? () => router.push("/lam-viec/cong-thong-tin/bieu-ngu") : undefined);
        }}
      >
        {t("site.hub.delete")}
      </Button>
      <FormStatus status={status} />
    </div>
  );
}
