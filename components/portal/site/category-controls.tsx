"use client";

import { t } from "@/lib/i18n";
import { deleteCategoryAction, reorderCategoryAction, setCategoryActiveAction } from "@/lib/portal/site/actions";
import { Button } from "@/components/ui/button";
import { FormStatus } from "@/components/forms/form-status";
import { useSiteAction } from "./use-site-action";

/** Up, down, hide or show, and delete, for one category; each button names the category for screen readers. */
export function CategoryControls({ id, name, active, first, last }: { id: string; name: string; active: boolean; first: boolean; last: boolean }) {
  const { pending, status, run } = useSiteAction();
  return (
    <div className="space-y-1">
      <div className="flex flex-wrap gap-1">
        <Button type="button" variant="ghost" disabled={pending || first} aria-label={t("site.category.moveUpOf", { name })} onClick={() => run(() => reorderCategoryAction({ id, direction: "up" }))}>
          ↑ {t("site.hub.moveUp")}
        </Button>
        <Button type="button" variant="ghost" disabled={pending || last} aria-label={t("site.category.moveDownOf", { name })} onClick={() => run(() => reorderCategoryAction({ id, direction: "down" }))}>
          ↓ {t("site.hub.moveDown")}
        </Button>
        <Button
          type="button"
          variant="ghost"
          disabled={pending}
          aria-label={t(active ? "site.category.hideOf" : "site.category.showOf", { name })}
          onClick={() => run(() => setCategoryActiveAction({ id, active: !active }))}
        >
          {t(active ? "site.hub.hide" : "site.hub.show")}
        </Button>
        <Button
          type="button"
          variant="ghost"
          className="text-red-700"
          disabled={pending}
          aria-label={t("site.category.deleteOf", { name })}
          onClick={() => {
            if (window.confirm(t("site.category.deleteConfirm", { name }))) run(() => deleteCategoryAction({ id }));
          }}
        >
          {t("site.hub.delete")}
        </Button>
      </div>
      <FormStatus status={status} />
    </div>
  );
}
