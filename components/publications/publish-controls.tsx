"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/actions/result";
import { t } from "@/lib/i18n";
import {
  deleteAlbumAction,
  deletePublicationAction,
  publishAlbumAction,
  publishPublicationAction,
  unpublishAlbumAction,
  unpublishPublicationAction,
} from "@/lib/publications/actions";
import { Button } from "@/components/ui/button";
import { FormStatus } from "@/components/forms/form-status";

const ACTIONS = {
  publication: { publish: publishPublicationAction, unpublish: unpublishPublicationAction, remove: deletePublicationAction, confirm: "publication.deleteConfirm" },
  album: { publish: publishAlbumAction, unpublish: unpublishAlbumAction, remove: deleteAlbumAction, confirm: "media.deleteAlbumConfirm" },
} as const;

/** Publish, unpublish or delete a publication or an album; the page below reloads with the new state. */
export function PublishControls({ subject, id, published }: { subject: keyof typeof ACTIONS; id: string; published: boolean }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [status, setStatus] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const actions = ACTIONS[subject];

  const run = (call: () => Promise<ActionResult<unknown>>, after: () => void) =>
    startTransition(async () => {
      let result: ActionResult<unknown>;
      try {
        result = await call();
      } catch {
        setStatus({ tone: "error", text: t("error.network") });
        return;
      }
      setStatus(result.ok ? { tone: "success", text: result.message ?? "" } : { tone: "error", text: result.message });
      if (result.ok) after();
    });

  return (
    <div className="space-y-2">
      <div className="flex flex-wrap gap-2">
        {published ? (
          <Button type="button" variant="secondary" disabled={pending} onClick={() => run(() => actions.unpublish({ id }), () => router.refresh())}>
            {t("publication.unpublish")}
          </Button>
        ) : (
          <Button type="button" disabled={pending} onClick={() => run(() => actions.publish({ id }), () => router.refresh())}>
            {t("publication.publish")}
          </Button>
        )}
        <Button
          type="button"
          variant="danger"
          disabled={pending}
          onClick={() => {
            if (window.confirm(t(actions.confirm))) run(() => actions.remove({ id }), () => router.push("/lam-viec/an-pham"));
          }}
        >
          {t("publication.delete")}
        </Button>
      </div>
      <FormStatus status={status} />
    </div>
  );
}
