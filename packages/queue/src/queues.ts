import { Queue, type ConnectionOptions, type DefaultJobOptions, type Telemetry } from 'bullmq';
import { queueNames, type QueueName } from './catalog.ts';

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
  connection: ConnectionOptions;
  /**
   * Fail an add at once when Redis is not connected, instead of waiting for it.
   * Producers that keep their own retry (the outbox relay) want this. Default false.
   */
  failFast?: boolean;
  /** Connection errors of the queues; without a listener BullMQ prints them. */
  onError?: (err: Error) => void;
  /** Overrides of the default job options (tests shorten the retry backoff). */
  jobOptions?: DefaultJobOptions;
  /** OpenTelemetry for BullMQ (bullmq-otel), when tracing is on. */
  telemetry?: Telemetry;
  /** Redis key prefix, a hash tag such as `{dondoc}` so that Redis Cluster keeps a queue's keys together. */
  prefix: string;
}

export type QueueSet = Record<QueueName, Queue> & { close(): Promise<void> };

export function createQueues(opts: QueueSetOptions): QueueSet {
  const queues = Object.fromEntries(
    queueNames.map((name) => [name, new Queue(name, { connection: opts.connection, prefix: opts.prefix, defaultJobOptions: { ...defaultJobOptions, ...opts.jobOptions }, skipWaitingForReady: opts.failFast ?? false, ...(opts.telemetry && { telemetry: opts.telemetry }) })]),
  ) as Record<QueueName, Queue>;
  if (opts.onError) for (const q of Object.values(queues)) q.on('error', opts.onError);
  return Object.assign(queues, {
    async close() {
      await Promise.all(queueNames.map((n) => queues[n].close()));
    },
  });
}
