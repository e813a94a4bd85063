import { loadConfig } from '@dondoc/config';
import { createDb, migrateToLatest } from '@dondoc/db';
import { createLogger } from './logger.ts';
import { startWorker } from './worker.ts';

/** The worker process: migrate, start, and on SIGTERM finish in-flight jobs before exiting. */
const config = loadConfig();
const logger = createLogger(config.logLevel, 'dondoc-worker');
try {
  const db = createDb(config.databaseUrl, { max: 1 });
  await migrateToLatest(db).finally(() => db.destroy());
  const worker = await startWorker(config, logger);
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      logger.info({ signal }, 'stopping');
      worker.close().then(
        () => process.exit(0),
        (err) => {
          logger.error({ err }, 'unclean stop');
          process.exit(1);
        },
      );
    });
  }
} catch (err) {
  logger.fatal({ err }, 'worker failed to start');
  process.exit(1);
}
