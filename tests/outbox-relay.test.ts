import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createQueues, createRedis, redisQueueStore } from '@dondoc/queue';
import { OutboxRelay } from '@dondoc/worker';
import { createTestContext, type TestContext } from './support/context.ts';

describe('outbox relay', () => {
  let t: TestContext;
  let rows: number;

  beforeAll(async () => {
    t = await createTestContext();
    await t.seed();
    ({ n: rows } = await t.db
      .selectFrom('outbox')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow());
    rows = Number(rows);
  });
  afterAll(() => t?.close());

  const relay = (opts: Partial<ConstructorParameters<typeof OutboxRelay>[2]> = {}) =>
    new OutboxRelay(t.db, t.queues, { batchSize: 25, pollMs: 1000, logger: t.logger, ...opts });
  const unpublished = async () =>
    Number(
      (
        await t.db
          .selectFrom('outbox')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('published_at', 'is', null)
          .executeTakeFirstOrThrow()
      ).n,
    );

  it("creates no duplicate job when killed between publishing and marking, and waits out the dead relay's lease", async () => {
    const killed = relay({
      afterPublish: async () => {
        throw new Error('relay killed');
      },
    });
    await expect(killed.runOnce()).rejects.toThrow('relay killed');
    expect(await unpublished()).toBe(rows); // nothing was marked
    const afterCrash = await t.allJobIds();
    expect(afterCrash).toHaveLength(25); // but the first batch reached Redis

    // Another relay publishes everything else, and leaves the dead relay's claimed rows until the lease ends.
    const healthy = relay();
    while ((await healthy.runOnce()).published > 0);
    expect(await unpublished()).toBe(25);
    await t.db.updateTable('outbox').set({ claimed_until: sql<Date>`now()` }).where('published_at', 'is', null).execute(); // the lease runs out
    expect(await healthy.runOnce()).toEqual({ published: 25, failed: 0 });
    expect(await unpublished()).toBe(0);
    const ids = await t.allJobIds();
    expect(ids).toHaveLength(rows);
    expect(new Set(ids).size).toBe(rows);
  });

  it('adds nothing when run again over rows already published', async () => {
    await t.db.updateTable('outbox').set({ published_at: null }).execute();
    const again = relay();
    while ((await again.runOnce()).published > 0);
    expect(await unpublished()).toBe(0);
    expect(await t.allJobIds()).toHaveLength(rows);
  });

  it('keeps a row that fails to publish and publishes it on a later pass', async () => {
    const { id } = await t.db
      .insertInto('outbox')
      .values({ queue: 'mail', job_name: 'send', payload: JSON.stringify({ notificationId: '999001' }) })
      .returning('id')
      .executeTakeFirstOrThrow();

    // Redis unreachable: nothing listens on port 1.
    const deadRedis = createRedis('redis://127.0.0.1:1', 'producer');
    deadRedis.on('error', () => {});
    const deadQueues = createQueues({ store: redisQueueStore({ producer: deadRedis, prefix: t.prefix }), failFast: true, onError: () => {} });
    const broken = new OutboxRelay(t.db, deadQueues, { batchSize: 10, pollMs: 1000, logger: t.logger });
    expect(await broken.runOnce()).toEqual({ published: 0, failed: 1 });
    await deadQueues.close().catch(() => {});
    deadRedis.disconnect();

    const failed = await t.db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(failed).toMatchObject({ published_at: null, attempts: 1 });
    expect(failed.last_error).toBeTruthy();
    expect(failed.next_attempt_at!.getTime()).toBeGreaterThan(Date.now() - 1000);

    // Not before its backoff ends...
    expect(await relay().runOnce()).toEqual({ published: 0, failed: 0 });
    // ...and then it goes through.
    await t.db.updateTable('outbox').set({ next_attempt_at: sql<Date>`now()` }).where('id', '=', id).execute();
    expect(await relay().runOnce()).toEqual({ published: 1, failed: 0 });
    expect(await t.queues.mail.getJob(`outbox-${id}`)).toBeTruthy();
  });

  it('wakes on commit through LISTEN/NOTIFY without waiting for the poll', async () => {
    const live = relay({ listenUrl: t.databaseUrl, pollMs: 60_000 });
    await live.start();
    try {
      await t.db.transaction().execute(async (tx) => {
        await tx
          .insertInto('outbox')
          .values({ queue: 'mail', job_name: 'send', payload: JSON.stringify({ notificationId: '999002' }) })
          .execute();
        await sql`SELECT pg_notify('dondoc_outbox', '')`.execute(tx);
      });
      await expect.poll(unpublished, { timeout: 5000, interval: 20 }).toBe(0);
    } finally {
      await live.stop();
    }
  });
});
