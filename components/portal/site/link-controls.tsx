"use client";

import { t } from "@/lib/i18n";
import { deleteLinkAction, reorderLinkAction, setLinkActiveAction } from "@/lib/portal/site/actions";
import { Button } from "@/components/ui/button";
import { FormStatus } from "@/components/forms/form-status";
import { useSiteAction } from "./use-site-action";

/** Up and down within its group, hide or show, and delete, for one partner link. */
export function LinkControls({ id, name, active, first, last }: { id: string; name: string; active: boolean; first: boolean; last: boolean }) {
  const { pending, status, run } = useSiteAction();
  return (
    <div className="space-y-1">
      <div className="flex flex-wrap gap-1">
        <Button type="button" variant="ghost" disabled={pending || first} aria-label={t("site.link.moveUpOf", { name })} onClick={() => run(() => reorderLinkAction({ id, direction: "up" }))}>
          ↑ {t("site.hub.moveUp")}
        </Button>
        <Button type="button" variant="ghost" disabled={pending || last} aria-label={t("site.link.moveDownOf", { name })} onClick={() => run(() => reorderLinkAction({ id, direction: "down" }))}>
          ↓ {t("site.hub.moveDown")}
        </Button>
        <Button type="button" variant="ghost" disabled={pending} aria-label={t(active ? "site.link.hideOf" : "site.link.showOf", { name })} onClick={() => run(() => setLinkActiveAction({ id, active: !active }))}>
          {t(active ? "site.hub.hide" : "site.hub.show")}
        </Button>
        <Button
          type="button"
          variant="ghost"
          className="text-red-700"
          disabled={pending}
          aria-label={t("site.link.deleteOf", { name })}
          onClick={() => {
            if (window.confirm(t("site.link.deleteConfirm", { name }))) run(() => deleteLinkAction({ id }));
          }}
        >
          {t("site.hub.delete")}
        </Button>
      </div>
      <FormStatus status={status} />
    </div>
  );
}
