import { loadConfig } from '@dondoc/config';
import { createDb, migrateToLatest } from '@dondoc/db';
import { createLogger, exitOnSignal } from '@dondoc/observability';
import { startWorker } from './worker.ts';
import { createQueueStore } from '@dondoc/queue';

/** The worker process: migrate, start, and on SIGTERM finish in-flight jobs before exiting. */
const config = loadConfig();
const logger = createLogger(config.logLevel, 'dondoc-worker', { format: config.logFormat });
try {
  const db = createDb(config.databaseUrl, { max: 1 });
  await migrateToLatest(db).finally(() => db.destroy());
  if (!config.smtp) throw new Error('SMTP_HOST is not set: the worker process needs a mail server (`dondoc start` runs an embedded one)');
  const store = createQueueStore({ kind: 'redis', url: config.redisUrl, prefix: config.queuePrefix });
  const worker = await startWorker(config, logger, { smtp: config.smtp, store });
  exitOnSignal(logger, async () => {
    await worker.close();
    await store.close();
  });
} catch (err) {
  logger.fatal({ err }, 'worker failed to start');
  process.exit(1);
}
