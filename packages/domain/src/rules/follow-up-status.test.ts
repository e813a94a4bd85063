import { describe, expect, it } from 'vitest';
import { atLocalTime as at } from '../calendar/dates.ts';
import { officialOverrides } from '../calendar/official-schedules.ts';
import { WorkingCalendar } from '../calendar/working-calendar.ts';
import { ESCALATION_LEVELS } from '../policy/follow-up.policy.ts';
import { LADDER_RUNGS, onChairmansList, trafficLight, worstLight } from './follow-up-status.ts';

const cal = new WorkingCalendar({}, officialOverrides);
const now = at('2026-03-16', '10:00'); // a Monday

describe('traffic light', () => {
  const open = (due: Date | null, overdue = false) => ({ state: 'in_progress', overdue, due_at: due });

  it('reads reviewed as done and cancelled as cancelled, whatever the deadline', () => {
    expect(trafficLight(cal, now, { state: 'reviewed', overdue: true, due_at: at('2026-03-01', '17:00') })).toBe('done');
    expect(trafficLight(cal, now, { state: 'cancelled', overdue: true, due_at: at('2026-03-01', '17:00') })).toBe('cancelled');
  });

  it('is overdue when marked so or past its deadline', () => {
    expect(trafficLight(cal, now, open(at('2026-03-30', '17:00'), true))).toBe('overdue');
    expect(trafficLight(cal, now, open(at('2026-03-16', '09:00')))).toBe('overdue');
  });

  it('is due soon up to the end of the third working day ahead, on time after it', () => {
    expect(trafficLight(cal, now, open(at('2026-03-19', '17:00')))).toBe('due_soon');
    expect(trafficLight(cal, now, open(at('2026-03-20', '17:00')))).toBe('on_time');
    expect(trafficLight(cal, now, open(null))).toBe('on_time');
  });

  it('counts working days: a Friday sees due soon across the weekend', () => {
    const friday = at('2026-03-20', '10:00');
    expect(trafficLight(cal, friday, open(at('2026-03-25', '17:00')))).toBe('due_soon');
    expect(trafficLight(cal, friday, open(at('2026-03-26', '17:00')))).toBe('on_time');
  });

  it('takes the worst of several lights', () => {
    expect(worstLight(['done', 'due_soon', 'on_time'])).toBe('due_soon');
    expect(worstLight(['cancelled', 'overdue'])).toBe('overdue');
    expect(worstLight([])).toBe('cancelled');
  });
});

describe("the Chairman's list", () => {
  it('is the last rung of the ladder', () => {
    expect(LADDER_RUNGS.chairmansList).toBe(ESCALATION_LEVELS);
  });

  it('holds units whose item reached the last rung, but not requested bodies', () => {
    expect(onChairmansList({ escalationLevel: LADDER_RUNGS.chairmansList, requested: false })).toBe(true);
    expect(onChairmansList({ escalationLevel: LADDER_RUNGS.monitoringUnit, requested: false })).toBe(false);
    expect(onChairmansList({ escalationLevel: LADDER_RUNGS.chairmansList, requested: true })).toBe(false);
  });
});
