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
