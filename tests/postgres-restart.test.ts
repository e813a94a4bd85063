import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createDb, createToken, ensureDatabase, migrateToLatest, seedDemo, type Db } from '@dondoc/db';
import { startMailCatcher, type MailCatcher } from '@dondoc/mail';
import type { TestContext } from './support/context.ts';
import { issueWithDeadline } from './support/directives.ts';
import { testEnv } from './support/env.ts';
import { startPrivatePostgres, type PrivatePostgres } from './support/private-postgres.ts';
import { startService, stopService, type ServiceProcess } from './support/processes.ts';
import { users } from './support/api.ts';

const units = ['so-tttt', 'so-noi-vu', 'so-gtvt', 'so-tu-phap', 'so-cong-thuong', 'so-ldtbxh'];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * PostgreSQL restarted (fast and immediate) and every connection killed while
 * commands, timers and mail are in flight: the API and worker processes stay
 * up, the API answers 503 in its error shape while the database is away and
 * 200 soon after it is back, the relay listens again, and every command,
 * timer and mail is applied once.
 */
describe('PostgreSQL goes away and comes back', () => {
  let pgc: PrivatePostgres;
  let db: Db;
  let catcher: MailCatcher;
  let api: ServiceProcess;
  let worker: ServiceProcess;
  const prefix = `{dondoc-test-${randomBytes(4).toString('hex')}}`;

  beforeAll(async () => {
    pgc = await startPrivatePostgres();
    const url = pgc.url('dondoc');
    await ensureDatabase(url);
    db = createDb(url, { max: 4, onConnectionError: () => {} });
    await migrateToLatest(db);
    await seedDemo(db, { directive: false, plan: false });
    catcher = await startMailCatcher();
    const env = {
      DATABASE_URL: url,
      REDIS_URL: testEnv.redisUrl,
      QUEUE_PREFIX: prefix,
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(catcher.port),
      RECONCILE_EVERY_MS: '5000',
    };
    [api, worker] = await Promise.all([startService('api', 'api', env), startService('worker', 'worker', env)]);
  }, 120_000);
  afterAll(async () => {
    await Promise.all([api, worker].filter(Boolean).map((p) => stopService(p)));
    await catcher?.close();
    await db?.destroy();
    await pgc?.close();
  });

  const alive = (p: ServiceProcess) => p.child.exitCode === null && p.child.signalCode === null;
  const me = (token: string) => fetch(`${api.url}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } });

  it('keeps every process up, answers 503 while it is away and 200 within 3 s after, and loses or doubles nothing', async () => {
    const issued = await issueWithDeadline({ db } as TestContext, { units, dueAt: new Date(Date.now() + 8000) });
    const tokens = new Map<string, string>();
    for (const u of units) {
      const user = await db.selectFrom('users').select('id').where('email', '=', users.officer(u)).executeTakeFirstOrThrow();
      tokens.set(u, (await createToken(db, user.id, 'test')).token);
    }
    const assignments = await db
      .selectFrom('assignments as a')
      .innerJoin('units as u', 'u.id', 'a.unit_id')
      .select(['a.id', 'u.code'])
      .where('a.directive_id', '=', issued.directiveId)
      .execute();

    // Clients that keep sending their commands through the outages, each with an Idempotency-Key, retrying what did not get an answer.
    const answers: number[] = [];
    const send = async (id: string, token: string, command: string) => {
      for (let attempt = 0; ; attempt++) {
        const r = await fetch(`${api.url}/api/v1/assignments/${id}/${command}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'idempotency-key': `${command}-${id}` },
        }).catch(() => null);
        if (r) answers.push(r.status);
        if (r?.status === 200) return;
        if (r && r.status !== 503) throw new Error(`${command} answered ${r.status}: ${await r.text()}`);
        if (attempt > 400) throw new Error(`${command} never went through`);
        await sleep(50);
      }
    };
    const clients = Promise.all(
      assignments.map(async (a, i) => {
        await sleep(i * 300);
        await send(a.id, tokens.get(a.code)!, 'acknowledge');
        await sleep(700);
        await send(a.id, tokens.get(a.code)!, 'start');
      }),
    );

    // Away: 503 in the documented shape; back: 200 within 3 s of the server accepting connections.
    const token = tokens.get('so-tttt')!;
    await sleep(400);
    await pgc.stop('fast');
    const away = await me(token);
    expect(away.status).toBe(503);
    expect(away.headers.get('retry-after')).toBe('5');
    expect(await away.json()).toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
      field: null,
      message: { vi: expect.stringContaining('Cơ sở dữ liệu'), en: expect.any(String) },
    });
    expect((await fetch(`${api.url}/readyz`)).status).toBe(503);
    await sleep(1500);
    await pgc.start();
    const back = Date.now();
    while ((await me(token)).status !== 200) {
      expect(Date.now() - back, 'the API answers 200 within 3 s of the database being back').toBeLessThan(3000);
      await sleep(50);
    }

    await sleep(800);
    await pgc.restart('fast');
    await sleep(1200);
    await pgc.restart('immediate');
    await sleep(1200);
    const killed = await pgc.terminateAll('dondoc');
    expect(killed).toBeGreaterThan(0);

    await clients;
    expect(answers.filter((s) => s !== 200 && s !== 503)).toEqual([]);
    expect(alive(api), api.output()).toBe(true);
    expect(alive(worker), worker.output()).toBe(true);

    // Every command applied once, every deadline passed once, every mail sent.
    await expect
      .poll(
        async () => (await db.selectFrom('assignments').select('overdue').where('directive_id', '=', issued.directiveId).execute()).every((a) => a.overdue),
        { timeout: 60_000, interval: 250 },
      )
      .toBe(true);
    const events = await db
      .selectFrom('events')
      .select(['subject_id', 'type'])
      .where(
        'subject_id',
        'in',
        assignments.map((a) => a.id),
      )
      .execute();
    for (const a of assignments) {
      for (const type of ['ACKNOWLEDGE', 'START', 'DEADLINE_PASSED'])
        expect(
          events.filter((e) => e.subject_id === a.id && e.type === type),
          `${a.code} ${type}`,
        ).toHaveLength(1);
    }
    await expect
      .poll(async () => (await db.selectFrom('notifications').select('status').where('status', '!=', 'sent').execute()).length, {
        timeout: 60_000,
        interval: 250,
      })
      .toBe(0);
    const rows = await db.selectFrom('notifications').select('message_id').execute();
    const caught = catcher.messages.map((m) => m.parsed.messageId);
    for (const r of rows) expect(caught, r.message_id).toContain(r.message_id);

    // The relay's LISTEN connection is back (it subscribed again after the restarts and the kill).
    await expect
      .poll(
        async () =>
          (await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = 'dondoc' AND query = 'LISTEN dondoc_outbox'`.execute(db))
            .rows[0]!.n,
        { timeout: 15_000 },
      )
      .toBe(1);
    expect(api.output() + worker.output()).not.toMatch(/Emitted 'error' event|Unhandled|uncaught/i);
  }, 150_000);
});
