import { describe, expect, it } from 'vitest';
import { initialTransition, transition } from 'xstate';
import { accepts } from './accepts.ts';
import { reportPeriodMachine } from './report-period.machine.ts';

const CLOSES = '2026-07-10T10:00:00.000Z';

describe('report period machine', () => {
  it('opens and arms its closing timer', () => {
    const [s, actions] = initialTransition(reportPeriodMachine, { closesAt: CLOSES });
    expect(s.value).toBe('open');
    expect(s.context).toEqual({ closesAt: CLOSES, approved: false });
    expect(actions.map((a) => a.type)).toEqual(['scheduleClose']);
  });

  it('closes once, sending the consolidation to the monitoring unit and the summary to the Chairman', () => {
    const [open] = initialTransition(reportPeriodMachine, { closesAt: CLOSES });
    const [closed, actions] = transition(reportPeriodMachine, open, { type: 'CLOSE', why: 'complete' });
    expect(closed.value).toBe('closed');
    expect(actions.map((a) => [a.type, a.params])).toEqual([
      ['closeOpenReports', undefined],
      ['cancelTimers', undefined],
      ['notify', { to: 'monitor', template: 'consolidation' }],
      ['notify', { to: 'chairman', template: 'consolidation_summary' }],
    ]);
    expect(accepts(closed, { type: 'CLOSE', why: 'deadline' })).toBe(false);
  });

  it('approves the consolidation only after closing, and only once', () => {
    const [open] = initialTransition(reportPeriodMachine, { closesAt: CLOSES });
    expect(accepts(open, { type: 'APPROVE' })).toBe(false);
    const [closed] = transition(reportPeriodMachine, open, { type: 'CLOSE', why: 'deadline' });
    expect(accepts(closed, { type: 'APPROVE' })).toBe(true);
    const [approved, actions] = transition(reportPeriodMachine, closed, { type: 'APPROVE', comment: 'Đồng ý' });
    expect(approved.context.approved).toBe(true);
    expect(actions.map((a) => a.type)).toContain('recordApproval');
    expect(accepts(approved, { type: 'APPROVE' })).toBe(false);
  });
});
