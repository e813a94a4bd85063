import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apply, history, listAssignments } from '@dondoc/db';
import { ConflictError, IllegalTransitionError } from '@dondoc/domain';
import { createTestContext, type TestContext } from './support/context.ts';
import { count, drive, officeActor } from './support/commands.ts';

describe('concurrent and refused commands', () => {
  let t: TestContext;
  let ids: string[];

  beforeAll(async () => {
    t = await createTestContext({ poolSize: 50 });
    const { directiveId } = await t.seed();
    ids = (await listAssignments(t.db, { directiveId })).map((a) => a.id);
  });
  afterAll(() => t?.close());

  it('lets exactly one of 50 conflicting commands win; the rest conflict and write nothing', async () => {
    const id = ids[0]!;
    const { version } = await drive(t.db, id, 'ACKNOWLEDGE', 'START', 'SUBMIT_REPORT');
    const before = (await history(t.db, { type: 'assignment', id })).length;
    const outboxBefore = await count(t.db, 'outbox');

    // Half approve, half return the same report, all based on the version they read.
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) =>
        apply(t.db, {
          subject: { type: 'assignment', id },
          event: i % 2 ? { type: 'APPROVE' } : { type: 'RETURN', reason: `Lần ${i}` },
          actor: officeActor,
          expectedVersion: version,
        }),
      ),
    );
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(49);
    for (const r of lost) {
      expect(r.reason).toBeInstanceOf(ConflictError);
      expect(r.reason).toMatchObject({ code: 'CONFLICT', expectedVersion: version, actualVersion: version + 1 });
    }

    const after = await history(t.db, { type: 'assignment', id });
    expect(after).toHaveLength(before + 1);
    const winner = won[0]!.value;
    expect(after.at(-1)!.to_state).toBe(winner.toState);
    expect((await listAssignments(t.db)).find((a) => a.id === id)).toMatchObject({ version: version + 1, state: winner.toState });
    // The winner's single notice is the only new outbox row.
    expect(await count(t.db, 'outbox')).toBe(outboxBefore + 1);
  });

  it('without an expected version applies the first command and refuses the repeats by the machine', async () => {
    const id = ids[1]!;
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () => apply(t.db, { subject: { type: 'assignment', id }, event: { type: 'ACKNOWLEDGE' }, actor: officeActor })),
    );
    const ok = results.filter((r) => r.status === 'fulfilled');
    expect(ok).toHaveLength(1);
    for (const r of results) {
      if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(IllegalTransitionError);
    }
    expect(await history(t.db, { type: 'assignment', id })).toHaveLength(2);
  });

  it('refuses an event the machine does not accept, naming state and event, writing nothing', async () => {
    const id = ids[2]!;
    const counts = await Promise.all((['events', 'outbox', 'timers'] as const).map((x) => count(t.db, x)));
    const err = await apply(t.db, { subject: { type: 'assignment', id }, event: { type: 'APPROVE' }, actor: officeActor }).catch((e) => e);
    expect(err).toBeInstanceOf(IllegalTransitionError);
    expect(err).toMatchObject({ code: 'ILLEGAL_TRANSITION', state: 'issued', eventType: 'APPROVE' });
    expect(err.messageVi).toBe('Không thể duyệt báo cáo khi nhiệm vụ được giao ở trạng thái "mới ban hành" (APPROVE, issued).');
    expect(await Promise.all((['events', 'outbox', 'timers'] as const).map((x) => count(t.db, x)))).toEqual(counts);
    expect((await listAssignments(t.db)).find((a) => a.id === id)).toMatchObject({ version: 1, state: 'issued' });
  });

  it('withdrawing a directive cancels its open assignments and their timers, each in its own trail', async () => {
    const { directiveId } = await t.seed(); // same directive: seeding again is a no-op
    const openBefore = (await listAssignments(t.db, { directiveId })).filter((a) => !['reviewed', 'cancelled'].includes(a.state));
    const r = await apply(t.db, { subject: { type: 'directive', id: directiveId }, event: { type: 'WITHDRAW', reason: 'Ban hành nhầm' }, actor: officeActor });
    expect(r.toState).toBe('withdrawn');
    const rows = await listAssignments(t.db, { directiveId });
    expect(rows.filter((a) => a.state !== 'cancelled' && a.state !== 'reviewed')).toEqual([]);
    for (const a of openBefore) {
      const last = (await history(t.db, { type: 'assignment', id: a.id })).at(-1)!;
      expect([last.type, last.to_state, last.payload]).toEqual(['CANCEL', 'cancelled', { reason: 'Ban hành nhầm' }]);
    }
    const pending = await t.db.selectFrom('timers').select('id').where('status', '=', 'pending').execute();
    expect(pending).toEqual([]);
    // A withdrawn directive takes no further events, and neither do its cancelled assignments.
    await expect(apply(t.db, { subject: { type: 'directive', id: directiveId }, event: { type: 'CLOSE' }, actor: officeActor })).rejects.toBeInstanceOf(
      IllegalTransitionError,
    );
    await expect(drive(t.db, ids[3]!, 'ACKNOWLEDGE')).rejects.toBeInstanceOf(IllegalTransitionError);
  });
});
