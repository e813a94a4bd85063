import { describe, expect, it } from 'vitest';
import { atLocalTime } from '../calendar/dates.ts';
import { officialOverrides } from '../calendar/official-schedules.ts';
import { WorkingCalendar } from '../calendar/working-calendar.ts';
import { escalationPolicySchema, escalationTimes, reminderPolicySchema, reminderTimes } from './follow-up.policy.ts';

const cal = new WorkingCalendar({}, officialOverrides);
const at = atLocalTime;

describe('reminder times', () => {
  const policy = reminderPolicySchema.parse({ reminders: [{ workingDaysBefore: 3 }, { workingDaysBefore: 1 }, { workingDaysBefore: 0 }] });

  it('counts working days back from the deadline, mornings at 07:30', () => {
    // Due Friday 20 March 2026 at 17:00.
    expect(reminderTimes(cal, policy, at('2026-03-20', '17:00'), at('2026-03-01', '00:00'))).toEqual([
      at('2026-03-17', '07:30'),
      at('2026-03-19', '07:30'),
      at('2026-03-20', '07:30'),
    ]);
  });

  it('counts across Tết and never reminds on a day off or at night', () => {
    // Due Tuesday 24 February 2026, after nine days off for Tết.
    expect(reminderTimes(cal, policy, at('2026-02-24', '17:00'), at('2026-02-01', '00:00'))).toEqual([
      at('2026-02-12', '07:30'), // three working days back: Thursday before Tết
      at('2026-02-23', '07:30'),
      at('2026-02-24', '07:30'),
    ]);
    const night = reminderPolicySchema.parse({ reminders: [{ hoursBefore: 20 }] });
    expect(reminderTimes(cal, night, at('2026-03-20', '17:00'), at('2026-03-01', '00:00'))).toEqual([at('2026-03-20', '07:30')]);
  });

  it('drops reminders already past and ones that coincide', () => {
    expect(reminderTimes(cal, policy, at('2026-03-20', '17:00'), at('2026-03-18', '12:00'))).toEqual([at('2026-03-19', '07:30'), at('2026-03-20', '07:30')]);
    const twice = reminderPolicySchema.parse({ reminders: [{ workingDaysBefore: 0, at: '06:00' }, { workingDaysBefore: 0 }] });
    expect(reminderTimes(cal, twice, at('2026-03-20', '17:00'), at('2026-03-01', '00:00'))).toEqual([at('2026-03-20', '07:30')]);
  });
});

describe('escalation times', () => {
  it('puts the rungs at the next working time after the deadline and N working days later', () => {
    const ladder = escalationPolicySchema.parse({ steps: [{ workingDaysAfter: 0 }, { workingDaysAfter: 2 }, { workingDaysAfter: 5 }] });
    // Due Friday 13 February 2026 at 17:00, the last working day before Tết.
    expect(escalationTimes(cal, ladder, at('2026-02-13', '17:00'))).toEqual([at('2026-02-23', '07:30'), at('2026-02-24', '07:30'), at('2026-02-27', '07:30')]);
  });

  it('takes exactly three rungs', () => {
    expect(escalationPolicySchema.safeParse({ steps: [{ workingDaysAfter: 0 }] }).success).toBe(false);
  });
});
