import { describe, expect, it } from 'vitest';
import { initialTransition, transition, type SnapshotFrom } from 'xstate';
import { accepts } from './accepts.ts';
import { unitReportMachine, type UnitReportEvent } from './unit-report.machine.ts';

type Snap = SnapshotFrom<typeof unitReportMachine>;
const DUE = '2026-06-05T10:00:00.000Z';
const submit = (at: string): UnitReportEvent => ({ type: 'SUBMIT', at, text: 'Báo cáo tháng', values: { 'dao-tao-nghe': 30 } });

function go(...events: UnitReportEvent[]): Snap {
  let [s] = initialTransition(unitReportMachine, { dueAt: DUE });
  for (const e of events) {
    expect(accepts(s, e), `${e.type} in ${String(s.value)}`).toBe(true);
    [s] = transition(unitReportMachine, s, e);
  }
  return s;
}

describe('unit report machine', () => {
  it('asks the unit and arms its timers when the period opens', () => {
    const [s, actions] = initialTransition(unitReportMachine, { dueAt: DUE });
    expect(s.value).toBe('open');
    expect(actions.map((a) => [a.type, a.params])).toEqual([
      ['notify', { to: 'unit', template: 'report_requested' }],
      ['scheduleTimers', undefined],
    ]);
  });

  it('takes a report on time, returns it, takes it again, accepts it', () => {
    const s = go(submit('2026-06-04T03:00:00.000Z'), { type: 'RETURN', reason: 'Thiếu số liệu xã' }, submit('2026-06-05T02:00:00.000Z'), { type: 'ACCEPT' });
    expect(s.value).toBe('accepted');
    expect(s.context).toMatchObject({ late: false, returns: 1, lastReturnReason: 'Thiếu số liệu xã' });
    expect(s.status).toBe('done');
  });

  it('marks a report sent after the due time late, whether or not the due timer came first', () => {
    expect(go(submit('2026-06-06T01:00:00.000Z')).context.late).toBe(true);
    const s = go({ type: 'DUE_PASSED', generation: 1 });
    expect(s.value).toBe('late');
    expect(go({ type: 'DUE_PASSED', generation: 1 }, submit('2026-06-08T01:00:00.000Z')).context).toMatchObject({ late: true, generation: 2 });
  });

  it('climbs the ladder while late, and stops when the report comes in', () => {
    const late = go({ type: 'DUE_PASSED', generation: 1 });
    expect(accepts(late, { type: 'ESCALATE', generation: 0, level: 1 })).toBe(false); // a rung armed by an earlier generation
    const [one, a1] = transition(unitReportMachine, late, { type: 'ESCALATE', generation: 1, level: 1 });
    expect(a1.map((a) => [a.type, a.params])).toEqual([
      ['notify', { to: 'unit_head', template: 'report_escalation_1' }],
      ['scheduleEscalation', { level: 2 }],
    ]);
    expect(accepts(one, { type: 'ESCALATE', generation: 1, level: 3 })).toBe(false);
    const [sent, a2] = transition(unitReportMachine, one, submit('2026-06-09T01:00:00.000Z'));
    expect(a2.map((a) => a.type)).toEqual(['cancelTimers', 'notify']);
    expect(accepts(sent, { type: 'ESCALATE', generation: 1, level: 2 })).toBe(false); // no rung once the report is in
  });

  it('declares a report missing when the period closes before it comes', () => {
    for (const path of [
      [],
      [{ type: 'DUE_PASSED', generation: 1 }],
      [submit('2026-06-01T00:00:00.000Z'), { type: 'RETURN', reason: 'x' }],
    ] as UnitReportEvent[][]) {
      const [missing, actions] = transition(unitReportMachine, go(...path), { type: 'CLOSE' });
      expect(missing.value).toBe('missing');
      expect(actions.map((a) => [a.type, a.params])).toEqual([
        ['cancelTimers', undefined],
        ['notify', { to: 'unit_head', template: 'report_missing' }],
        ['notify', { to: 'monitor', template: 'report_missing' }],
      ]);
      expect(accepts(missing, submit('2026-07-01T00:00:00.000Z'))).toBe(false);
    }
    expect(accepts(go(submit('2026-06-01T00:00:00.000Z')), { type: 'CLOSE' })).toBe(false); // a report in hand stays
  });

  it('refuses what makes no sense', () => {
    expect(accepts(go(), { type: 'ACCEPT' })).toBe(false);
    expect(accepts(go(), { type: 'RETURN', reason: 'x' })).toBe(false);
    expect(accepts(go(), { type: 'DUE_PASSED', generation: 2 })).toBe(false);
    expect(accepts(go(submit('2026-06-01T00:00:00.000Z')), submit('2026-06-02T00:00:00.000Z'))).toBe(false);
  });
});
