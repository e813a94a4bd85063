import { describe, expect, it } from 'vitest';
import { addDays, atLocalTime, dayOfWeek, daysBetween, formatInstant, localDateOf, localMinutesOf } from './dates.ts';

describe('local dates in Vietnam', () => {
  it('maps local times to UTC instants at +07:00 and back', () => {
    expect(atLocalTime('2024-01-10', '17:00').toISOString()).toBe('2024-01-10T10:00:00.000Z');
    expect(localDateOf(new Date('2024-01-10T18:30:00Z'))).toBe('2024-01-11');
    expect(localMinutesOf(new Date('2024-01-10T18:30:00Z'))).toBe(90);
  });

  it('does date arithmetic across months and leap years', () => {
    expect(addDays('2024-02-28', 2)).toBe('2024-03-01');
    expect(daysBetween('2023-12-30', '2024-01-02')).toBe(3);
    expect(dayOfWeek('2024-02-10')).toBe(6);
  });

  it('rejects impossible dates and times', () => {
    expect(() => addDays('2024-02-30', 1)).toThrow(/no such date/);
    expect(() => atLocalTime('2024-02-01', '24:01')).toThrow(/hh:mm/);
  });

  it('shows Vietnam time', () => {
    expect(formatInstant(new Date('2024-02-02T10:00:00Z'))).toBe('02/02/2024 17:00');
    expect(formatInstant(new Date('2024-02-02T18:05:00Z'))).toBe('03/02/2024 01:05');
  });
});
