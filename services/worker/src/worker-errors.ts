import type { Worker } from 'bullmq';
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
