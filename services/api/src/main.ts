import { loadConfig } from '@dondoc/config';
import { createDb, migrateToLatest } from '@dondoc/db';
import { weekendCalendar } from '@dondoc/domain';
import { createLogger } from '@dondoc/worker';
import { buildApp } from './app.ts';

/** The API process: migrate, listen, and on SIGTERM stop taking requests and finish those in flight. */
const config = loadConfig();
const logger = createLogger(config.logLevel, 'dondoc-api');
try {
  const db = createDb(config.databaseUrl);
  await migrateToLatest(db);
  const app = await buildApp({ db, calendar: weekendCalendar(), logger, rateLimit: config.api.rateLimit });
  await app.listen({ host: config.api.host, port: config.api.port });
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      logger.info({ signal }, 'stopping');
      app
        .close()
        .then(() => db.destroy())
        .then(
          () => process.exit(0),
          (err) => {
            logger.error({ err }, 'unclean stop');
            process.exit(1);
          },
        );
    });
  }
} catch (err) {
  logger.fatal({ err }, 'api failed to start');
  process.exit(1);
}
