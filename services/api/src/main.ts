import { loadConfig } from '@dondoc/config';
import { createDb, migrateToLatest } from '@dondoc/db';
import { createLogger, exitOnSignal } from '@dondoc/worker';
import { buildApp } from './app.ts';

/** The API process: migrate, listen, and on SIGTERM stop taking requests and finish those in flight. */
const config = loadConfig();
const logger = createLogger(config.logLevel, 'dondoc-api');
try {
  const db = createDb(config.databaseUrl);
  await migrateToLatest(db);
  const app = await buildApp({ db, logger, rateLimit: config.api.rateLimit });
  await app.listen({ host: config.api.host, port: config.api.port });
  exitOnSignal(logger, async () => {
    await app.close();
    await db.destroy();
  });
} catch (err) {
  logger.fatal({ err }, 'api failed to start');
  process.exit(1);
}
