import { Worker, UnrecoverableError, type ConnectionOptions } from 'bullmq';
import { fireTimer, type Db } from '@dondoc/db';
import { parsePayload } from '@dondoc/queue';
import type { Logger } from './logger.ts';

/**
 * Consumes the `timers` queue: each job wakes one timer row, which the engine
 * fires if it still stands. A bad payload fails the job for good; a database
 * error is retried by BullMQ.
 */
export function createTimerWorker(db: Db, connection: ConnectionOptions, prefix: string, logger: Logger): Worker {
  const worker = new Worker(
    'timers',
    async (job) => {
      let timerId: string;
      try {
        ({ timerId } = parsePayload('timers', 'fire', job.data));
      } catch (e) {
        throw new UnrecoverableError(`bad timer payload: ${(e as Error).message}`);
      }
      const requestId = typeof job.data?.requestId === 'string' ? job.data.requestId : undefined;
      const outcome = await fireTimer(db, timerId, requestId);
      logger.info({ timerId, outcome, requestId, jobId: job.id }, 'timer processed');
      return outcome;
    },
    { connection, prefix, concurrency: 10 },
  );
  // Lost locks after a Redis failover or FLUSHALL land here: BullMQ recovers the jobs; say so, quietly.
  worker.on('error', (err) => logger.warn({ err: err.message, queue: 'timers' }, 'worker error'));
  return worker;
}
