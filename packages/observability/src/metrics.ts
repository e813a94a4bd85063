import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Job, Worker } from 'bullmq';
import { assignmentCountsByState, failedNotificationCount, openOverdueAssignmentCount, outboxLagSeconds, type Db } from '@dondoc/db';
import { queueNames, type QueueSet } from '@dondoc/queue';

/**
 * Prometheus metrics, one registry per process. The API and the worker each
 * expose theirs at /metrics; names start with `dondoc_`.
 */
export function createRegistry(service: string): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry, prefix: 'dondoc_process_' });
  return registry;
}

const jobStates = ['waiting', 'delayed', 'active', 'completed', 'failed', 'prioritized', 'waiting-children'] as const;

/** Jobs per queue and state, read from Redis when scraped. */
export function registerQueueDepth(registry: Registry, queues: QueueSet): void {
  new Gauge({
    name: 'dondoc_queue_jobs',
    help: 'Jobs in each dondoc queue, by state',
    labelNames: ['queue', 'state'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const name of queueNames) {
        const counts = await queues[name].getJobCounts(...jobStates);
        for (const state of jobStates) this.set({ queue: name, state }, counts[state] ?? 0);
      }
    },
  });
}

/** What PostgreSQL knows: outbox lag, assignments by state, overdue ones, dead-lettered mail. */
export function registerDomainGauges(registry: Registry, db: Db): void {
  new Gauge({
    name: 'dondoc_outbox_lag_seconds',
    help: 'Age of the oldest outbox row not yet published (0 when none)',
    registers: [registry],
    async collect() {
      this.set(await outboxLagSeconds(db));
    },
  });
  new Gauge({
    name: 'dondoc_assignments',
    help: 'Assignments by state',
    labelNames: ['state'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const r of await assignmentCountsByState(db)) this.set({ state: r.state }, r.n);
    },
  });
  new Gauge({
    name: 'dondoc_assignments_overdue',
    help: 'Open assignments past their deadline without an approved report',
    registers: [registry],
    async collect() {
      this.set(await openOverdueAssignmentCount(db));
    },
  });
  new Gauge({
    name: 'dondoc_notifications_failed',
    help: 'Notifications dead-lettered (refused for good or out of attempts), waiting for an operator to retry them',
    registers: [registry],
    async collect() {
      this.set(await failedNotificationCount(db));
    },
  });
}

export interface WorkerMetrics {
  /** Follows a BullMQ worker: job durations and failures by queue; timer lateness and mails for those queues. */
  observe(worker: Worker): void;
}

export function registerWorkerMetrics(registry: Registry): WorkerMetrics {
  const duration = new Histogram({
    name: 'dondoc_job_duration_seconds',
    help: 'Time to process a job, by queue',
    labelNames: ['queue'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const failures = new Counter({ name: 'dondoc_job_failures_total', help: 'Job attempts that failed, by queue', labelNames: ['queue'], registers: [registry] });
  const lateness = new Histogram({
    name: 'dondoc_timer_lateness_seconds',
    help: 'How late a timer job starts after the moment it was due',
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 15, 60],
    registers: [registry],
  });
  const mails = new Counter({
    name: 'dondoc_mails_total',
    help: 'Mail sends, by outcome: sent, failed (an attempt), dead_lettered (the last attempt)',
    labelNames: ['outcome'],
    registers: [registry],
  });
  return {
    observe(worker) {
      const queue = worker.name;
      worker.on('active', (job: Job) => {
        if (queue === 'timers') lateness.observe(Math.max(0, Date.now() - (job.timestamp + (job.opts.delay ?? 0))) / 1000);
      });
      worker.on('completed', (job: Job, result: unknown) => {
        if (job.processedOn && job.finishedOn) duration.observe({ queue }, (job.finishedOn - job.processedOn) / 1000);
        if (queue === 'mail' && result === 'sent') mails.inc({ outcome: 'sent' });
      });
      worker.on('failed', (job: Job | undefined, err: Error) => {
        failures.inc({ queue });
        if (queue !== 'mail') return;
        mails.inc({ outcome: 'failed' });
        // The job's last failure: unrecoverable, or out of attempts. Its notification is dead-lettered.
        if (err.name === 'UnrecoverableError' || (job && job.attemptsMade >= (job.opts.attempts ?? 1))) mails.inc({ outcome: 'dead_lettered' });
      });
    },
  };
}
