import { loadConfig } from '@dondoc/config';
import { createDb, migrateToLatest } from '@dondoc/db';
import { createLogger, exitOnSignal } from '@dondoc/worker';
import { startApiServer } from './server.ts';

/** The API process: migrate, listen, and on SIGTERM stop taking requests and finish those in flight. */
const config = loadConfig();
const logger = createLogger(config.logLevel, 'dondoc-api');
try {
  const db = createDb(config.databaseUrl, { max: 1 });
  await migrateToLatest(db).finally(() => db.destroy());
  const server = await startApiServer(config, logger);
  exitOnSignal(logger, () => server.close());
} catch (err) {
  logger.fatal({ err }, 'api failed to start');
  process.exit(1);
}
