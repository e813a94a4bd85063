import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '@dondoc/config';
import { createQueueStore, createRedis } from '@dondoc/queue';
import { holderOf } from './data-dir.ts';
import { chooseQueueStore, openDatabase } from './servers.ts';

const answers = (url: string) =>
  new Promise<boolean>((resolve) => {
    const { hostname, port } = new URL(url);
    const s = createConnection({ host: hostname, port: Number(port) }, () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });

describe('what start embeds', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'dondoc-servers-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('runs a private redis-server from the PATH, with hz 100 and noeviction, and stops it on close', async () => {
    const config = loadConfig({ DONDOC_DATA_DIR: join(dir, 'redis-case') });
    const choice = await chooseQueueStore(config, 'postgres://unused@127.0.0.1:1/none');
    try {
      expect(choice.spec.kind).toBe('redis');
      expect(choice.warning).toBeUndefined();
      const store = createQueueStore(choice.spec);
      await store.ready();
      expect(await store.ping()).toBe(true);
      await store.close();
      const redis = createRedis(choice.spec.url, 'worker');
      expect(await redis.config('GET', 'hz')).toEqual(['hz', '100']);
      expect(await redis.config('GET', 'maxmemory-policy')).toEqual(['maxmemory-policy', 'noeviction']);
      redis.disconnect();
    } finally {
      await choice.close();
    }
    expect(await answers(choice.spec.url)).toBe(false);
  });

  it("falls back to BullMQ's PostgreSQL backend, with a warning, when no redis-server is on the PATH", async () => {
    const config = loadConfig({ DONDOC_DATA_DIR: join(dir, 'pg-case') });
    const bin = join(dir, 'bin');
    mkdirSync(bin);
    symlinkSync(process.execPath, join(bin, 'node'));
    const choice = await chooseQueueStore(config, 'postgres://postgres@127.0.0.1:5432/dondoc', { path: bin });
    expect(choice.spec).toEqual({ kind: 'postgres', url: 'postgres://postgres@127.0.0.1:5432/dondoc' });
    expect(choice.warning).toContain('chỉ phù hợp để dùng thử');
    expect(choice.warning).toContain('REDIS_URL');
  });

  it('uses REDIS_URL when it is set, and starts nothing', async () => {
    const config = loadConfig({ DONDOC_DATA_DIR: join(dir, 'given'), REDIS_URL: 'redis://redis.example:6380' });
    const choice = await chooseQueueStore(config, 'postgres://unused@127.0.0.1:1/none');
    expect(choice.spec).toEqual({ kind: 'redis', url: 'redis://redis.example:6380', prefix: '{dondoc}' });
  });

  it('opens the embedded database once: a second start refuses, CLI commands share it', async () => {
    const config = loadConfig({ DONDOC_DATA_DIR: join(dir, 'db-case') });
    const first = await openDatabase(config, { shared: false });
    try {
      expect(first.embedded).toBe(true);
      await expect(openDatabase(config, { shared: false })).rejects.toThrow(/dondoc đang chạy rồi.*already running/s);
      const shared = await openDatabase(config, { shared: true });
      expect(shared).toMatchObject({ url: first.url, embedded: false });
      const client = new pg.Client({ connectionString: shared.url });
      await client.connect();
      expect((await client.query('SELECT 1 + 1 AS two')).rows[0].two).toBe(2);
      await client.end();
    } finally {
      await first.close();
    }
    expect(holderOf(config.dataDir)).toBeNull();
    expect(await answers(first.url)).toBe(false);
  }, 60_000);

  it('lets one of two processes claiming a data directory at the same instant have it', async () => {
    const dataDir = join(dir, 'race');
    const go = Date.now() + 2000;
    const script = `
      import { claim } from ${JSON.stringify(fileURLToPath(new URL('./data-dir.ts', import.meta.url)))};
      while (Date.now() < ${go});
      try {
        const c = claim(${JSON.stringify(dataDir)}, 'start');
        console.log('won');
        setTimeout(() => c.release(), 5000); // held well past the other's start, however slow
      } catch (err) {
        console.log(err.message.includes('already running') ? 'in use' : err.message);
      }`;
    const claimant = () =>
      new Promise<string>((resolve) => {
        const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
        let out = '';
        child.stdout.on('data', (b: Buffer) => (out += b));
        child.once('exit', () => resolve(out.trim()));
      });
    expect((await Promise.all([claimant(), claimant()])).sort()).toEqual(['in use', 'won']);
  });

  it('uses DATABASE_URL when it is set', async () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://dondoc@db.example:5432/dondoc' });
    expect(await openDatabase(config, { shared: false })).toMatchObject({ url: 'postgres://dondoc@db.example:5432/dondoc', embedded: false });
  });
});
