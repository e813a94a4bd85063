import type { Worker, WorkerOptions } from 'bullmq';
import { fireTimer, type Db, type TimerOutcome } from '@dondoc/db';
import type { QueueStore } from '@dondoc/queue';
import type { Logger } from '@dondoc/observability';
import { logWorkerErrors, payloadOf, runJob } from './worker-errors.ts';

/** BullMQ worker options (concurrency default 10), and a hook the benchmark counts outcomes with. */
export type TimerWorkerOptions = Partial<Omit<WorkerOptions, 'connection' | 'prefix'>> & { onOutcome?: (timerId: string, outcome: TimerOutcome) => void };

/**
 * Consumes the `timers` queue: each job wakes one timer row, which the engine
 * fires if it still stands. An unknown job, a bad payload or a permanent
 * failure of the engine (an unknown timer kind) fails the job at once; a
 * database error is retried by BullMQ.
 */
export function createTimerWorker(db: Db, store: QueueStore, logger: Logger, { onOutcome, ...options }: TimerWorkerOptions = {}): Worker {
  const worker = store.newWorker(
    'timers',
    async (job) =>
      runJob(async () => {
        const { timerId } = payloadOf('timers', 'fire', job);
        const requestId = typeof job.data?.requestId === 'string' ? job.data.requestId : undefined;
        const outcome = await fireTimer(db, timerId, requestId);
        logger.debug({ timerId, outcome, requestId, jobId: job.id }, 'timer processed');
        onOutcome?.(timerId, outcome);
        return outcome;
      }),
    { concurrency: 10, ...options },
  );
  return logWorkerErrors(worker, logger);
}
