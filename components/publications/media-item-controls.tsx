"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/actions/result";
import { t } from "@/lib/i18n";
import { moveMediaItemAction, removeMediaItemAction, updateMediaCaptionAction } from "@/lib/publications/actions";
import { Button } from "@/components/ui/button";
import { TextInput } from "@/components/ui/field";
import { FormStatus } from "@/components/forms/form-status";

/** One item's caption, its place in the album (up/down) and its removal. */
export function MediaItemControls({ itemId, caption, label, first, last }: { itemId: string; caption: string; label: string; first: boolean; last: boolean }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [status, setStatus] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const [text, setText] = useState(caption);

  const run = (call: () => Promise<ActionResult<unknown>>) =>
    startTransition(async () => {
      let result: ActionResult<unknown>;
      try {
        result = await call();
      } catch {
        setStatus({ tone: "error", text: t("error.network") });
        return;
      }
      setStatus(result.ok ? (result.message ? { tone: "success", text: result.message } : null) : { tone: "error", text: result.fieldErrors.caption ?? result.message });
      if (result.ok) router.refresh();
    });

  return (
    <div className="space-y-2">
      <form
        className="flex gap-2"
        onSubmit={(event) => {
          event.preventDefault();
          run(() => updateMediaCaptionAction({ itemId, caption: text }));
        }}
      >
        <label className="sr-only" htmlFor={`caption-${itemId}`}>{t("media.captionOf", { item: label })}</label>
        <TextInput id={`caption-${itemId}`} value={text} maxLength={300} onChange={(e) => setText(e.target.value)} placeholder={t("media.caption")} disabled={pending} />
        <Button type="submit" variant="secondary" disabled={pending}>{t("common.save")}</Button>
      </form>
      <div className="flex flex-wrap gap-2">
        <Button type="button" variant="ghost" disabled={pending || first} aria-label={t("media.moveUpOf", { item: label })} onClick={() => run(() => moveMediaItemAction({ itemId, direction: "up" }))}>
          ↑ {t("media.moveUp")}
        </Button>
        <Button type="button" variant="ghost" disabled={pending || last} aria-label={t("media.moveDownOf", { item: label })} onClick={() => run(() => moveMediaItemAction({ itemId, direction: "down" }))}>
          ↓ {t("media.moveDown")}
        </Button>
        <Button
          type="button"
          variant="ghost"
          className="text-red-700"
          disabled={pending}
          aria-label={t("media.removeOf", { item: label })}
          onClick={() => {
            if (window.confirm(t("media.removeConfirm"))) run(() => removeMediaItemAction({ itemId }));
          }}
        >
          {t("media.remove")}
        </Button>
      </div>
      <FormStatus status={status} />
    </div>
  );
}
