import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findOnPath, freePort, startRedisServer } from '@dondoc/embedded';

/**
 * A Redis server of the test's own, for faults that would hurt other tests on
 * the shared one (FLUSHALL). Started from the `redis-server` the test command
 * made sure of, on a free loopback port, with `hz 100` as in production, the
 * way `dondoc start` runs its private one.
 */
export interface OwnRedis {
  url: string;
  stop(): Promise<void>;
  /** Start it again on the same port, empty. */
  restart(): Promise<void>;
}

export async function startOwnRedis(): Promise<OwnRedis> {
  const binary = findOnPath('redis-server');
  if (!binary) throw new Error('redis-server is not on the PATH (infra/local-stack.sh installs it)');
  const dir = mkdtempSync(join(tmpdir(), 'dondoc-own-redis-'));
  const port = await freePort();
  let server = await startRedisServer({ binary, dir, port });
  return {
    url: server.url,
    stop: () => server.close(),
    async restart() {
      server = await startRedisServer({ binary, dir, port });
    },
  };
}
