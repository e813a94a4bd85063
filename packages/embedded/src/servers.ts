import { join } from 'node:path';
import type { Config } from '@dondoc/config';
import { redact, type QueueStoreSpec } from '@dondoc/queue';
import { claim, DataDirInUse, holderOf } from './data-dir.ts';
import { startEmbeddedPostgres, type EmbeddedServer } from './postgres.ts';
import { findOnPath, startRedisServer } from './redis.ts';

export interface Database {
  url: string;
  /** True when this process runs the embedded database (and `close` stops it). */
  embedded: boolean;
  close(): Promise<void>;
}

/**
 * The database dondoc uses: DATABASE_URL when set; otherwise the embedded one in
 * the data directory. `shared` callers (CLI commands) use a running start's
 * embedded database; `start` refuses when another process has it.
 */
export async function openDatabase(config: Config, opts: { shared: boolean }): Promise<Database> {
  if (config.given.databaseUrl) return { url: config.databaseUrl, embedded: false, close: async () => {} };
  if (opts.shared) {
    const url = await startedDatabase(config.dataDir);
    if (url) return { url, embedded: false, close: async () => {} };
  }
  const claimed = claim(config.dataDir, opts.shared ? 'cli' : 'start');
  let server: EmbeddedServer;
  try {
    server = await startEmbeddedPostgres({ dataDir: join(config.dataDir, 'pglite') });
  } catch (err) {
    claimed.release();
    throw err;
  }
  claimed.record(server.url, server.pid);
  return {
    url: server.url,
    embedded: true,
    async close() {
      await server.close(); // before the claim goes: nobody else may open the directory while PGlite still has it
      claimed.release();
    },
  };
}

/**
 * The URL of the embedded database a running `start` serves, waiting while it
 * starts; null when nobody holds the directory. A CLI command holding it is
 * waited out (it is brief), so that this one does not lose its database halfway.
 */
async function startedDatabase(dataDir: string): Promise<string | null> {
  for (let waited = 0; ; waited += 100) {
    const holder = holderOf(dataDir);
    if (!holder) return null;
    if (holder.kind === 'start' && holder.databaseUrl) return holder.databaseUrl;
    if (waited > 60_000) throw new DataDirInUse(dataDir, holder.pid);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export interface QueueChoice {
  spec: QueueStoreSpec;
  /** Why this store, for the start banner (Vietnamese / English). */
  note: string;
  /** Set when the choice is only good for trying dondoc out. */
  warning?: string;
  close(): Promise<void>;
}

/**
 * Where the queues live: REDIS_URL when set; else a private redis-server when one
 * is on the PATH; else BullMQ's PostgreSQL backend on dondoc's own database.
 */
export async function chooseQueueStore(config: Config, databaseUrl: string, opts: { path?: string } = {}): Promise<QueueChoice> {
  if (config.given.redisUrl) {
    return {
      spec: { kind: 'redis', url: config.redisUrl, prefix: config.queuePrefix },
      note: `Redis ${redact(config.redisUrl)} (REDIS_URL)`,
      close: async () => {},
    };
  }
  const binary = findOnPath('redis-server', opts.path);
  if (binary) {
    const redis = await startRedisServer({ binary, dir: join(config.dataDir, 'redis') });
    return {
      spec: { kind: 'redis', url: redis.url, prefix: config.queuePrefix },
      note: `Redis ${redis.url} (${binary}, riêng cho lần chạy này / private to this run)`,
      close: () => redis.close(),
    };
  }
  return {
    spec: { kind: 'postgres', url: databaseUrl },
    note: `PostgreSQL (bộ máy hàng đợi PostgreSQL của BullMQ / BullMQ's PostgreSQL backend, schema bullmq)`,
    warning: [
      'Không có Redis: hàng đợi chạy trên PostgreSQL, chỉ phù hợp để dùng thử — khi có hàng nghìn việc hẹn giờ cùng lúc, nó chậm lại và có thể bị deadlock.',
      '  Để dùng Redis: cài redis-server (Debian/Ubuntu: sudo apt-get install redis-server) rồi chạy lại, hoặc đặt REDIS_URL=redis://máy-chủ:6379.',
      'No Redis: the queues run on PostgreSQL, which is for trying dondoc out only — it falls behind and can deadlock under bursts of thousands of delayed jobs.',
      '  To use Redis: install redis-server (Debian/Ubuntu: sudo apt-get install redis-server) and start again, or set REDIS_URL=redis://host:6379.',
    ].join('\n'),
    close: async () => {},
  };
}
