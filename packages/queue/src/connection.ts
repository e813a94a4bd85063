import { Redis } from 'ioredis';

/**
 * A Redis connection for BullMQ. Workers need `maxRetriesPerRequest: null` so a
 * blocking command waits through a Redis restart instead of failing the worker.
 */
export function createRedis(url: string, purpose: 'worker' | 'producer' = 'producer'): Redis {
  return new Redis(url, {
    maxRetriesPerRequest: purpose === 'worker' ? null : 3,
    enableOfflineQueue: purpose === 'worker',
    lazyConnect: false,
  });
}

/** Resolves once the connection is ready, or rejects after `timeoutMs` naming the server it could not reach. */
export async function waitReady(redis: Redis, timeoutMs = 10_000): Promise<void> {
  if (redis.status === 'ready') return;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      redis.off('ready', onReady);
      reject(new Error(`Redis at ${redis.options.host}:${redis.options.port} is not reachable after ${timeoutMs} ms`));
    }, timeoutMs);
    const onReady = () => {
      clearTimeout(timer);
      resolve();
    };
    redis.once('ready', onReady);
  });
}
