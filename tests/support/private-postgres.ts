import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '@dondoc/embedded';

const run = promisify(execFile);

/**
 * A PostgreSQL cluster of the test's own (initdb on a free port, trust auth,
 * its socket in its own directory), so a test can restart it, crash it or
 * kill its connections without touching anyone else's database. As root the
 * server runs as the `postgres` user, which initdb requires.
 */
export interface PrivatePostgres {
  port: number;
  url(database: string): string;
  /** pg_ctl restart in the given mode, waiting until it accepts connections again. */
  restart(mode: 'fast' | 'immediate'): Promise<void>;
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
  start(): Promise<void>;
  /** Ends every connection to the database but the caller's own (pg_terminate_backend). */
  terminateAll(database: string): Promise<number>;
  close(): Promise<void>;
}

function binDir(): string {
  const base = '/usr/lib/postgresql';
  const versions = existsSync(base) ? readdirSync(base).sort((a, b) => Number(b) - Number(a)) : [];
  for (const v of versions) if (existsSync(join(base, v, 'bin', 'initdb'))) return join(base, v, 'bin');
  throw new Error('initdb not found under /usr/lib/postgresql: install the postgresql server package');
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const bin = binDir();
  const dir = await mkdtemp(join(tmpdir(), 'dondoc-pg-'));
  const data = join(dir, 'data');
  const root = process.getuid?.() === 0;
  if (root) await chown(dir, ...(await postgresIds()));
  const as = (cmd: string, args: string[]) => (root ? run('runuser', ['-u', 'postgres', '--', join(bin, cmd), ...args]) : run(join(bin, cmd), args));
  await as('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale', 'C.UTF-8']);
  const port = await freePort();
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
  const ctl = (...args: string[]) => as('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-w', '-t', '60', ...args]);
  await ctl('-o', options, 'start');
  const url = (database: string) => `postgres://postgres@127.0.0.1:${port}/${database}`;
  const psql = (database: string, query: string) => run('psql', ['-X', '-qAt', '-d', url(database), '-c', query]);
  return {
    port,
    url,
    async restart(mode) {
      await ctl('-m', mode, '-o', options, 'restart');
    },
    async stop(mode = 'fast') {
      await ctl('-m', mode, 'stop');
    },
    async start() {
      await ctl('-o', options, 'start');
    },
    async terminateAll(database) {
      const { stdout } = await psql(
        'postgres',
        `SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = '${database}' AND pid <> pg_backend_pid()`,
      );
      return Number(stdout.trim());
    },
    async close() {
      await ctl('-m', 'immediate', 'stop').catch(() => {});
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function postgresIds(): Promise<[number, number]> {
  const { stdout } = await run('id', ['-u', 'postgres']);
  const { stdout: g } = await run('id', ['-g', 'postgres']);
  return [Number(stdout.trim()), Number(g.trim())];
}
