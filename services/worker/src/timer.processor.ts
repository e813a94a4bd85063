import { Worker, UnrecoverableError, type ConnectionOptions, type Telemetry } from 'bullmq';
import { fireTimer, type Db, type TimerOutcome } from '@dondoc/db';
import { parsePayload } from '@dondoc/queue';
import type { Logger } from './logger.ts';

/**
 * Consumes the `timers` queue: each job wakes one timer row, which the engine
 * fires if it still stands. A bad payload fails the job for good; a database
 * error is retried by BullMQ.
 */
export interface TimerWorkerOptions {
  /** Jobs processed at once. Default 10. */
  concurrency?: number;
  /** Called after each timer is processed (the benchmark counts outcomes with it). */
  onOutcome?: (timerId: string, outcome: TimerOutcome) => void;
  /** OpenTelemetry for BullMQ, when tracing is on. */
  telemetry?: Telemetry;
  /** Lock and stalled-check period, ms (BullMQ's default 30 s). */
  lockMs?: number;
}

export function createTimerWorker(db: Db, connection: ConnectionOptions, prefix: string, logger: Logger, opts: TimerWorkerOptions = {}): Worker {
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
      logger.debug({ timerId, outcome, requestId, jobId: job.id }, 'timer processed');
      opts.onOutcome?.(timerId, outcome);
      return outcome;
    },
    {
      connection,
      prefix,
      concurrency: opts.concurrency ?? 10,
      ...(opts.telemetry && { telemetry: opts.telemetry }),
      ...(opts.lockMs && { lockDuration: opts.lockMs, stalledInterval: opts.lockMs }),
    },
  );
  // Lost locks after a Redis failover or FLUSHALL land here: BullMQ recovers the jobs; say so, quietly.
  worker.on('error', (err) => logger.warn({ err: err.message, queue: 'timers' }, 'worker error'));
  return worker;
}
