import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apply, chiThiTetGiapThin2024, createToken } from '@dondoc/db';
import { startMailCatcher, type MailCatcher } from '@dondoc/mail';
import { createTestContext, type TestContext } from './support/context.ts';
import { alwaysWorking, seconds } from './support/follow-up.ts';
import { startService, stopService, type ServiceProcess } from './support/processes.ts';
import { testEnv } from './support/env.ts';

/**
 * Scale-out on one machine: two API processes and three worker processes (their
 * real entry points) against one PostgreSQL, one Redis and one SMTP server.
 * 200 directives to 20 units each, deadlines scaled to seconds; one worker is
 * killed with SIGKILL while reminders go out. Every reminder and every rung of
 * the ladder must still arrive, each once.
 */
/** SCALE_DIRECTIVES lets one try a smaller run by hand; CI runs the full 200. */
const DIRECTIVES = Number(process.env.SCALE_DIRECTIVES ?? 200);
const UNITS = 20;
const REMIND_BEFORE_S = 15;
const DUE_IN_S = 45;
const MAIL_CONCURRENCY = 16;
/** Mails per assignment: the reminder, the overdue notice, and the three rungs (the second to the monitoring unit's monitor and its head). */
const FOLLOW_UP_MAILS: Record<string, number> = { reminder: 1, overdue: 1, escalation_1: 1, escalation_2: 2, escalation_3: 1 };

