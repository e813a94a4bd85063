import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays, atLocalTime, ymd } from './dates.ts';
import { resolveDeadline } from './deadline.ts';
import { officialOverrides } from './official-schedules.ts';
import {
  WorkingCalendar,
  addWorkingDays,
  endOfWorkingDay,
  isWorkingTime,
  nextWorkingDay,
  nextWorkingMorning,
  nextWorkingTime,
  previousWorkingDay,
  workingDaysBetween,
} from './working-calendar.ts';

const official = new WorkingCalendar({}, officialOverrides);
const rules = new WorkingCalendar(); // the statutory rules alone, no decisions

/** Every date from..to (inclusive) that is not a working day. */
const offDays = (cal: WorkingCalendar, from: string, to: string) => {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) if (!cal.isWorkingDay(d)) out.push(d);
  return out;
};
const range = (from: string, to: string) => {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
};

describe('statutory holidays', () => {
  it('lists a year by the rules: Tết around mùng 1, Giỗ Tổ, 30/4, 1/5, 2/9 with its adjacent day, and days in lieu', () => {
    expect(rules.specialDays(2027).map((d) => [d.date, d.kind])).toEqual([
      ['2027-01-01', 'holiday'],
      ['2027-02-05', 'holiday'], // the last day of the old year
      ['2027-02-06', 'holiday'], // mùng 1, a Saturday
      ['2027-02-07', 'holiday'],
      ['2027-02-08', 'holiday'],
      ['2027-02-09', 'holiday'],
      ['2027-02-10', 'compensatory'], // for Saturday mùng 1
      ['2027-02-11', 'compensatory'], // for Sunday mùng 2
      ['2027-04-16', 'holiday'], // Giỗ Tổ
      ['2027-04-30', 'holiday'],
      ['2027-05-01', 'holiday'], // a Saturday
      ['2027-05-03', 'compensatory'],
      ['2027-09-02', 'holiday'], // a Thursday: the adjacent day is Friday 3/9
      ['2027-09-03', 'holiday'],
    ]);
    expect(rules.day('2027-05-03')).toMatchObject({ working: false, reasonVi: 'Nghỉ bù Ngày Quốc tế Lao động (1/5)' });
  });

  it('joins 2/9 to a weekend with its adjacent day, as decided in recent years', () => {
    const adjacent = (y: number) =>
      rules
        .specialDays(y)
        .filter((d) => d.reasonEn === 'National Day (adjacent day)')
        .map((d) => d.date);
    expect(adjacent(2021)).toEqual(['2021-09-03']); // Thursday 2/9
    expect(adjacent(2022)).toEqual(['2022-09-01']); // Friday
    expect(adjacent(2023)).toEqual(['2023-09-01']); // Saturday, and Monday 4/9 in lieu
    expect(rules.day('2023-09-04').kind).toBe('compensatory');
    expect(adjacent(2024)).toEqual(['2024-09-03']); // Monday
    expect(adjacent(2025)).toEqual(['2025-09-01']); // Tuesday
    expect(adjacent(2026)).toEqual(['2026-09-01']); // Wednesday
  });

  it('gives a day in lieu for Giỗ Tổ on a Sunday', () => {
    expect(rules.day('2026-04-26')).toMatchObject({ working: false, kind: 'holiday' });
    expect(rules.day('2026-04-27')).toMatchObject({ working: false, kind: 'compensatory', reasonVi: 'Nghỉ bù Giỗ Tổ Hùng Vương (10/3 âm lịch)' });
  });
});

describe('the Government’s decisions for 2024–2026', () => {
  it('2024: Tết 8/2–14/2, 27/4–1/5 with Saturday 4/5 worked, 31/8–3/9', () => {
    expect(offDays(official, '2024-01-01', '2024-12-31').filter((d) => ![0, 6].includes(new Date(d).getUTCDay()))).toEqual([
      '2024-01-01',
      ...range('2024-02-08', '2024-02-14').filter((d) => !['2024-02-10', '2024-02-11'].includes(d)),
      '2024-04-18',
      '2024-04-29',
      '2024-04-30',
      '2024-05-01',
      '2024-09-02',
      '2024-09-03',
    ]);
    expect(official.isWorkingDay('2024-02-15')).toBe(true);
    expect(official.day('2024-05-04')).toMatchObject({ working: true, kind: 'make_up' });
  });

  it('2025: Tết 25/1–2/2, 30/4–4/5 with Saturday 26/4 worked, 30/8–2/9', () => {
    expect(offDays(official, '2025-01-25', '2025-02-03')).toEqual(range('2025-01-25', '2025-02-02'));
    expect(offDays(official, '2025-04-26', '2025-05-05')).toEqual(['2025-04-27', ...range('2025-04-30', '2025-05-04')]);
    expect(official.isWorkingDay('2025-04-26')).toBe(true);
    expect(offDays(official, '2025-08-29', '2025-09-03')).toEqual(range('2025-08-30', '2025-09-02'));
  });

  it('2026: 1/1–4/1 with Saturday 10/1 worked, Tết 14/2–22/2, 25/4–27/4, 30/4–3/5, 29/8–2/9 with Saturday 22/8 worked', () => {
    expect(offDays(official, '2026-01-01', '2026-01-11')).toEqual([...range('2026-01-01', '2026-01-04'), '2026-01-11']);
    expect(offDays(official, '2026-02-13', '2026-02-23')).toEqual(range('2026-02-14', '2026-02-22'));
    expect(offDays(official, '2026-04-24', '2026-05-04')).toEqual([...range('2026-04-25', '2026-04-27'), ...range('2026-04-30', '2026-05-03')]);
    expect(offDays(official, '2026-08-21', '2026-09-03')).toEqual(['2026-08-23', ...range('2026-08-29', '2026-09-02')]);
  });

  it('names each decision', () => {
    expect(official.day('2026-01-10').reasonVi).toBe('Làm bù cho ngày nghỉ 2/1 (Công văn 12729/VPCP-KGVX)');
  });
});

