import { createPostgresBackend, type BackendFactory, type ConnectionOptions, type Job, Queue, type QueueOptions, Worker, type WorkerOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import pg from 'pg';
import { withTimeout } from '@dondoc/domain';
import { createRedis } from './connection.ts';

/**
 * Where BullMQ keeps dondoc's queues and delayed jobs. Redis is the production
 * store. PostgreSQL (BullMQ's own backend, in the `bullmq` schema of the same
 * database) lets dondoc run with nothing but Node; it falls behind under bursts
 * of thousands of delayed jobs, so it is for trying dondoc out.
 */
export interface QueueStore {
  readonly kind: 'redis' | 'postgres';
  /** Where it is, with credentials hidden, for logs and the start banner. */
  readonly where: string;
  /** The store's Redis connection, for other short-lived shared state (failed sign-in counts); absent on PostgreSQL. */
  readonly redis?: Redis;
  /** The key prefix of the queues on Redis. */
  readonly prefix?: string;
  newQueue(name: string, opts: Omit<QueueOptions, 'connection' | 'prefix'>): Queue;
  newWorker(name: string, processor: (job: Job) => Promise<unknown>, opts: Omit<WorkerOptions, 'connection' | 'prefix'>): Worker;
  /** True when the store answers within a second (readiness). */
  ping(): Promise<boolean>;
  /** Resolves once the store answers (and, for PostgreSQL, its schema is in place), or rejects naming it. */
  ready(timeoutMs?: number): Promise<void>;
  /** Closes the connections the store opened itself. */
  close(): Promise<void>;
}

export type QueueStoreSpec = { kind: 'redis'; url: string; prefix: string } | { kind: 'postgres'; url: string };

export function createQueueStore(spec: QueueStoreSpec): QueueStore {
  if (spec.kind === 'postgres') return postgresQueueStore(spec.url);
  const producer = createRedis(spec.url, 'producer');
  producer.on('error', () => {}); // readiness and the queues' own error events report it
  return redisQueueStore({ producer, prefix: spec.prefix, owned: true, url: spec.url });
}

/**
 * A store on Redis. Queues use `producer`; workers share `consumer` (BullMQ opens
 * its blocking connections from it), created from the producer's options when
 * not given. `owned` stores disconnect their connections on close.
 */
export function redisQueueStore(opts: { producer: Redis; consumer?: Redis; prefix: string; owned?: boolean; url?: string }): QueueStore {
  let consumer = opts.consumer;
  // Workers wait through a Redis restart instead of failing (see createRedis).
  const consumerConnection = () => (consumer ??= opts.producer.duplicate({ maxRetriesPerRequest: null, enableOfflineQueue: true }));
  return {
    kind: 'redis',
    redis: opts.producer,
    prefix: opts.prefix,
    where: `Redis ${opts.url ? redact(opts.url) : `${opts.producer.options.host}:${opts.producer.options.port}`}`,
    newQueue: (name, q) => new Queue(name, { ...q, connection: opts.producer, prefix: opts.prefix }),
    newWorker: (name, processor, w) => new Worker(name, processor, { ...w, connection: consumerConnection(), prefix: opts.prefix }),
    ping: () =>
      withTimeout(opts.producer.ping(), 1000, 'Redis PING').then(
        (r) => r === 'PONG',
        () => false,
      ),
    async ready(timeoutMs = 10_000) {
      if (opts.producer.status === 'ready') return;
      await withTimeout(new Promise<void>((resolve) => opts.producer.once('ready', () => resolve())), timeoutMs).catch(() => {
        throw new Error(`Redis at ${opts.producer.options.host}:${opts.producer.options.port} is not reachable after ${timeoutMs} ms`);
      });
    },
    async close() {
      if (!opts.owned) return;
      opts.producer.disconnect();
      consumer?.disconnect();
    },
  };
}

/**
 * A store on PostgreSQL through BullMQ's backend. Each queue and worker gets a
 * small pool of its own (BullMQ owns them). Workers wake on BullMQ's NOTIFY and
 * also look every second when idle, so a lost notification costs a second.
 */
function postgresQueueStore(url: string): QueueStore {
  const connection = { connectionString: url, schema: 'bullmq', max: 4 } as ConnectionOptions;
  const factory = createPostgresBackend as unknown as BackendFactory;
  const probe = new pg.Pool({ connectionString: url, max: 1 });
  probe.on('error', () => {}); // ping reports it
  return {
    kind: 'postgres',
    where: `PostgreSQL ${redact(url)} (schema bullmq)`,
    // Typed as BullMQ's default (Redis) classes: dondoc uses only what every backend offers.
    newQueue: (name, q) => new Queue(name, { ...q, connection }, factory) as unknown as Queue,
    newWorker: (name, processor, w) => new Worker(name, processor, { drainDelay: 1, ...w, connection }, factory) as unknown as Worker,
    ping: () =>
      withTimeout(probe.query('SELECT 1'), 1000, 'PostgreSQL SELECT 1').then(
        () => true,
        () => false,
      ),
    async ready(timeoutMs = 10_000) {
      // The first connection creates BullMQ's schema (under its advisory lock, so several processes may race).
      const q = new Queue('dondoc-schema', { connection: { ...(connection as object), migrate: true } as ConnectionOptions }, factory);
      try {
        await withTimeout(q.waitUntilReady(), timeoutMs, 'BullMQ schema check');
      } catch (err) {
        throw new Error(`BullMQ's PostgreSQL backend at ${redact(url)} is not ready after ${timeoutMs} ms: ${(err as Error).message}`);
      } finally {
        await q.close().catch(() => {});
      }
    },
    async close() {
      await probe.end();
    },
  };
}

/** The URL without its password. */
export function redact(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}
