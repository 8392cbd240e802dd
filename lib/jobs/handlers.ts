import type { DatabaseHandle } from "@/lib/db";
import { deliverQueuedMail } from "@/lib/mail/deliver";

/** Every kind of background job and what runs it. */
type JobHandler = (handle: DatabaseHandle, data: unknown) => Promise<void>;

export const JOB_HANDLERS = {
  "mail.deliver": async (handle: DatabaseHandle) => {
    await deliverQueuedMail(handle.db);
  },
} satisfies Record<string, JobHandler>;

export type JobName = keyof typeof JOB_HANDLERS;

/** A sweep every minute catches anything queued while no worker was told about it. */
export const SCHEDULES: { name: JobName; cron: string }[] = [{ name: "mail.deliver", cron: "* * * * *" }];
