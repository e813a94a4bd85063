import { describe, expect, it } from 'vitest';
import { addWorkingDays, atLocalTime, formatInstant, isWorkingDay, localDateOf, weekendCalendar } from './calendar.ts';
import { resolveDeadline } from './deadline.ts';

const cal = weekendCalendar();

describe('weekend calendar', () => {
  it('skips Saturday and Sunday when adding working days', () => {
    expect(addWorkingDays(cal, '2024-01-05', 1)).toBe('2024-01-08'); // Friday + 1 = Monday
    expect(addWorkingDays(cal, '2024-01-03', 5)).toBe('2024-01-10');
    expect(addWorkingDays(cal, '2024-01-06', 0)).toBe('2024-01-06');
  });

  it('honours extra days off and make-up Saturdays', () => {
    const c = weekendCalendar({ daysOff: new Set(['2024-01-08']), workingWeekendDays: new Set(['2024-01-06']) });
    expect(isWorkingDay(c, '2024-01-06')).toBe(true);
    expect(addWorkingDays(c, '2024-01-05', 2)).toBe('2024-01-09');
  });

  it('maps local times to UTC instants at +07:00', () => {
    expect(atLocalTime('2024-01-10', '17:00').toISOString()).toBe('2024-01-10T10:00:00.000Z');
    expect(localDateOf(new Date('2024-01-10T18:30:00Z'))).toBe('2024-01-11');
  });

  it('rejects impossible dates', () => {
    expect(() => addWorkingDays(cal, '2024-02-30', 1)).toThrow(/no such date/);
  });
});

describe('resolveDeadline', () => {
  it('resolves each kind of deadline', () => {
    expect(resolveDeadline(cal, { kind: 'date', date: '2024-01-31' }, '2024-01-02')?.toISOString()).toBe(
      '2024-01-31T10:00:00.000Z',
    );
    expect(resolveDeadline(cal, { kind: 'working_days', days: 5 }, '2024-01-03')?.toISOString()).toBe(
      '2024-01-10T10:00:00.000Z',
    );
    expect(resolveDeadline(cal, { kind: 'standing' }, '2024-01-03')).toBeNull();
  });
});

describe('formatInstant', () => {
  it('shows Vietnam time', () => {
    expect(formatInstant(new Date('2024-02-02T10:00:00Z'))).toBe('02/02/2024 17:00');
    expect(formatInstant(new Date('2024-02-02T18:05:00Z'))).toBe('03/02/2024 01:05');
  });
});
