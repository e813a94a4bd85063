import type { DefaultJobOptions, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { sql } from 'kysely';
import { startMailCatcher, createMailTransport, type CaughtMail, type CaughtMailStore, type MailCatcher } from '@dondoc/mail';
import { createQueues, createRedis, redisQueueStore, type QueueSet } from '@dondoc/queue';
import { OutboxRelay, createMailWorker, createTimerWorker } from '@dondoc/worker';
import { syncCalendarDays } from '@dondoc/db';
import type { TestContext } from './context.ts';

/**
 * The delivery side of dondoc, in-process, against the test's database, a
 * Redis and a real SMTP server: the outbox relay, the timer worker and the
 * mail worker. Retries back off in hundreds of milliseconds instead of seconds.
 */
export interface FollowUp {
  catcher: MailCatcher;
  queues: QueueSet;
  redis: Redis;
  relay: OutboxRelay;
  /** Mails received so far, optionally only those to one address, in order of arrival. */
  mails(to?: string): CaughtMail[];
  stop(): Promise<void>;
}

export async function startFollowUp(
  t: TestContext,
  opts: { redisUrl?: string; mailWorker?: boolean; jobOptions?: DefaultJobOptions; acceptDelayMs?: number; catcherStore?: CaughtMailStore } = {},
): Promise<FollowUp> {
  const catcher = await startMailCatcher({ acceptDelayMs: opts.acceptDelayMs, ...(opts.catcherStore && { store: opts.catcherStore }) });
  const redisUrl = opts.redisUrl ?? 'redis://127.0.0.1:6379';
  const producer = createRedis(redisUrl, 'producer');
  const consumer = createRedis(redisUrl, 'worker');
  const store = redisQueueStore({ producer, consumer, prefix: t.prefix });
  const queues = createQueues({ store, failFast: false, jobOptions: { backoff: { type: 'exponential', delay: 200 }, ...opts.jobOptions }, onError: () => {} });
  const relay = new OutboxRelay(t.db, queues, { batchSize: 200, pollMs: 50, listenUrl: t.databaseUrl, logger: t.logger });
  const transport = createMailTransport({ host: '127.0.0.1', port: catcher.port, secure: false });
  const workers: Worker[] = [createTimerWorker(t.db, store, t.logger)];
  if (opts.mailWorker !== false) {
    workers.push(createMailWorker(t.db, transport, { from: 'dondoc <dondoc@hoa-an.example>', publicUrl: 'https://dondoc.hoa-an.example' }, store, t.logger));
  }
  await relay.start();
  return {
    catcher,
    queues,
    redis: producer,
    relay,
    mails: (to) => catcher.messages.filter((m) => !to || m.envelopeTo.includes(to)),
    async stop() {
      await relay.stop();
      await Promise.all(workers.map((w) => w.close()));
      transport.close();
      await queues.close();
      producer.disconnect();
      consumer.disconnect();
      await catcher.close();
    },
  };
}

/** Every moment is working time, so policies can count in seconds. */
export async function alwaysWorking(t: TestContext): Promise<void> {
  await t.db
    .updateTable('calendar_settings')
    .set({ weekend: [], working_hours: JSON.stringify([['00:00', '24:00']]), updated_at: sql<Date>`now()` })
    .execute();
  // Written past the calendar commands, so the day-by-day table SQL counts with is brought in line here.
  await syncCalendarDays(t.db);
}

/** Seconds as the fractional hours policies take. */
export const seconds = (s: number) => s / 3600;
