import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import type { Redis } from 'ioredis';
import { createDb, seedDemo, type Db } from '@dondoc/db';
import { createQueues, createRedis, queueNames, redisQueueStore, type QueueSet } from '@dondoc/queue';
import { createLogger } from '@dondoc/observability';
import { databaseUrl, testEnv } from './env.ts';

export interface TestContext {
  db: Db;
  databaseUrl: string;
  redis: Redis;
  /** A queue prefix of this context alone, so tests never see each other's jobs. */
  prefix: string;
  queues: QueueSet;
  logger: ReturnType<typeof createLogger>;
  /** The demo province and directive. */
  seed(): Promise<{ directiveId: string }>;
  /** The demo province only. */
  seedUnits(): Promise<void>;
  /** Every job in every dondoc queue, in any state. */
  allJobIds(): Promise<string[]>;
  close(): Promise<void>;
}

/** A fresh database cloned from the migrated template, and a private queue prefix. */
export async function createTestContext(opts: { poolSize?: number } = {}): Promise<TestContext> {
  const template = inject('templateDatabase');
  const name = `dondoc_t_${template.slice('dondoc_tpl_'.length)}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: testEnv.postgresUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  await admin.end();

  const url = databaseUrl(name);
  const db = createDb(url, { max: opts.poolSize ?? 10 });
  const redis = createRedis(testEnv.redisUrl, 'worker');
  const prefix = `{dondoc-test-${randomBytes(4).toString('hex')}}`;
  const queues = createQueues({ store: redisQueueStore({ producer: redis, prefix }) });

  return {
    db,
    databaseUrl: url,
    redis,
    prefix,
    queues,
    logger: createLogger(process.env.TEST_LOG_LEVEL ?? 'silent', 'test'),
    seed: async () => ({ directiveId: (await seedDemo(db, { plan: false })).directiveId! }),
    seedUnits: async () => {
      await seedDemo(db, { directive: false });
    },
    async allJobIds() {
      const ids: string[] = [];
      for (const q of queueNames) {
        const jobs = await queues[q].getJobs(['wait', 'delayed', 'active', 'completed', 'failed', 'prioritized', 'waiting-children']);
        ids.push(...jobs.map((j) => j.id!));
      }
      return ids;
    },
    async close() {
      for (const q of queueNames) await queues[q].obliterate({ force: true });
      await queues.close();
      redis.disconnect();
      await db.destroy();
      await dropDatabase(name);
    },
  };
}

/**
 * Drops a test database once its pool's connections have gone. pg's pool
 * resolves `end()` before the last sockets close; forcing the drop at once would
 * kill them mid-goodbye and surface as an unhandled error, so wait a little first.
 */
async function dropDatabase(name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: testEnv.postgresUrl });
  await admin.connect();
  try {
    for (let i = 0; i < 40; i++) {
      const { rows } = await admin.query('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [name]);
      if (rows[0].n === 0) break;
      await new Promise((r) => setTimeout(r, 25));
    }
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}
