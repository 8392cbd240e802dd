"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/actions/result";
import { t, type MessageKey } from "@/lib/i18n";
import {
  approveArticleAction,
  commentArticleAction,
  publishArticleAction,
  rejectArticleAction,
  returnArticleAction,
  scheduleArticleAction,
  submitArticleAction,
  unpublishArticleAction,
  unscheduleArticleAction,
} from "@/lib/portal/articles/actions";
import type { ArticleStep } from "@/lib/portal/articles/rules";
import { Button } from "@/components/ui/button";
import { Field, TextArea, TextInput } from "@/components/ui/field";
import { FormStatus } from "@/components/forms/form-status";

const ORDER: ArticleStep[] = ["submit", "approve", "publish", "schedule", "unschedule", "return", "reject", "unpublish"];
const BACKWARD: ArticleStep[] = ["return", "reject", "unpublish", "unschedule"];

/**
 * The review steps the actor may take now, with one comment box for all of them (required for
 * returning or rejecting, optional otherwise) and the time for scheduling.
 */
export function ArticleSteps({ id, steps, canComment }: { id: string; steps: Record<ArticleStep, boolean>; canComment: boolean }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [comment, setComment] = useState("");
  const [publishAt, setPublishAt] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [status, setStatus] = useState<{ tone: "error" | "success"; text: string } | null>(null);

  const run = (call: () => Promise<ActionResult<unknown>>) =>
    startTransition(async () => {
      let result: ActionResult<unknown>;
      try {
        result = await call();
      } catch {
        setStatus({ tone: "error", text: t("error.network") });
        return;
      }
      setErrors(result.ok ? {} : result.fieldErrors);
      setStatus(result.ok ? { tone: "success", text: result.message ?? "" } : { tone: "error", text: result.message });
      if (result.ok) {
        setComment("");
        router.refresh();
      }
    });

  const take = (step: ArticleStep) => {
    const actions = {
      submit: () => submitArticleAction({ id, comment }),
      return: () => returnArticleAction({ id, comment }),
      reject: () => rejectArticleAction({ id, comment }),
      approve: () => approveArticleAction({ id, comment }),
      schedule: () => scheduleArticleAction({ id, comment, publishAt }),
      unschedule: () => unscheduleArticleAction({ id, comment }),
      publish: () => publishArticleAction({ id, comment }),
      unpublish: () => unpublishArticleAction({ id, comment }),
    } satisfies Record<ArticleStep, () => Promise<ActionResult<unknown>>>;
    run(actions[step]);
  };

  const available = ORDER.filter((s) => steps[s]);
  if (available.length === 0 && !canComment) return null;
  return (
    <div className="space-y-3">
      <Field label={t("article.comment")} hint={t("article.commentHint")} error={errors.comment}>
        {(a) => <TextArea {...a} name="comment" rows={3} value={comment} onChange={(e) => setComment(e.target.value)} maxLength={2000} />}
      </Field>
      {steps.schedule && (
        <Field label={t("article.publishAt")} hint={t("article.publishAtHint")} error={errors.publishAt}>
          {(a) => <TextInput {...a} type="datetime-local" name="publishAt" value={publishAt} onChange={(e) => setPublishAt(e.target.value)} />}
        </Field>
      )}
      {/* Steps forward first, in the brand colour; steps back and refusals apart, outlined in red, so the two are never confused. */}
      <div className="flex flex-wrap gap-2">
        {available.filter((step) => !BACKWARD.includes(step)).map((step) => (
          <Button key={step} type="button" variant={step === "publish" || step === "submit" ? "primary" : "secondary"} disabled={pending} onClick={() => take(step)}>
            {t(`article.step.${step}` as MessageKey)}
          </Button>
        ))}
        {canComment && (
          <Button type="button" variant="secondary" disabled={pending} onClick={() => run(() => commentArticleAction({ id, comment }))}>
            {t("article.step.comment")}
          </Button>
        )}
      </div>
      {available.some((step) => BACKWARD.includes(step)) && (
        <div className="flex flex-wrap gap-2 border-t border-slate-200 pt-3">
          {available.filter((step) => BACKWARD.includes(step)).map((step) => (
            <Button key={step} type="button" variant="secondary" className="border-red-300 text-red-800 hover:bg-red-50" disabled={pending} onClick={() => take(step)}>
              {t(`article.step.${step}` as MessageKey)}
            </Button>
          ))}
        </div>
      )}
      <FormStatus status={status} />
    </div>
  );
}
