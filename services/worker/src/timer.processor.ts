import { UnrecoverableError, type Worker, type WorkerOptions } from 'bullmq';
import { fireTimer, type Db, type TimerOutcome } from '@dondoc/db';
import { parsePayload, type QueueStore } from '@dondoc/queue';
import type { Logger } from '@dondoc/observability';
import { logWorkerErrors } from './worker-errors.ts';

/** BullMQ worker options (concurrency default 10), and a hook the benchmark counts outcomes with. */
export type TimerWorkerOptions = Partial<Omit<WorkerOptions, 'connection' | 'prefix'>> & { onOutcome?: (timerId: string, outcome: TimerOutcome) => void };

/**
 * Consumes the `timers` queue: each job wakes one timer row, which the engine
 * fires if it still stands. A bad payload fails the job for good; a database
 * error is retried by BullMQ.
 */
export function createTimerWorker(db: Db, store: QueueStore, logger: Logger, { onOutcome, ...options }: TimerWorkerOptions = {}): Worker {
  const worker = store.newWorker(
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
      logger.debug({ timerId, outcome, requestId, jobId: job.id }, 'timer processed');
      onOutcome?.(timerId, outcome);
      return outcome;
    },
    { concurrency: 10, ...options },
  );
  return logWorkerErrors(worker, logger);
}
