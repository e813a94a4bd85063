import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
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

  it('falls back to BullMQ\'s PostgreSQL backend, with a warning, when no redis-server is on the PATH', async () => {
    const config = loadConfig({ DONDOC_DATA_DIR: join(dir, 'pg-case') });
    const choice = await chooseQueueStore(config, 'postgres://postgres@127.0.0.1:5432/dondoc', { path: dirname(process.execPath) });
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
    // Two starting at once: one wins the directory, the other is told it is in use.
    const both = await Promise.allSettled([openDatabase(config, { shared: false }), openDatabase(config, { shared: false })]);
    expect(both.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect((both.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason.message).toMatch(/dondoc đang chạy rồi.*already running/s);
    const first = (both.find((r) => r.status === 'fulfilled') as PromiseFulfilledResult<Awaited<ReturnType<typeof openDatabase>>>).value;
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

  it('uses DATABASE_URL when it is set', async () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://dondoc@db.example:5432/dondoc' });
    expect(await openDatabase(config, { shared: false })).toMatchObject({ url: 'postgres://dondoc@db.example:5432/dondoc', embedded: false });
  });
});
