import { spawn } from 'node:child_process';
import { accessSync, constants, mkdirSync, readFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { delimiter, join } from 'node:path';
import type { EmbeddedServer } from './postgres.ts';
import { freePort } from './free-port.ts';

/** The path of `name` on the PATH, or null. */
export function findOnPath(name: string, path = process.env.PATH ?? ''): string | null {
  for (const dir of path.split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return null;
}

/**
 * Runs a private redis-server on a free loopback port. It keeps nothing on disk:
 * PostgreSQL is the source of truth and the worker's reconciler puts back any
 * job a fresh Redis lacks. `hz 100` makes delayed jobs fire within ~10 ms;
 * `noeviction` keeps Redis from dropping jobs when memory is short.
 */
/** `port`: a given one (to start again where clients expect it); default a free one. */
export async function startRedisServer(opts: { binary: string; dir: string; port?: number }): Promise<EmbeddedServer> {
  mkdirSync(opts.dir, { recursive: true });
  const pidFile = join(opts.dir, 'redis.pid');
  stopLeftover(pidFile);
  const port = opts.port ?? (await freePort());
  const child = spawn(
    opts.binary,
    [
      '--bind',
      '127.0.0.1',
      '--port',
      String(port),
      '--save',
      '',
      '--appendonly',
      'no',
      '--hz',
      '100',
      '--maxmemory-policy',
      'noeviction',
      '--dir',
      opts.dir,
      '--logfile',
      join(opts.dir, 'redis.log'),
      '--pidfile',
      pidFile,
    ],
    // Its own process group, so Ctrl+C reaches dondoc, which stops Redis last.
    { stdio: 'ignore', detached: true },
  );
  child.on('error', () => {}); // not started, or gone: waitForPong and `exited` tell
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stopOnExit = () => child.kill('SIGKILL');
  process.once('exit', stopOnExit);
  try {
    await waitForPong(port, child);
  } catch (err) {
    child.kill('SIGKILL');
    throw err;
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    pid: child.pid!,
    async close() {
      process.off('exit', stopOnExit);
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      await exited;
    },
  };
}

async function waitForPong(port: number, child: ReturnType<typeof spawn>): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with code ${child.exitCode} (see its redis.log)`);
    if (await ping(port)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`redis-server did not answer on 127.0.0.1:${port} within 5 s`);
}

function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port }, () => socket.write('PING\r\n'));
    socket.setTimeout(500, () => socket.destroy());
    socket.once('data', (d) => {
      socket.destroy();
      resolve(d.toString().startsWith('+PONG'));
    });
    socket.once('error', () => resolve(false));
    socket.once('close', () => resolve(false));
  });
}

/** A private redis-server left running by a dondoc that was killed (SIGKILL) is stopped before a new one starts. */
function stopLeftover(pidFile: string): void {
  let pid: number;
  try {
    pid = Number(readFileSync(pidFile, 'utf8').trim());
    if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('redis-server')) return;
  } catch {
    return; // no pid file, or no such process (or no /proc: leave it)
  }
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // gone meanwhile
  }
}
