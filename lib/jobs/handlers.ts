import type { DatabaseHandle } from "@/lib/db";
import { pruneDocumentViewMarks } from "@/lib/documents/views";
import { deliverQueuedMail } from "@/lib/mail/deliver";

/** Every kind of background job and what runs it. */
type JobHandler = (handle: DatabaseHandle, data: unknown) => Promise<void>;

export const JOB_HANDLERS = {
  "mail.deliver": async (handle: DatabaseHandle) => {
    await deliverQueuedMail(handle.db);
  },
  "documents.pruneViewMarks": async (handle: DatabaseHandle) => {
    await pruneDocumentViewMarks(handle.db);
  },
} satisfies Record<string, JobHandler>;

export type JobName = keyof typeof JOB_HANDLERS;

export const SCHEDULES: { name: JobName; cron: string }[] = [
  // A sweep every minute catches anything queued while no worker was told about it.
  { name: "mail.deliver", cron: "* * * * *" },
  // Who was counted as reading a document, kept only as long as it stops a second count.
  { name: "documents.pruneViewMarks", cron: "17 * * * *" },
];
