import { UnrecoverableError, type Job, type Worker } from 'bullmq';
import { isPermanentFailure, PermanentFailure } from '@dondoc/domain';
import { isKnownJob, parsePayload, type JobName, type JobPayload, type QueueName } from '@dondoc/queue';
import type { Logger } from '@dondoc/observability';

/**
 * Lost locks after a Redis failover or FLUSHALL, or a dropped connection, reach
 * a worker as 'error' events: BullMQ recovers the jobs, so say so, quietly
 * (without a listener Node would treat them as unhandled).
 */
export function logWorkerErrors(worker: Worker, logger: Logger): Worker {
  worker.on('error', (err) => logger.warn({ err: err.message, queue: worker.name }, 'worker error'));
  return worker;
}

/** How the message of a job failed by a permanent failure begins (BullMQ keeps it as the job's failedReason). */
const permanentPrefix = 'permanent: ';

/**
 * Runs a job's work; a `PermanentFailure` becomes BullMQ's `UnrecoverableError`,
 * so the job fails at once instead of using its attempts. Any other error is
 * transient (PostgreSQL away, SMTP refusing for now) and BullMQ retries it with backoff.
 */
export async function runJob<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (isPermanentFailure(err)) throw new UnrecoverableError(`${permanentPrefix}${err.message}`);
    throw err;
  }
}

/** Whether a failed job failed permanently (retrying it cannot help), not for want of attempts or a dead worker. */
export function failedPermanently(job: Pick<Job, 'failedReason'>): boolean {
  return job.failedReason?.startsWith(permanentPrefix) ?? false;
}

/** A job's payload, checked against its schema in the catalog; an unknown job or a payload that does not fit is a permanent failure. */
export function payloadOf<Q extends QueueName, J extends JobName<Q>>(queue: Q, name: J, job: Pick<Job, 'name' | 'data'>): JobPayload<Q, J> {
  if (job.name !== name || !isKnownJob(queue, job.name)) throw new PermanentFailure(`unknown job ${queue}/${job.name}`);
  try {
    return parsePayload(queue, name, job.data);
  } catch (e) {
    throw new PermanentFailure(`bad ${queue}/${name} payload: ${(e as Error).message}`, { cause: e });
  }
}
