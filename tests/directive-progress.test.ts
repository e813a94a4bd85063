import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apply, history, issueDirective, keHoach146, listAssignments, seedDemo } from '@dondoc/db';
import type { DirectiveInput } from '@dondoc/domain';
import { rollupCounts, rollupStage, type AssignmentState } from '@dondoc/workflows';
import { createTestContext, type TestContext } from './support/context.ts';
import { directiveState, drive, officeActor } from './support/commands.ts';

/*
 * Commands on different assignments of one directive run side by side (issue
 * 17): each moves one count of directive_progress and rolls the directive up
 * from the counts. These races would leave the directive behind its
 * assignments if the counts or the roll-up decision ever missed a concurrent
 * command (two last reports deciding at once, each blind to the other).
 */
describe('a directive rolled up from its counts while its units act at once', () => {
  let t: TestContext;
  let directiveId: string;
  let ids: string[];
  const UNITS = 40;

  beforeAll(async () => {
    t = await createTestContext({ poolSize: 50 });
    await seedDemo(t.db);
    const communes = Array.from({ length: UNITS }, (_, i) => `xa-song-song-${i + 1}`);
    await t.db
      .insertInto('units')
      .values(communes.map((c, i) => ({ code: c, name: `UBND xã Song Song ${i + 1}`, kind: 'commune' as const })))
      .execute();
    const [one] = keHoach146.tasks;
    const input: DirectiveInput = {
      ...keHoach146,
      numberSymbol: '901/KH-UBND',
      reminderPolicy: { reminders: [] },
      tasks: [{ ...one!, targets: [], addressees: communes.map((unit) => ({ unit, role: 'lead' as const })) }],
    };
    directiveId = (await issueDirective(t.db, input, officeActor)).directiveId;
    ids = (await listAssignments(t.db, { directiveId })).map((a) => a.id);
  });
  afterAll(() => t?.close());

  /** The counts kept, the counts of the assignments' states, the directive's state and the stage those states imply. */
  async function standing() {
    const states = (await t.db.selectFrom('assignments').select('state').where('directive_id', '=', directiveId).execute()).map(
      (r) => r.state as AssignmentState,
    );
    const kept = await t.db.selectFrom('directive_progress').selectAll().where('directive_id', '=', directiveId).executeTakeFirstOrThrow();
    return {
      kept: [kept.issued, kept.assigned, kept.working, kept.reported, kept.reviewed],
      counted: rollupCounts(states),
      state: await directiveState(t.db, directiveId),
      implied: rollupStage(states),
    };
  }

  const all = (event: Parameters<typeof drive>[2], of = ids) => Promise.all(of.map((id) => drive(t.db, id, event)));

  it('starts with every assignment counted as issued', async () => {
    const s = await standing();
    expect(s.kept).toEqual([UNITS, 0, 0, 0, 0]);
    expect(s.kept).toEqual(s.counted);
  });

  it('keeps the counts and the stage equal to the assignments through each race, to reviewed', async () => {
    const steps: [Parameters<typeof drive>[2], string][] = [
      ['ACKNOWLEDGE', 'assigned'],
      ['START', 'in_progress'],
      ['SUBMIT_REPORT', 'reported'],
    ];
    for (const [event, stage] of steps) {
      await all(event);
      const s = await standing();
      expect(s.kept).toEqual(s.counted);
      expect(s.state).toBe(s.implied);
      expect(s.state).toBe(stage);
    }
    // Some reports sent back while the rest are approved, all at once: rework means in progress again.
    const [back, approved] = [ids.slice(0, 5), ids.slice(5)];
    await Promise.all([all('RETURN', back), all('APPROVE', approved)]);
    let s = await standing();
    expect(s.kept).toEqual(s.counted);
    expect([s.state, s.implied]).toEqual(['in_progress', 'in_progress']);
    // The five report again and are approved together: the last of them rolls the directive up to reviewed.
    await all('SUBMIT_REPORT', back);
    await all('APPROVE', back);
    s = await standing();
    expect(s.kept).toEqual(s.counted);
    expect(s.kept).toEqual([0, 0, 0, 0, UNITS]);
    expect(s.state).toBe('reviewed');
  });

  it('writes the roll-ups into the directive’s trail once each, in order', async () => {
    const trail = await history(t.db, { type: 'directive', id: directiveId });
    expect(trail.map((e) => e.seq)).toEqual(trail.map((_, i) => i + 1));
    const rollups = trail.filter((e) => e.type === 'ROLLUP').map((e) => e.to_state);
    // Each stage change happened once, in the order the races made them (no stage written twice in a row).
    expect(rollups).toEqual(['assigned', 'in_progress', 'reported', 'in_progress', 'reported', 'reviewed']);
  });

  it('takes a withdrawal while commands are in flight, with counts that still add up', async () => {
    const input: DirectiveInput = { ...keHoach146, numberSymbol: '902/KH-UBND', reminderPolicy: { reminders: [] } };
    const { directiveId: other } = await issueDirective(t.db, input, officeActor);
    const rows = await listAssignments(t.db, { directiveId: other });
    const results = await Promise.allSettled([
      ...rows.map((a) => drive(t.db, a.id, 'ACKNOWLEDGE', 'START')),
      apply(t.db, { subject: { type: 'directive', id: other }, event: { type: 'WITHDRAW', reason: 'Ban hành nhầm' }, actor: officeActor }),
    ]);
    expect(results.at(-1)!.status).toBe('fulfilled');
    const states = (await listAssignments(t.db, { directiveId: other })).map((a) => a.state as AssignmentState);
    expect(states.every((s) => s === 'cancelled')).toBe(true);
    const kept = await t.db.selectFrom('directive_progress').selectAll().where('directive_id', '=', other).executeTakeFirstOrThrow();
    expect([kept.issued, kept.assigned, kept.working, kept.reported, kept.reviewed]).toEqual(rollupCounts(states));
    expect(await directiveState(t.db, other)).toBe('withdrawn');
  });
});
