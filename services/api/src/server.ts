import type { FastifyInstance } from 'fastify';
import type { Config } from '@dondoc/config';
import { createDb } from '@dondoc/db';
import { createRegistry, startTracing } from '@dondoc/observability';
import { createQueues, createRedis } from '@dondoc/queue';
import type { Logger } from 'pino';
import { buildApp } from './app.ts';
import type { Mailbox } from './deps.ts';

/** The API as a process runs it: its own connections, registry and queues, and a close that lets requests finish first. */
export async function startApiServer(config: Config, logger: Logger, opts: { mailbox?: Mailbox } = {}): Promise<{ app: FastifyInstance; close(): Promise<void> }> {
  const db = createDb(config.databaseUrl);
  const redis = createRedis(config.redisUrl, 'producer');
  redis.on('error', () => {}); // readiness reports it
  const tracing = startTracing('dondoc-api', config.tracingEndpoint);
  const queues = createQueues({ connection: redis, prefix: config.queuePrefix, onError: () => {}, telemetry: tracing.bullmq });
  const app = await buildApp({
    db,
    queues,
    redis,
    registry: createRegistry('api'),
    logger,
    basePath: new URL(config.publicUrl).pathname.replace(/\/$/, ''),
    secureCookies: config.publicUrl.startsWith('https:'),
    rateLimit: config.api.rateLimit,
    ...(opts.mailbox && { mailbox: opts.mailbox }),
  });
  await app.listen({ host: config.api.host, port: config.api.port });
  return {
    app,
    async close() {
      await app.close();
      await queues.close();
      redis.disconnect();
      await db.destroy();
      await tracing.shutdown();
    },
  };
}
