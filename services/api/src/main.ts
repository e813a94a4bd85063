import { loadConfig } from '@dondoc/config';
import { createDb, migrateToLatest } from '@dondoc/db';
import { createLogger, exitOnSignal } from '@dondoc/observability';
import { createQueueStore } from '@dondoc/queue';
import { startApiServer } from './server.ts';

/** The API process: migrate, listen, and on SIGTERM stop taking requests and finish those in flight. */
const config = loadConfig();
const logger = createLogger(config.logLevel, 'dondoc-api', { format: config.logFormat });
try {
  const db = createDb(config.databaseUrl, { max: 1 });
  await migrateToLatest(db).finally(() => db.destroy());
  const store = createQueueStore({ kind: 'redis', url: config.redisUrl, prefix: config.queuePrefix });
  const server = await startApiServer(config, logger, { store });
  exitOnSignal(logger, async () => {
    await server.close();
    await store.close();
  });
} catch (err) {
  logger.fatal({ err }, 'api failed to start');
  process.exit(1);
}