describe('working-day arithmetic', () => {
  it('counts across Tết', () => {
    expect(nextWorkingDay(official, '2024-02-07')).toBe('2024-02-15');
    expect(addWorkingDays(official, '2024-02-05', 5)).toBe('2024-02-19');
    expect(previousWorkingDay(official, '2026-02-23')).toBe('2026-02-13');
    expect(workingDaysBetween(official, '2026-02-13', '2026-02-23')).toBe(1);
  });

  it('counts across a long weekend and onto a make-up Saturday', () => {
    expect(addWorkingDays(official, '2025-04-29', 1)).toBe('2025-05-05');
    expect(addWorkingDays(official, '2025-04-25', 1)).toBe('2025-04-26');
    expect(workingDaysBetween(official, '2025-04-25', '2025-05-05')).toBe(4); // 26/4, 28/4, 29/4, 5/5
  });

  it('follows a configured weekend', () => {
    const sixDays = new WorkingCalendar({ weekend: [0] });
    expect(sixDays.isWorkingDay('2027-03-06')).toBe(true); // a Saturday
    expect(sixDays.day('2027-05-01').kind).toBe('holiday'); // Saturday 1/5 is simply the holiday...
    expect(sixDays.isWorkingDay('2027-05-03')).toBe(true); // ...with no day in lieu
  });

  it('adds N working days and counts N back, always landing on a working day', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2090-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.nat({ max: 250 }),
        (start, n) => {
          const from = start.toISOString().slice(0, 10);
          const to = addWorkingDays(official, from, n);
          expect(workingDaysBetween(official, from, to)).toBe(n);
          if (n > 0) expect(official.isWorkingDay(to)).toBe(true);
          expect(workingDaysBetween(official, to, from)).toBe(n === 0 ? 0 : -n);
        },
      ),
      { numRuns: 500 },
    );
  });
});

const at = (date: string, time: string) => atLocalTime(date, time);

describe('working hours', () => {
  it('ends the working day at 17:00 and knows when people are at work', () => {
    expect(endOfWorkingDay(official, '2026-03-10')).toEqual(at('2026-03-10', '17:00'));
    expect(isWorkingTime(official, at('2026-03-10', '09:00'))).toBe(true);
    expect(isWorkingTime(official, at('2026-03-10', '12:00'))).toBe(false);
    expect(isWorkingTime(official, at('2026-02-18', '09:00'))).toBe(false); // Tết
  });

  it('moves a moment outside working hours to the next working time', () => {
    expect(nextWorkingTime(official, at('2026-03-10', '09:00'))).toEqual(at('2026-03-10', '09:00'));
    expect(nextWorkingTime(official, at('2026-03-10', '06:00'))).toEqual(at('2026-03-10', '07:30'));
    expect(nextWorkingTime(official, at('2026-03-10', '12:00'))).toEqual(at('2026-03-10', '13:30'));
    expect(nextWorkingTime(official, at('2026-03-10', '21:00'))).toEqual(at('2026-03-11', '07:30'));
    expect(nextWorkingTime(official, at('2026-02-13', '18:00'))).toEqual(at('2026-02-23', '07:30')); // over Tết
    expect(nextWorkingMorning(official, at('2026-03-10', '06:00'))).toEqual(at('2026-03-11', '07:30'));
  });

  it('takes other hours when the province sets them', () => {
    const cal = new WorkingCalendar({
      workingHours: [
        ['08:00', '12:00'],
        ['13:00', '17:30'],
      ],
    });
    expect(endOfWorkingDay(cal, '2026-03-10')).toEqual(at('2026-03-10', '17:30'));
    expect(nextWorkingTime(cal, at('2026-03-10', '12:15'))).toEqual(at('2026-03-10', '13:00'));
    expect(() => new WorkingCalendar({ workingHours: [['13:00', '12:00']] })).toThrow(/working hours/);
  });
});

describe('deadlines', () => {
  it('resolves "N working days from issue" across Tết, and a date on a day off to the next working day', () => {
    expect(resolveDeadline(official, { kind: 'working_days', days: 5 }, '2026-02-11')).toEqual(at('2026-02-25', '17:00'));
    expect(resolveDeadline(official, { kind: 'date', date: '2026-02-18' }, '2026-01-05')).toEqual(at('2026-02-23', '17:00'));
    expect(resolveDeadline(official, { kind: 'date', date: '2026-03-10' }, '2026-01-05')).toEqual(at('2026-03-10', '17:00'));
    expect(resolveDeadline(official, { kind: 'standing' }, '2026-01-05')).toBeNull();
    expect(ymd(2026, 2, 3)).toBe('2026-02-03');
  });
});
