import type { FastifyInstance } from 'fastify';
import type { Config } from '@dondoc/config';
import { createDb } from '@dondoc/db';
import { createRegistry, startTracing } from '@dondoc/observability';
import { createQueues, type QueueStore } from '@dondoc/queue';
import type { Logger } from 'pino';
import { buildApp } from './app.ts';
import type { Mailbox } from './deps.ts';

/** The API as a process runs it: its own connections, registry and queues, and a close that lets requests finish first. */
/** The queue store is the caller's: it opens it before and closes it after. */
export async function startApiServer(
  config: Config,
  logger: Logger,
  opts: { store: QueueStore; mailbox?: Mailbox },
): Promise<{ app: FastifyInstance; close(): Promise<void> }> {
  // A lost connection is reported by readiness and answered 503; it must not end the process.
  const db = createDb(config.databaseUrl, { onConnectionError: (err) => logger.warn({ err: err.message }, 'PostgreSQL connection lost') });
  const tracing = startTracing('dondoc-api', config.tracingEndpoint);
  // Connection errors are not logged per request: readiness reports them.
  const queues = createQueues({ store: opts.store, onError: () => {}, telemetry: tracing.bullmq });
  const app = await buildApp({
    db,
    queues,
    registry: createRegistry('api'),
    logger,
    basePath: new URL(config.publicUrl).pathname.replace(/\/$/, ''),
    secureCookies: config.publicUrl.startsWith('https:'),
    rateLimit: config.api.rateLimit,
    publicOrigin: new URL(config.publicUrl).origin,
    ...(config.metricsToken && { metricsToken: config.metricsToken }),
    ...(opts.mailbox && { mailbox: opts.mailbox }),
  });
  await app.listen({ host: config.api.host, port: config.api.port });
  return {
    app,
    async close() {
      await app.close();
      await queues.close();
      await db.destroy();
      await tracing.shutdown();
    },
  };
}
