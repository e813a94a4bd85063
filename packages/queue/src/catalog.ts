import { z } from 'zod';

/**
 * Every queue and job dondoc uses, with the schema of each job's payload. The
 * engine writes outbox rows naming a queue and job from here; workers parse the
 * payload with the same schema before acting on it.
 */
const rowId = z.string().regex(/^\d+$/);

export const jobCatalog = {
  timers: {
    /** A timer row fell due: feed its event back to the machine. */
    fire: z.object({ timerId: rowId }),
  },
  mail: {
    /** Send one notification row (rendered at send time in the recipient's language). */
    send: z.object({ notificationId: rowId }),
  },
  maintenance: {
    /** Put back the jobs Redis lost: pending timers and notifications whose job is gone or failed for good. */
    reconcile: z.object({}),
    /** Each unit head on the digest gets one mail of what their unit has due or overdue. */
    'digest.units': z.object({}),
    /** The Chairman's list, on working-day mornings. */
    'digest.chairman': z.object({}),
    /** Open the periods of reporting regimes that have begun (hourly). */
    'reports.open': z.object({}),
  },
} as const;

export type QueueName = keyof typeof jobCatalog;
export type JobName<Q extends QueueName> = keyof (typeof jobCatalog)[Q] & string;
export type JobPayload<Q extends QueueName, J extends JobName<Q>> = z.infer<(typeof jobCatalog)[Q][J]>;

export const queueNames = Object.keys(jobCatalog) as QueueName[];

export function isKnownJob(queue: string, name: string): boolean {
  return queue in jobCatalog && name in jobCatalog[queue as QueueName];
}

export function parsePayload<Q extends QueueName, J extends JobName<Q>>(queue: Q, name: J, data: unknown): JobPayload<Q, J> {
  const schema = jobCatalog[queue][name] as z.ZodType<JobPayload<Q, J>>;
  return schema.parse(data);
}

/**
 * Job ids are deterministic so that publishing twice adds one job: BullMQ keeps
 * the first and ignores a second add with the same id while the job exists.
 * BullMQ refuses ids that are plain integers or contain ':'.
 */
export const jobIds = {
  outbox: (outboxId: string | bigint | number) => `outbox-${outboxId}`,
  timer: (timerId: string) => `timer-${timerId}`,
  /** An operator's retry of a failed mail is a new job (`mail-<id>-r<n>`): the failed one keeps its id in Redis. */
  mail: (notificationId: string, retry = 0) => (retry > 0 ? `mail-${notificationId}-r${retry}` : `mail-${notificationId}`),
} as const;
