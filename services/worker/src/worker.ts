import type { Worker } from 'bullmq';
import type { Config } from '@dondoc/config';
import { createDb } from '@dondoc/db';
import { createMailTransport, type SmtpSettings } from '@dondoc/mail';
import { createQueues, type QueueStore } from '@dondoc/queue';
import { createRegistry, registerDomainGauges, registerQueueDepth, registerWorkerMetrics, startTracing } from '@dondoc/observability';
import { startOpsServer } from './ops-server.ts';
import type { Logger } from '@dondoc/observability';
import { createMailWorker } from './mail.processor.ts';
import { createMaintenanceWorker, scheduleMaintenance } from './maintenance.processor.ts';
import { OutboxRelay } from './outbox-relay.ts';
import { createTimerWorker } from './timer.processor.ts';

export interface RunningWorker {
  relay: OutboxRelay;
  /** The port of /healthz, /readyz and /metrics. */
  opsPort: number;
  close(): Promise<void>;
}

/**
 * Starts the worker process's parts: the outbox relay, the timer, mail and
 * maintenance workers, and the job schedulers (reconciler, morning digests).
 * `close` stops taking work, lets in-flight jobs finish, then closes connections
 * (the queue store is the caller's to close).
 */
export async function startWorker(config: Config, logger: Logger, opts: { smtp: SmtpSettings; store: QueueStore }): Promise<RunningWorker> {
  // A lost connection fails the job or pass at hand, which is retried; it must not end the process.
  const db = createDb(config.databaseUrl, { onConnectionError: (err) => logger.warn({ err: err.message }, 'PostgreSQL connection lost') });
  const { store } = opts;
  // The relay publishes with fail-fast adds, so it must not start before the store answers.
  await store.ready();
  const tracing = startTracing('dondoc-worker', config.tracingEndpoint);
  const telemetry = tracing.bullmq;
  const queues = createQueues({
    telemetry,
    store,
    failFast: true,
    onError: (err) => logger.warn({ err: err.message }, 'queue connection error'),
  });
  const relay = new OutboxRelay(db, queues, {
    batchSize: config.relay.batchSize,
    pollMs: config.relay.pollMs,
    listenUrl: config.databaseUrl,
    logger: logger.child({ part: 'outbox-relay' }),
  });
  const transport = createMailTransport(opts.smtp);
  const lockMs = config.worker.lockMs;
  const common = { lockDuration: lockMs, stalledInterval: lockMs, ...(telemetry && { telemetry }) };
  const workers: Worker[] = [
    createTimerWorker(db, store, logger.child({ part: 'timers' }), common),
    createMailWorker(db, transport, { from: config.mailFrom, publicUrl: config.publicUrl }, store, logger.child({ part: 'mail' }), {
      ...common,
      concurrency: config.mailConcurrency,
    }),
    createMaintenanceWorker(db, queues, config.maintenance, store, logger.child({ part: 'maintenance' }), common),
  ];
  const registry = createRegistry('worker');
  registerQueueDepth(registry, queues);
  registerDomainGauges(registry, db);
  const metrics = registerWorkerMetrics(registry);
  for (const w of workers) {
    metrics.observe(w);
    w.on('failed', (job, err) =>
      logger.warn({ queue: w.name, jobId: job?.id, attempts: job?.attemptsMade, requestId: job?.data?.requestId, err: err.message }, 'job failed'),
    );
  }
  const ops = await startOpsServer({ db, store, registry, host: config.worker.opsHost, port: config.worker.opsPort, metricsToken: config.metricsToken });
  await scheduleMaintenance(queues, config.maintenance);
  // Job schedulers live in Redis; if Redis is emptied they are gone too, so put them back now and then.
  const reschedule = setInterval(() => {
    scheduleMaintenance(queues, config.maintenance).catch((err: Error) => logger.warn({ err: err.message }, 'could not register job schedulers'));
  }, config.maintenance.reconcileEveryMs);
  await relay.start();
  logger.info({ queues: store.where }, 'worker started');

  return {
    relay,
    opsPort: ops.port,
    async close() {
      clearInterval(reschedule);
      await ops.close();
      await relay.stop();
      await Promise.all(workers.map((w) => w.close()));
      transport.close();
      await queues.close();
      await db.destroy();
      await tracing.shutdown();
    },
  };
}
