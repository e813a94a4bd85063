import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Worker } from 'bullmq';
import { chiThiTetGiapThin2024, history, issueDirective, listAssignments } from '@dondoc/db';
import { localDateOf } from '@dondoc/domain';
import { OutboxRelay, createTimerWorker } from '@dondoc/worker';
import { redisQueueStore } from '@dondoc/queue';
import { createTestContext, type TestContext } from './support/context.ts';
import { drive, officeActor } from './support/commands.ts';

/** Deadlines fire through BullMQ delayed jobs back into the machine; moved deadlines never fire stale. */
describe('deadline timers', () => {
  let t: TestContext;
  let relay: OutboxRelay;
  let worker: Worker;
  let ids: string[];

  beforeAll(async () => {
    t = await createTestContext();
    const { directiveId } = await t.seed();
    ids = (await listAssignments(t.db, { directiveId })).map((a) => a.id);
    relay = new OutboxRelay(t.db, t.queues, { batchSize: 100, pollMs: 50, logger: t.logger, listenUrl: t.databaseUrl });
    worker = createTimerWorker(t.db, redisQueueStore({ producer: t.redis.duplicate(), prefix: t.prefix }), t.logger);
  });
  afterAll(async () => {
    await worker?.close();
    await relay?.stop();
    await t?.close();
  });

  const timers = (id: string, kind = 'deadline') =>
    t.db.selectFrom('timers').select(['generation', 'status', 'fire_at']).where('subject_id', '=', id).where('kind', '=', kind).orderBy('generation').execute();

  it('marks an assignment overdue when its deadline passes, and ignores the timer a granted extension replaced', async () => {
    const [lagging, extended] = [ids[0]!, ids[1]!];
    // The seeded deadline (2 Feb 2024) has passed; the extension moves one unit's a year ahead.
    await drive(
      t.db,
      extended,
      'ACKNOWLEDGE',
      { type: 'REQUEST_EXTENSION', dueAt: '2099-01-01T10:00:00.000Z', reason: 'Chờ số liệu' },
      { type: 'GRANT_EXTENSION' },
    );
    await relay.start();

    await expect.poll(async () => (await timers(lagging))[0]?.status, { timeout: 10_000 }).toBe('fired');
    // Long past, so the ladder follows at once, one rung after the other.
    await expect.poll(async () => (await listAssignments(t.db)).find((a) => a.id === lagging)!.escalationLevel, { timeout: 10_000 }).toBe(3);
    const row = (await listAssignments(t.db)).find((a) => a.id === lagging)!;
    expect(row.overdue).toBe(true);
    const trail = (await history(t.db, { type: 'assignment', id: lagging })).filter((e) => e.actor === 'system:timer');
    expect(trail.map((e) => [e.type, e.payload])).toEqual([
      ['DEADLINE_PASSED', { generation: 1 }],
      ['ESCALATE', { generation: 1, level: 1 }],
      ['ESCALATE', { generation: 1, level: 2 }],
      ['ESCALATE', { generation: 1, level: 3 }],
    ]);

    // Every seeded deadline timer gets processed; the replaced one stays cancelled and changes nothing.
    await expect.poll(() => t.queues.timers.getJobCounts('wait', 'active'), { timeout: 10_000 }).toEqual({ wait: 0, active: 0 });
    expect((await timers(extended)).map((x) => [x.generation, x.status])).toEqual([
      [1, 'cancelled'],
      [2, 'pending'],
    ]);
    expect((await listAssignments(t.db)).find((a) => a.id === extended)!.overdue).toBe(false);
    expect((await history(t.db, { type: 'assignment', id: extended })).map((e) => e.type)).not.toContain('DEADLINE_PASSED');
  });

  it('fires a future deadline when it falls due, as a delayed job', async () => {
    // A directive of its own, far from the seeded one's timers.
    const issued = await issueDirective(
      t.db,
      {
        ...chiThiTetGiapThin2024,
        numberSymbol: '90/CT-UBND',
        issuedOn: localDateOf(new Date()),
        campaign: undefined,
        tasks: [{ ...chiThiTetGiapThin2024.tasks[1]!, deadline: { kind: 'working_days', days: 30 } }],
      },
      officeActor,
    );
    const id = issued.assignmentIds[0]!;
    const dueAt = new Date(Date.now() + 1500).toISOString();
    // Moved earlier as a calendar change would move it (an extension must move it later, and the engine refuses one that does not).
    const previousDueAt = (await t.db.selectFrom('assignments').select('due_at').where('id', '=', id).executeTakeFirstOrThrow()).due_at!.toISOString();
    await drive(t.db, id, { type: 'RESCHEDULE', dueAt, previousDueAt, reason: 'calendar' });
    await expect.poll(() => t.queues.timers.getDelayedCount(), { timeout: 5000 }).toBeGreaterThan(0);
    expect((await timers(id)).at(-1)!.status).toBe('pending');
    await expect.poll(async () => (await timers(id)).at(-1)!.status, { timeout: 10_000, interval: 100 }).toBe('fired');
    const fired = (await history(t.db, { type: 'assignment', id })).find((e) => e.type === 'DEADLINE_PASSED')!;
    expect(fired.payload).toEqual({ generation: 2 });
    expect(fired.created_at.getTime()).toBeGreaterThanOrEqual(new Date(dueAt).getTime());
  });
});
