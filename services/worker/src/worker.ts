import type { Config } from '@dondoc/config';
import { createDb } from '@dondoc/db';
import { createQueues, createRedis, waitReady } from '@dondoc/queue';
import type { Logger } from './logger.ts';
import { OutboxRelay } from './outbox-relay.ts';
import { createTimerWorker } from './timer.processor.ts';

export interface RunningWorker {
  relay: OutboxRelay;
  close(): Promise<void>;
}

/**
 * Starts the worker process's parts: the outbox relay and the timer worker.
 * `close` stops taking work, lets in-flight jobs finish, then closes connections.
 */
export async function startWorker(config: Config, logger: Logger): Promise<RunningWorker> {
  const db = createDb(config.databaseUrl);
  const producer = createRedis(config.redisUrl, 'producer');
  const consumer = createRedis(config.redisUrl, 'worker');
  // The relay publishes with fail-fast adds, so it must not start before Redis answers.
  await waitReady(producer);
  const queues = createQueues({ connection: producer, prefix: config.queuePrefix, failFast: true,
    onError: (err) => logger.warn({ err: err.message }, 'queue connection error'),
  });
  const relay = new OutboxRelay(db, queues, {
    batchSize: config.relay.batchSize,
    pollMs: config.relay.pollMs,
    listenUrl: config.databaseUrl,
    logger: logger.child({ part: 'outbox-relay' }),
  });
  const timers = createTimerWorker(db, consumer, config.queuePrefix, logger.child({ part: 'timers' }));
  timers.on('failed', (job, err) => logger.warn({ jobId: job?.id, err: err.message }, 'timer job failed'));
  await relay.start();
  logger.info({ queuePrefix: config.queuePrefix }, 'worker started');

  return {
    relay,
    async close() {
      await relay.stop();
      await timers.close();
      await queues.close();
      producer.disconnect();
      consumer.disconnect();
      await db.destroy();
    },
  };
}
