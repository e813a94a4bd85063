import type { Worker, WorkerOptions } from 'bullmq';
import { loadCalendar, openDuePeriods, openPeriod, writeChairmanDigest, writeUnitDigests, type Db } from '@dondoc/db';
import { addWorkingDays, endOfWorkingDay, localDateOf, PermanentFailure, TIME_ZONE } from '@dondoc/domain';
import type { QueueSet, QueueStore } from '@dondoc/queue';
import type { Logger } from '@dondoc/observability';
import { logWorkerErrors, runJob } from './worker-errors.ts';
import { reconcile } from './reconciler.ts';

export interface MaintenanceSettings {
  /** How often the reconciler runs (ms). */
  reconcileEveryMs: number;
  /** Rows younger than this are left to the outbox relay (ms). */
  reconcileGraceMs: number;
  /** Local time of the morning digests, `hh:mm`. */
  digestAt: string;
  /** A unit's digest lists what falls due within this many working days. */
  digestHorizonWorkingDays: number;
}

/** Registers the job schedulers: idempotent, so every worker process may do it at start. */
export async function scheduleMaintenance(queues: QueueSet, s: MaintenanceSettings): Promise<void> {
  const [hh, mm] = s.digestAt.split(':').map(Number);
  const cron = `${mm} ${hh} * * *`;
  await queues.maintenance.upsertJobScheduler('reconcile', { every: s.reconcileEveryMs }, { name: 'reconcile', data: {} });
  await queues.maintenance.upsertJobScheduler('digest.units', { pattern: cron, tz: TIME_ZONE }, { name: 'digest.units', data: {} });
  await queues.maintenance.upsertJobScheduler('digest.chairman', { pattern: cron, tz: TIME_ZONE }, { name: 'digest.chairman', data: {} });
  await queues.maintenance.upsertJobScheduler('reports.open', { pattern: '5 * * * *', tz: TIME_ZONE }, { name: 'reports.open', data: {} });
}

/** The morning digests, on working days only (the scheduler fires every day; the calendar decides). */
export async function runDigests(db: Db, kind: 'units' | 'chairman', now: Date, horizonWorkingDays: number): Promise<number> {
  const cal = await loadCalendar(db);
  const today = localDateOf(now);
  if (!cal.isWorkingDay(today)) return 0;
  if (kind === 'chairman') return writeChairmanDigest(db, cal, now);
  return writeUnitDigests(db, cal, now, endOfWorkingDay(cal, addWorkingDays(cal, today, horizonWorkingDays)));
}

export function createMaintenanceWorker(
  db: Db,
  queues: QueueSet,
  s: MaintenanceSettings,
  store: QueueStore,
  logger: Logger,
  options: Partial<WorkerOptions> = {},
): Worker {
  const worker = store.newWorker(
    'maintenance',
    async (job) =>
      runJob(async () => {
        switch (job.name) {
          case 'reconcile': {
            const pass = await reconcile(db, queues, { graceMs: s.reconcileGraceMs });
            if (pass.timers + pass.mails > 0) logger.warn(pass, 'reconciler put back lost jobs');
            return pass;
          }
          case 'digest.units':
            return runDigests(db, 'units', new Date(), s.digestHorizonWorkingDays);
          case 'digest.chairman':
            return runDigests(db, 'chairman', new Date(), s.digestHorizonWorkingDays);
          case 'reports.open':
            return openDuePeriods(db, localDateOf(new Date()), (regimeId, p) => openPeriod(db, { regimeId, ...p }, { kind: 'system', label: 'scheduler' }));
          default:
            throw new PermanentFailure(`unknown job maintenance/${job.name}`);
        }
      }),
    { concurrency: 1, ...options },
  );
  return logWorkerErrors(worker, logger);
}