describe('scale-out: 2 API and 3 worker processes', () => {
  let t: TestContext;
  let catcher: MailCatcher;
  const apis: ServiceProcess[] = [];
  const workers: ServiceProcess[] = [];

  beforeAll(async () => {
    t = await createTestContext({ poolSize: 20 });
    await t.seedUnits();
    await alwaysWorking(t);
    catcher = await startMailCatcher();
    const env = {
      DATABASE_URL: t.databaseUrl,
      REDIS_URL: testEnv.redisUrl,
      QUEUE_PREFIX: t.prefix,
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(catcher.port),
      SMTP_SECURE: 'false',
      RELAY_POLL_MS: '100',
      RELAY_BATCH_SIZE: '500',
      // A killed worker's jobs are taken up as stalled after this long, not BullMQ's default 30 s.
      WORKER_LOCK_MS: '2000',
      MAIL_CONCURRENCY: String(MAIL_CONCURRENCY),
      API_RATE_LIMIT_PER_MINUTE: '100000',
    };
    apis.push(...(await Promise.all([1, 2].map((i) => startService('api', `api-${i}`, env)))));
    workers.push(...(await Promise.all([1, 2, 3].map((i) => startService('worker', `worker-${i}`, env)))));
  }, 90_000);

  afterAll(async () => {
    await Promise.all([...apis, ...workers].map((s) => stopService(s)));
    await catcher?.close();
    await t?.close();
  }, 60_000);

  it('delivers every reminder and escalation although a worker is killed midway, a second copy only of mail in flight at the kill', {
    timeout: 900_000,
  }, async () => {
    const units = (await t.db.selectFrom('units').select('code').where('commanded', '=', true).where('kind', '!=', 'province').orderBy('code').execute()).map(
      (u) => u.code,
    );
    expect(units).toHaveLength(UNITS);
    const office = await t.db.selectFrom('users').select('id').where('email', '=', 'vanphong@hoa-an.example').executeTakeFirstOrThrow();
    const token = (await createToken(t.db, office.id, 'scale test')).token;
    const task = chiThiTetGiapThin2024.tasks[5]!;

    // Issue through both APIs, a few at a time; each directive's deadlines are then moved to seconds away,
    // as a calendar change would move them, so that its reminder and ladder fall inside the test.
    const started = Date.now();
    const issueOne = async (i: number) => {
      const body = {
        ...chiThiTetGiapThin2024,
        campaign: undefined,
        numberSymbol: `${1000 + i}/CT-UBND`,
        issuedOn: '2026-01-05',
        reminderPolicy: { reminders: [{ hoursBefore: seconds(REMIND_BEFORE_S) }] },
        escalationPolicy: { steps: [{ hoursAfter: seconds(1) }, { hoursAfter: seconds(2) }, { hoursAfter: seconds(3) }] },
        tasks: [{ ...task, ordinal: 1, deadline: { kind: 'date', date: '2099-12-31' }, addressees: units.map((unit) => ({ unit, role: 'lead' })) }],
      };
      const api = apis[i % apis.length]!;
      const res = await fetch(`${api.url}/api/v1/directives`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': `scale-${i}` },
        body: JSON.stringify(body),
      });
      const text = await res.text();
      if (res.status !== 201) throw new Error(`${api.name} answered ${res.status}: ${text}`);
      const directiveId = JSON.parse(text).id as string;
      const rows = await t.db.selectFrom('assignments').select(['id', 'due_at']).where('directive_id', '=', directiveId).execute();
      expect(rows).toHaveLength(UNITS);
      // All of a directive's units get one deadline, far enough away that its reminder is still ahead
      // when the last of the twenty commands commits on a loaded machine.
      const dueAt = new Date(Date.now() + DUE_IN_S * 1000).toISOString();
      // One at a time per directive: eight issuers already run side by side, and twenty parallel commands
      // each would queue 160 callers on the test's 20 connections past the pool's 5 s wait on a loaded machine.
      for (const r of rows) {
        await apply(t.db, {
          subject: { type: 'assignment', id: r.id },
          event: { type: 'RESCHEDULE', dueAt, previousDueAt: r.due_at!.toISOString(), reason: 'scale test' },
          actor: { kind: 'system', label: 'scale-test' },
        });
      }
    };
    let next = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < DIRECTIVES) await issueOne(next++);
      }),
    );
    const issuedMs = Date.now() - started;
    const assignments = DIRECTIVES * UNITS;

    // Kill one worker while the reminders are going out.
    const sentOf = async (template: string) =>
      Number(
        (
          await t.db
            .selectFrom('notifications')
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .where('template', '=', template)
            .where('status', '=', 'sent')
            .executeTakeFirstOrThrow()
        ).n,
      );
    await expect.poll(() => sentOf('reminder'), { timeout: 120_000, interval: 100 }).toBeGreaterThanOrEqual(assignments / 4);
    const victim = workers[0]!;
    victim.child.kill('SIGKILL');
    await victim.exited;
    const remindersAtKill = await sentOf('reminder');
    // Mail whose sending had begun and was not yet recorded: the only mail that may arrive twice, because
    // an SMTP server's acceptance and the database's record cannot be one transaction.
    const inFlightAtKill = new Set(
      (await t.db.selectFrom('notifications').select('message_id').where('status', '=', 'sending').execute()).map((r) => r.message_id),
    );
    expect(remindersAtKill).toBeLessThan(assignments); // it really died midway

    // Everything settles: every follow-up notification sent, the last rung reached everywhere.
    const settled = async () => {
      const pending = await t.db
        .selectFrom('notifications')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('status', '!=', 'sent')
        .executeTakeFirstOrThrow();
      const laddered = await t.db
        .selectFrom('assignments')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('escalation_level', '=', 3)
        .executeTakeFirstOrThrow();
      return Number(pending.n) === 0 && Number(laddered.n) === assignments;
    };
    await expect.poll(settled, { timeout: 600_000, interval: 500 }).toBe(true);
    const doneMs = Date.now() - started;
    // Mail the server accepted may still be in its hands for a moment.
    const sentTotal = Number(
      (
        await t.db
          .selectFrom('notifications')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    await expect.poll(() => catcher.messages.length, { timeout: 30_000 }).toBeGreaterThanOrEqual(sentTotal);

    const byTemplate = new Map<string, number>();
    for (const r of await t.db.selectFrom('notifications').select(['template']).execute()) byTemplate.set(r.template, (byTemplate.get(r.template) ?? 0) + 1);
    for (const [template, perAssignment] of Object.entries(FOLLOW_UP_MAILS)) expect(byTemplate.get(template), template).toBe(perAssignment * assignments);

    // Every notification arrived under its own Message-ID; none twice unless it was in flight at the kill.
    const ids = new Set((await t.db.selectFrom('notifications').select('message_id').execute()).map((r) => r.message_id));
    const received = new Map<string, number>();
    for (const m of catcher.messages) received.set(m.parsed.messageId!, (received.get(m.parsed.messageId!) ?? 0) + 1);
    const missing = [...ids].filter((id) => !received.has(id));
    const twice = [...received.entries()].filter(([, n]) => n > 1);
    const strangers = [...received.keys()].filter((id) => !ids.has(id));
    expect(missing).toEqual([]);
    for (const [id] of twice) expect(inFlightAtKill.has(id), `${id} arrived twice but was not in flight at the kill`).toBe(true);
    expect(inFlightAtKill.size).toBeLessThanOrEqual(workers.length * MAIL_CONCURRENCY);
    expect(strangers).toEqual([]);

    // Nothing left behind: the outbox published, no timer due and unfired, no assignment short of its last rung.
    const unpublished = await t.db
      .selectFrom('outbox')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('published_at', 'is', null)
      .executeTakeFirstOrThrow();
    expect(Number(unpublished.n)).toBe(0);
    const stuckTimers = await t.db
      .selectFrom('timers')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('status', '=', 'pending')
      .where('fire_at', '<', new Date())
      .executeTakeFirstOrThrow();
    expect(Number(stuckTimers.n)).toBe(0);
    // Nobody acted on the tasks, so every assignment is still as issued, overdue, at the last rung.
    const states = await t.db
      .selectFrom('assignments')
      .select(['state', 'overdue', 'escalation_level', (eb) => eb.fn.countAll<string>().as('n')])
      .groupBy(['state', 'overdue', 'escalation_level'])
      .execute();
    expect(states.map((s) => ({ ...s, n: Number(s.n) }))).toEqual([{ state: 'issued', overdue: true, escalation_level: 3, n: assignments }]);

    // The survivors are healthy and the API processes still answer.
    for (const s of [...workers.slice(1), ...apis]) expect((await fetch(`${s.url}/readyz`)).status, s.name).toBe(200);

    console.info(
      [
        `scale-out: ${apis.length} API + ${workers.length} worker processes, ${DIRECTIVES} directives × ${UNITS} units = ${assignments} assignments`,
        `  issued and scheduled in ${(issuedMs / 1000).toFixed(1)} s; all settled ${(doneMs / 1000).toFixed(1)} s after the first request`,
        `  ${victim.name} killed with SIGKILL after ${remindersAtKill} of ${assignments} reminders were sent`,
        `  notifications: ${[...byTemplate.entries()].map(([k, v]) => `${k} ${v}`).join(', ')} (${sentTotal} in all)`,
        `  mails received ${catcher.messages.length}, distinct ${received.size}, duplicated ${twice.length} (of ${inFlightAtKill.size} in flight at the kill), missing ${missing.length}`,
        `  outbox unpublished ${unpublished.n}, timers due but pending ${stuckTimers.n}, assignments ${states.map((s) => `${s.state}/overdue/level ${s.escalation_level}: ${s.n}`).join(', ')}`,
      ].join('\n'),
    );
  });
});
