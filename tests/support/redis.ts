import { spawn, type ChildProcess } from 'node:child_process';
import { Redis } from 'ioredis';
import { freePort } from '@dondoc/embedded';

/**
 * A Redis server of the test's own, for faults that would hurt other tests on
 * the shared one (FLUSHALL). Started from the `redis-server` the test command
 * made sure of, on a free loopback port, with `hz 100` as in production.
 */
export interface OwnRedis {
  url: string;
  stop(): Promise<void>;
  /** Start it again on the same port, empty. */
  restart(): Promise<void>;
}

function spawnRedis(port: number): ChildProcess {
  return spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--hz', '100', '--maxmemory-policy', 'noeviction'], { stdio: 'ignore' });
}

async function waitUp(url: string): Promise<boolean> {
  for (let i = 0; i < 100; i++) {
    const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, enableOfflineQueue: false, retryStrategy: () => null });
    probe.on('error', () => {});
    try {
      await probe.connect();
      if ((await probe.ping()) === 'PONG') {
        probe.disconnect();
        return true;
      }
    } catch {
      probe.disconnect();
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  return false;
}

export async function startOwnRedis(): Promise<OwnRedis> {
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  let child = spawnRedis(port);
  if (!(await waitUp(url))) {
    child.kill('SIGKILL');
    throw new Error('redis-server did not start');
  }
  const stop = async () => {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  };
  return {
    url,
    stop,
    async restart() {
      child = spawnRedis(port);
      if (!(await waitUp(url))) throw new Error('redis-server did not restart');
    },
  };
}
