import type { DatabaseHandle } from "@/lib/db";
import { pruneDocumentViewMarks } from "@/lib/documents/views";
import { kickJobs } from "@/lib/jobs/kick";
import { deliverQueuedMail } from "@/lib/mail/deliver";
import { sendDueReminders } from "@/lib/meetings/reminders";
import { publicTags } from "@/lib/cache/public";
import { revalidatePublicFromJob } from "@/lib/cache/revalidate";
import { pruneArticleViewMarks } from "@/lib/portal/articles/views";
import { publishDueArticles } from "@/lib/portal/articles/workflow";
import { materialiseOpenSeries } from "@/lib/meetings/series";

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
  "meetings.remind": async (handle: DatabaseHandle) => {
    const { sent } = await sendDueReminders(handle.db);
    if (sent > 0) kickJobs("mail.deliver");
  },
  "meetings.materialise": async (handle: DatabaseHandle) => {
    await materialiseOpenSeries(handle.db);
  },
} satisfies Record<string, JobHandler>;

export type JobName = keyof typeof JOB_HANDLERS;

export const SCHEDULES: { name: JobName; cron: string }[] = [
  // A sweep every minute catches anything queued while no worker was told about it.
  { name: "mail.deliver", cron: "* * * * *" },
  // Scheduled articles go out within a minute of their time; a missed minute is caught up by the next.
  { name: "articles.publishDue", cron: "* * * * *" },
  // Meeting reminders: the day before and 30 minutes before, each once; a missed minute is caught by the next.
  { name: "meetings.remind", cron: "* * * * *" },
  // Who was counted as reading a document or an article, kept only as long as it stops a second count.
  { name: "documents.pruneViewMarks", cron: "17 * * * *" },
  // Meeting series kept twelve weeks ahead as meetings; idempotent, so a missed day is caught up by the next.
  { name: "meetings.materialise", cron: "25 17 * * *" },
];
