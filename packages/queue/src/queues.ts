import type { DefaultJobOptions, Queue, Telemetry } from 'bullmq';
import { queueNames, type QueueName } from './catalog.ts';
import type { QueueStore } from './store.ts';

/**
 * Completed jobs are kept for a day: a job id is only deduplicated while the job
 * exists, and the outbox relay may re-publish a row it published but could not
 * mark (a crash in between) a little later.
 */
export const defaultJobOptions: DefaultJobOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { age: 24 * 3600, count: 100_000 },
  removeOnFail: { age: 30 * 24 * 3600 },
};

export interface QueueSetOptions {
  /** Where the queues live (Redis, or BullMQ's PostgreSQL backend). */
  store: QueueStore;
  /**
   * Fail an add at once when the store is not connected, instead of waiting for it.
   * Producers that keep their own retry (the outbox relay) want this. Default false.
   */
  failFast?: boolean;
  /** Connection errors of the queues; without a listener BullMQ prints them. */
  onError?: (err: Error) => void;
  /** Overrides of the default job options (tests shorten the retry backoff). */
  jobOptions?: DefaultJobOptions;
  /** OpenTelemetry for BullMQ (bullmq-otel), when tracing is on. */
  telemetry?: Telemetry;
}

export type QueueSet = Record<QueueName, Queue> & { readonly store: QueueStore; close(): Promise<void> };

export function createQueues(opts: QueueSetOptions): QueueSet {
  const queues = Object.fromEntries(
    queueNames.map((name) => [
      name,
      opts.store.newQueue(name, {
        defaultJobOptions: { ...defaultJobOptions, ...opts.jobOptions },
        skipWaitingForReady: opts.failFast ?? false,
        ...(opts.telemetry && { telemetry: opts.telemetry }),
      }),
    ]),
  ) as Record<QueueName, Queue>;
  if (opts.onError) for (const q of Object.values(queues)) q.on('error', opts.onError);
  return Object.assign(queues, {
    store: opts.store,
    async close() {
      await Promise.all(queueNames.map((n) => queues[n].close()));
    },
  });
}
