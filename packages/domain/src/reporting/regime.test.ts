import { describe, expect, it } from 'vitest';
import { atLocalTime } from '../calendar/dates.ts';
import { officialOverrides } from '../calendar/official-schedules.ts';
import { WorkingCalendar } from '../calendar/working-calendar.ts';
import { periodDeadlines, periodOf, regimeInputSchema } from './regime.ts';

const cal = new WorkingCalendar({}, officialOverrides);

describe('periods', () => {
  it('cuts weeks, months, quarters, halves and years', () => {
    expect(periodOf('weekly', '2026-02-18')).toEqual({ key: '2026-W08', startsOn: '2026-02-16', endsOn: '2026-02-22' });
    expect(periodOf('weekly', '2027-01-01')).toEqual({ key: '2026-W53', startsOn: '2026-12-28', endsOn: '2027-01-03' });
    expect(periodOf('monthly', '2024-02-10')).toEqual({ key: '2024-02', startsOn: '2024-02-01', endsOn: '2024-02-29' });
    expect(periodOf('quarterly', '2026-05-20')).toEqual({ key: '2026-Q2', startsOn: '2026-04-01', endsOn: '2026-06-30' });
    expect(periodOf('half_yearly', '2026-07-01')).toEqual({ key: '2026-H2', startsOn: '2026-07-01', endsOn: '2026-12-31' });
    expect(periodOf('yearly', '2026-07-01')).toEqual({ key: '2026', startsOn: '2026-01-01', endsOn: '2026-12-31' });
  });
});

describe('due dates', () => {
  it('counts working days after the period and moves a due day off a holiday', () => {
    // January 2026 ends on a Saturday; 3 working days after: 2, 3, 4 February.
    expect(periodDeadlines(cal, { kind: 'working_days_after_end', days: 3 }, periodOf('monthly', '2026-01-15'), 5)).toEqual({
      dueAt: atLocalTime('2026-02-04', '17:00'),
      closesAt: atLocalTime('2026-02-11', '17:00'),
    });
    // "By the 15th of the last month of the quarter": 15 March 2026 is a Sunday, so Monday the 16th.
    expect(periodDeadlines(cal, { kind: 'day_of_last_month', day: 15, at: '17:00' }, periodOf('quarterly', '2026-02-01'), 0).dueAt).toEqual(
      atLocalTime('2026-03-16', '17:00'),
    );
    // Weekly on Friday 16:00; in Tết week (Friday 20 February 2026 is off) it moves to Monday.
    expect(periodDeadlines(cal, { kind: 'weekday', weekday: 5, at: '16:00' }, periodOf('weekly', '2026-02-18'), 0).dueAt).toEqual(
      atLocalTime('2026-02-23', '16:00'),
    );
    // The close counts working days over Tết too.
    expect(periodDeadlines(cal, { kind: 'weekday', weekday: 5, at: '16:00' }, periodOf('weekly', '2026-02-11'), 2).closesAt).toEqual(
      atLocalTime('2026-02-24', '17:00'),
    );
  });

  it('refuses a weekday rule outside weekly regimes', () => {
    expect(regimeInputSchema.safeParse({ kind: 'monthly', dueRule: { kind: 'weekday', weekday: 5 } }).success).toBe(false);
    expect(regimeInputSchema.parse({ kind: 'monthly', dueRule: { kind: 'working_days_after_end', days: 5 } }).closeAfterWorkingDays).toBe(5);
  });
});
