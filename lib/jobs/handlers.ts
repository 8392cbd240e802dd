import type { DatabaseHandle } from "@/lib/db";
import { pruneDocumentViewMarks } from "@/lib/documents/views";
import { deliverQueuedMail } from "@/lib/mail/deliver";
import { publicTags } from "@/lib/cache/public";
import { revalidatePublicFromJob } from "@/lib/cache/revalidate";
import { pruneArticleViewMarks } from "@/lib/portal/articles/views";
import { publishDueArticles } from "@/lib/portal/articles/workflow";

/** Every kind of background job and what runs it. */
type JobHandler = (handle: DatabaseHandle, data: unknown) => Promise<void>;

export const JOB_HANDLERS = {
  "mail.deliver": async (handle: DatabaseHandle) => {
    await deliverQueuedMail(handle.db);
  },
  "documents.pruneViewMarks": async (handle: DatabaseHandle) => {
    await pruneDocumentViewMarks(handle.db);
    await pruneArticleViewMarks(handle.db);
  },
  "articles.publishDue": async (handle: DatabaseHandle) => {
    const published = await publishDueArticles(handle.db);
    if (published.length > 0) await revalidatePublicFromJob([publicTags.articles, ...published.map((a) => publicTags.article(a.id))]);
  },
} satisfies Record<string, JobHandler>;

export type JobName = keyof typeof JOB_HANDLERS;

export const SCHEDULES: { name: JobName; cron: string }[] = [
  // A sweep every minute catches anything queued while no worker was told about it.
  { name: "mail.deliver", cron: "* * * * *" },
  // Scheduled articles go out within a minute of their time; a missed minute is caught up by the next.
  { name: "articles.publishDue", cron: "* * * * *" },
  // Who was counted as reading a document or an article, kept only as long as it stops a second count.
  { name: "documents.pruneViewMarks", cron: "17 * * * *" },
];
