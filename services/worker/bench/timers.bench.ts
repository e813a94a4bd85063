/**
 * How well do dondoc's timers keep time, against bare BullMQ delayed jobs?
 *
 *   pnpm bench:timers [--n 100000] [--window 60] [--concurrency 50] [--store redis|postgres|embedded]
 *
 * Schedules N probe timers due at random moments within a window through
 * dondoc's path (timer rows and outbox rows in PostgreSQL, the outbox relay,
 * BullMQ delayed jobs, the timer worker settling each row), then N bare BullMQ
 * delayed jobs over the same window, and prints for each: scheduling
 * throughput, firing lateness p50 / p99 / max, duplicates and losses, and the
 * ratio. It uses a database and a queue prefix of its own and removes them.
 * Needs PostgreSQL and Redis as the tests do (BENCH_POSTGRES_URL, REDIS_URL).
 *
 * `--store` says where dondoc's queues live: Redis (production), BullMQ's
 * PostgreSQL backend in the bench database, or `embedded`: that backend on an
 * embedded PGlite, as `dondoc start` runs with only Node. Bare BullMQ always
 * runs on Redis, as the yardstick.
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { Queue, Worker } from 'bullmq';
import pg from 'pg';
import { sql } from 'kysely';
import { createDb, migrateToLatest, timerSettlements, type TimerKind, unpublishedOutboxCount, type TimerOutcome } from '@dondoc/db';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '@dondoc/embedded';
import { createQueueStore, createQueues, createRedis, jobIds, queueNames, type QueueStoreSpec } from '@dondoc/queue';
import { createLogger } from '@dondoc/observability';
import { OutboxRelay, createTimerWorker } from '@dondoc/worker';

const { values } = parseArgs({
  options: {
    n: { type: 'string', default: '100000' },
    window: { type: 'string', default: '60' },
    concurrency: { type: 'string', default: '50' },
    lead: { type: 'string', default: '20' },
    store: { type: 'string', default: 'redis' },
  },
});
const STORE = values.store as 'redis' | 'postgres' | 'embedded';
if (!['redis', 'postgres', 'embedded'].includes(STORE)) throw new Error(`--store must be redis, postgres or embedded, not ${STORE}`);
const N = Number(values.n);
const WINDOW_MS = Number(values.window) * 1000;
const LEAD_MS = Number(values.lead) * 1000; // time to schedule everything before the first one is due
const CONCURRENCY = Number(values.concurrency);
const postgresUrl = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

interface Figures {
  scheduledPerSecond: number;
  lateness: number[];
  duplicates: number;
  losses: number;
}

const pct = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : NaN);
const ms = (v: number) => `${v.toFixed(1)} ms`;

function dueTimes(start: number): number[] {
  return Array.from({ length: N }, () => start + LEAD_MS + Math.random() * WINDOW_MS);
}

async function waitUntil(t: number) {
  while (Date.now() < t) await new Promise((r) => setTimeout(r, Math.min(1000, t - Date.now())));
}

async function dondoc(dbUrl: string, spec: QueueStoreSpec): Promise<Figures> {
  const db = createDb(dbUrl, { max: 20 });
  const store = createQueueStore(spec);
  await store.ready();
  const queues = createQueues({ store, onError: () => {} });
  const logger = createLogger('silent', 'bench');
  const relay = new OutboxRelay(db, queues, { batchSize: 1000, pollMs: 20, listenUrl: dbUrl, logger });
  const fired = new Map<string, number>();
  const worker = createTimerWorker(db, store, logger, {
    concurrency: CONCURRENCY,
    onOutcome: (id: string, outcome: TimerOutcome) => {
      if (outcome === 'fired') fired.set(id, (fired.get(id) ?? 0) + 1);
    },
  });
  await relay.start();

  const start = Date.now();
  const due = dueTimes(start);
  const subject = '00000000-0000-4000-8000-000000000000';
  for (let i = 0; i < N; i += 1000) {
    // The rows scheduleTimer writes, a thousand per transaction. Fixture building: written here in bulk, not through a repository.
    await db.transaction().execute(async (tx) => {
      const timers = due.slice(i, i + 1000).map((t, k) => ({
        subject_type: 'assignment' as const,
        subject_id: subject,
        kind: 'probe' satisfies TimerKind,
        generation: 1,
        step: i + k,
        fire_at: new Date(t),
        settled_at: null,
      }));
      const rows = await tx.insertInto('timers').values(timers).returning(['id', 'fire_at']).execute();
      await tx
        .insertInto('outbox')
        .values(
          rows.map((r) => ({
            queue: 'timers',
            job_name: 'fire',
            job_id: jobIds.timer(r.id),
            payload: JSON.stringify({ timerId: r.id }),
            deliver_at: r.fire_at,
            request_id: null,
          })),
        )
        .execute();
      await sql`SELECT pg_notify('dondoc_outbox', '')`.execute(tx);
    });
  }
  // Scheduled means in Redis, ready to fire.
  while ((await unpublishedOutboxCount(db)) !== 0) await new Promise((r) => setTimeout(r, 20));
  const scheduledPerSecond = N / ((Date.now() - start) / 1000);
  if (Date.now() > start + LEAD_MS) console.warn(`  (scheduling took longer than the ${LEAD_MS / 1000} s lead: lateness includes it)`);

  await waitUntil(start + LEAD_MS + WINDOW_MS + 2000);
  const deadline = Date.now() + 120_000;
  while (fired.size < N && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
  const rows = await timerSettlements(db, 'probe' satisfies TimerKind);
  const lateness = rows
    .filter((r) => r.settled_at)
    .map((r) => r.settled_at!.getTime() - r.fire_at.getTime())
    .sort((a, b) => a - b);
  await worker.close();
  await relay.stop();
  for (const q of queueNames) await queues[q].obliterate({ force: true });
  await queues.close();
  await store.close();
  await db.destroy();
  return {
    scheduledPerSecond,
    lateness,
    duplicates: [...fired.values()].reduce((s, n) => s + (n - 1), 0),
    losses: rows.filter((r) => r.status !== 'fired').length,
  };
}

async function bareBullmq(prefix: string): Promise<Figures> {
  const connection = createRedis(redisUrl, 'worker');
  const workerConnection = connection.duplicate();
  const queue = new Queue('bare', { connection, prefix });
  const seen = new Map<string, number>();
  const lateness: number[] = [];
  const worker = new Worker(
    'bare',
    async (job) => {
      lateness.push(Date.now() - (job.data.dueAt as number));
      seen.set(job.id!, (seen.get(job.id!) ?? 0) + 1);
    },
    { connection: workerConnection, prefix, concurrency: CONCURRENCY },
  );
  const start = Date.now();
  const due = dueTimes(start);
  for (let i = 0; i < N; i += 1000) {
    const now = Date.now();
    await queue.addBulk(
      due
        .slice(i, i + 1000)
        .map((t, k) => ({ name: 'fire', data: { dueAt: t }, opts: { jobId: `bare-${i + k}`, delay: Math.max(0, t - now), removeOnComplete: true } })),
    );
  }
  const scheduledPerSecond = N / ((Date.now() - start) / 1000);
  await waitUntil(start + LEAD_MS + WINDOW_MS + 2000);
  const deadline = Date.now() + 120_000;
  while (seen.size < N && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
  await worker.close();
  await queue.obliterate({ force: true });
  await queue.close();
  connection.disconnect();
  workerConnection.disconnect();
  return {
    scheduledPerSecond,
    lateness: lateness.sort((a, b) => a - b),
    duplicates: [...seen.values()].reduce((s, n) => s + (n - 1), 0),
    losses: N - seen.size,
  };
}

/** The database dondoc's path runs on, migrated, and how to drop it. */
async function benchDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  if (STORE === 'embedded') {
    const dir = mkdtempSync(join(tmpdir(), 'dondoc-bench-'));
    const server = await startEmbeddedPostgres({ dataDir: dir });
    return {
      url: server.url,
      async drop() {
        await server.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const admin = new pg.Client({ connectionString: postgresUrl });
  await admin.connect();
  const name = `dondoc_bench_${randomBytes(4).toString('hex')}`;
  await admin.query(`CREATE DATABASE ${name}`);
  return {
    url: Object.assign(new URL(postgresUrl), { pathname: `/${name}` }).toString(),
    async drop() {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

const bench = await benchDatabase();
const redis = createRedis(redisUrl, 'worker'); // waits for Redis instead of failing at once
const hz = ((await redis.call('CONFIG', 'GET', 'hz')) as string[])[1];
try {
  const migrating = createDb(bench.url, { max: 1 });
  await migrateToLatest(migrating);
  await migrating.destroy();
  console.log(
    `timers bench: N=${N}, window ${WINDOW_MS / 1000} s after a ${LEAD_MS / 1000} s lead, worker concurrency ${CONCURRENCY}, ` +
      `dondoc's queues on ${STORE}, Redis hz ${hz}`,
  );
  const spec: QueueStoreSpec =
    STORE === 'redis' ? { kind: 'redis', url: redisUrl, prefix: `{dondoc-bench-${randomBytes(3).toString('hex')}}` } : { kind: 'postgres', url: bench.url };
  const ours = await dondoc(bench.url, spec);
  const bare = await bareBullmq(`{bare-bench-${randomBytes(3).toString('hex')}}`);
  const row = (label: string, f: Figures) =>
    `${label.padEnd(26)} ${f.scheduledPerSecond.toFixed(0).padStart(9)}/s  ` +
    `p50 ${ms(pct(f.lateness, 50)).padStart(10)}  p99 ${ms(pct(f.lateness, 99)).padStart(10)}  ` +
    `max ${ms(f.lateness.at(-1) ?? NaN).padStart(10)}  dup ${f.duplicates}  lost ${f.losses}`;
  console.log(`${''.padEnd(26)} ${'scheduling'.padStart(11)}  lateness`);
  console.log(row(`dondoc (outbox, ${STORE})`, ours));
  console.log(row('bare BullMQ (Redis)', bare));
  console.log(
    `ratio dondoc/bare: scheduling ${(ours.scheduledPerSecond / bare.scheduledPerSecond).toFixed(2)}×, ` +
      `p50 ${(pct(ours.lateness, 50) / pct(bare.lateness, 50)).toFixed(2)}×, p99 ${(pct(ours.lateness, 99) / pct(bare.lateness, 99)).toFixed(2)}×`,
  );
} finally {
  redis.disconnect();
  await bench.drop();
}
