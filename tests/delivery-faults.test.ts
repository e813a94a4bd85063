import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { reconcile } from '@dondoc/worker';
import { retryFailedNotifications } from '@dondoc/db';
import { createTestContext, type TestContext } from './support/context.ts';
import { alwaysWorking, seconds, startFollowUp, type FollowUp } from './support/follow-up.ts';
import { issueWithDeadline } from './support/directives.ts';
import { startOwnRedis, type OwnRedis } from './support/redis.ts';
import { testEnv } from './support/env.ts';

/** Faults lose nothing: PostgreSQL holds every timer and every message until it is done. */
describe('delivery under faults', () => {
  let t: TestContext | undefined;
  let f: FollowUp | undefined;
  let redis: OwnRedis | undefined;
  let child: ChildProcess | undefined;

  afterEach(async () => {
    child?.kill('SIGKILL');
    await f?.stop();
    await redis?.stop();
    await t?.close();
    [t, f, redis, child] = [undefined, undefined, undefined, undefined];
  });

  const sentRows = async (ctx: TestContext) => ctx.db.selectFrom('notifications').select(['id', 'message_id', 'status', 'attempts']).orderBy('id').execute();
  const countBy = (ids: (string | undefined)[]) => ids.reduce((m, id) => m.set(id!, (m.get(id!) ?? 0) + 1), new Map<string, number>());

  it('still delivers every reminder exactly once after Redis is emptied, once the reconciler has run', async () => {
    t = await createTestContext();
    await t.seedUnits();
    await alwaysWorking(t);
    redis = await startOwnRedis();
    f = await startFollowUp(t, { redisUrl: redis.url });
    const dueAt = new Date(Date.now() + 8000);
    const d = await issueWithDeadline(t, {
      units: ['so-tttt', 'so-noi-vu'],
      dueAt,
      reminderPolicy: { reminders: [{ hoursBefore: seconds(2) }, { hoursBefore: seconds(4) }] },
    });
    // Wait until every outbox row is in Redis, then empty it.
    const unpublished = async () => (await t!.db.selectFrom('outbox').select('id').where('published_at', 'is', null).execute()).length;
    await expect.poll(unpublished, { timeout: 5000 }).toBe(0);
    expect(await f.queues.timers.getDelayedCount()).toBeGreaterThanOrEqual(6);
    const flusher = new Redis(redis.url);
    await flusher.flushall();
    expect(await f.queues.timers.getDelayedCount()).toBe(0);
    flusher.disconnect();

    // With the production grace: the rows are seconds old, but their jobs were published, so they were lost.
    const pass = await reconcile(t.db, f.queues, { graceMs: 30_000 });
    expect(pass.timers).toBe(6); // 2 reminders and a deadline for each unit

    const reminders = () => f!.mails().filter((m) => /Nhắc hạn/.test(m.parsed.subject ?? '') && m.parsed.subject!.includes(d.numberSymbol));
    await expect.poll(() => reminders().length, { timeout: 15_000 }).toBe(4);
    await expect.poll(async () => (await sentRows(t!)).every((r) => r.status === 'sent'), { timeout: 15_000 }).toBe(true);
    const overdue = () => f!.mails().filter((m) => /Quá hạn/.test(m.parsed.subject ?? ''));
    await expect.poll(() => overdue().length, { timeout: 10_000 }).toBe(2);
    // Exactly once each: no Message-ID twice.
    const counts = countBy(f.mails().map((m) => m.parsed.messageId));
    expect([...counts.values()].filter((n) => n > 1)).toEqual([]);
    expect(counts.size).toBe((await sentRows(t)).length);
  });

  it('sends every notification after the mail worker is killed mid-batch, duplicating only mail the server took before the kill was recorded', async () => {
    t = await createTestContext();
    await t.seedUnits();
    f = await startFollowUp(t, { mailWorker: false, acceptDelayMs: 60 });
    const units = [
      'so-tttt',
      'so-noi-vu',
      'so-gtvt',
      'so-tu-phap',
      'so-cong-thuong',
      'so-ldtbxh',
      'cuc-hai-quan',
      'cuc-qltt',
      'tp-hoa-an',
      'tx-ben-may',
      'h-son-lam',
      'p-hoa-binh',
      'x-hoa-phu',
      'p-ben-cang',
      'tt-son-lam',
      'x-son-thuy',
    ];
    await issueWithDeadline(t, { units, dueAt: new Date(Date.now() + 3600_000) });
    const total = (await sentRows(t)).length;
    expect(total).toBe(units.length * 2); // "assigned" and "deadline moved" for each unit's officer

    const start = () =>
      new Promise<ChildProcess>((resolve, reject) => {
        const c = fork(fileURLToPath(new URL('./support/mail-worker.child.ts', import.meta.url)), [], {
          env: {
            ...process.env,
            CHILD_DATABASE_URL: t!.databaseUrl,
            CHILD_REDIS_URL: testEnv.redisUrl,
            CHILD_PREFIX: t!.prefix,
            CHILD_SMTP_PORT: String(f!.catcher.port),
          },
          stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
        });
        c.once('message', () => resolve(c));
        c.once('error', reject);
      });
    child = await start();
    await expect.poll(() => f!.catcher.messages.length, { timeout: 10_000, interval: 10 }).toBeGreaterThanOrEqual(8);
    const dead = new Promise((r) => child!.once('exit', r));
    child.kill('SIGKILL');
    await dead;
    // A message whose data reached the server just before the kill is still being accepted (60 ms).
    await new Promise((r) => setTimeout(r, 300));
    const acceptedBeforeKill = new Set(f.catcher.messages.map((m) => m.parsed.messageId));
    const recordedBeforeKill = new Set((await sentRows(t)).filter((r) => r.status === 'sent').map((r) => r.message_id));
    expect(recordedBeforeKill.size).toBeLessThan(total); // it really was killed mid-batch

    child = await start();
    await expect.poll(async () => (await sentRows(t!)).filter((r) => r.status === 'sent').length, { timeout: 20_000 }).toBe(total);

    const counts = countBy(f.catcher.messages.map((m) => m.parsed.messageId));
    const duplicated = [...counts.entries()].filter(([, n]) => n > 1).map(([id]) => id);
    const unknownAtKill = [...acceptedBeforeKill].filter((id) => !recordedBeforeKill.has(id!));
    expect(counts.size).toBe(total); // every notification arrived
    for (const id of duplicated) expect(unknownAtKill).toContain(id); // only mail whose acceptance was not yet recorded
    for (const id of recordedBeforeKill) expect(counts.get(id)).toBe(1); // recorded ones never twice
    console.info(
      `SIGKILL mid-batch: ${total} notifications, ${acceptedBeforeKill.size} accepted before the kill, ${recordedBeforeKill.size} recorded, ${duplicated.length} duplicated`,
    );
  });

  it('queues mail while the SMTP server refuses it, retries with backoff, dead-letters it when the attempts run out, and delivers all once an operator retries', async () => {
    t = await createTestContext();
    await t.seedUnits();
    // Few, quick attempts: the jobs give up while the server is still down; the reconciler leaves them to the operator.
    f = await startFollowUp(t, { jobOptions: { attempts: 3, backoff: { type: 'exponential', delay: 100 } } });
    f.catcher.refusing = true;
    await issueWithDeadline(t, { units: ['so-tttt', 'so-noi-vu', 'so-gtvt'], dueAt: new Date(Date.now() + 3600_000) });
    const total = (await sentRows(t)).length;
    await expect.poll(() => f!.queues.mail.getFailedCount(), { timeout: 10_000 }).toBe(total);
    const tried = await sentRows(t);
    expect(tried.every((r) => r.status === 'failed' && r.attempts === 3)).toBe(true);
    expect(f.catcher.messages).toEqual([]);

    f.catcher.refusing = false;
    expect((await reconcile(t.db, f.queues, { graceMs: 0 })).mails).toBe(0);
    expect(await retryFailedNotifications(t.db, 'all')).toHaveLength(total);
    await expect.poll(async () => (await sentRows(t!)).every((r) => r.status === 'sent'), { timeout: 10_000 }).toBe(true);
    const counts = countBy(f.catcher.messages.map((m) => m.parsed.messageId));
    expect(counts.size).toBe(total);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    const rows = await t.db.selectFrom('notifications').select(['attempts', 'last_error']).execute();
    expect(rows.every((r) => r.attempts === 4 && r.last_error === null)).toBe(true);
  });
});
