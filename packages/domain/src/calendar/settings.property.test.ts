import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escalationTimes, reminderTimes } from '../policy/follow-up.policy.ts';
import { periodDeadlines, periodOf, regimeKinds } from '../reporting/regime.ts';
import { addDays, localDateOf, ymd } from './dates.ts';
import { resolveDeadline } from './deadline.ts';
import {
  addWorkingDays,
  calendarSettingsSchema,
  endOfWorkingDay,
  nextWorkingMorning,
  nextWorkingTime,
  WorkingCalendar,
  workingDaysBetween,
} from './working-calendar.ts';

/**
 * Any calendar setting the schema accepts is one every later reading can
 * count with: the settings are validated on the way in by the same rules the
 * calendar reads them with, so a value valid when saved never makes a page fail.
 */
const hhmm = fc.oneof(
  fc.tuple(fc.integer({ min: 0, max: 25 }), fc.integer({ min: 0, max: 61 })).map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`),
  fc.constantFrom('24:00', '00:00', '07:30', '11:30', '13:30', '17:00', '23:59', '7:30', ''),
);
const monthDay = fc.oneof(
  fc.tuple(fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 })).map(([m, d]) => `${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`),
  fc.constantFrom('02-29', '02-30', '04-31', '06-31', '09-31', '11-31', '12-31', '01-01'),
);
const wild = fc.record(
  {
    weekend: fc.array(fc.integer({ min: -1, max: 7 }), { maxLength: 8 }),
    workingHours: fc.array(fc.tuple(hhmm, hhmm), { minLength: 0, maxLength: 5 }),
    extraHolidays: fc.array(fc.record({ monthDay, nameVi: fc.constant('Ngày lễ'), nameEn: fc.constant('Holiday') }), { maxLength: 4 }),
  },
  { requiredKeys: [] },
);
/** Settings a province might really choose: a weekend of distinct days, ordered working periods (down to a minute long), real days. */
const minute = fc.integer({ min: 0, max: 23 * 60 + 59 });
const time = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
const plausible = fc.record(
  {
    weekend: fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { maxLength: 6 }),
    workingHours: fc.uniqueArray(minute, { minLength: 2, maxLength: 8 }).map((ms) => {
      const sorted = [...ms].sort((a, b) => a - b);
      const pairs: [string, string][] = [];
      for (let i = 0; i + 1 < sorted.length && pairs.length < 4; i += 2) pairs.push([time(sorted[i]!), time(sorted[i + 1]!)]);
      return pairs;
    }),
    extraHolidays: fc.array(fc.record({ monthDay, nameVi: fc.constant('Ngày lễ'), nameEn: fc.constant('Holiday') }), { maxLength: 4 }),
  },
  { requiredKeys: [] },
);
const settings = fc.oneof(wild, plausible);

describe('calendar settings', () => {
  it('that are accepted leave every calendar reading working, in any year', () => {
    let accepted = 0;
    fc.assert(
      fc.property(
        settings,
        fc.integer({ min: 1968, max: 2099 }),
        fc.integer({ min: 0, max: 364 }),
        fc.integer({ min: 0, max: 86_399 }),
        (input, year, dayOfYear, second) => {
          const parsed = calendarSettingsSchema.safeParse(input);
          if (!parsed.success) return;
          accepted++;
          const cal = new WorkingCalendar(parsed.data);
          const day = addDays(ymd(year, 1, 1), dayOfYear);
          const instant = new Date(Date.parse(`${day}T00:00:00+07:00`) + second * 1000);
          expect(cal.specialDays(year).length).toBeGreaterThan(0);
          expect(workingDaysBetween(cal, ymd(year - 1, 12, 31), ymd(year, 12, 31))).toBeGreaterThan(0);
          const due = resolveDeadline(cal, { kind: 'working_days', days: 30 }, day)!;
          expect(cal.isWorkingDay(localDateOf(due))).toBe(true);
          expect(cal.isWorkingDay(localDateOf(resolveDeadline(cal, { kind: 'date', date: day }, day)!))).toBe(true);
          expect(endOfWorkingDay(cal, addWorkingDays(cal, day, 3)).getTime()).toBeGreaterThan(instant.getTime() - 86_400_000);
          expect(nextWorkingTime(cal, instant).getTime()).toBeGreaterThanOrEqual(instant.getTime());
          expect(nextWorkingMorning(cal, instant).getTime()).toBeGreaterThan(instant.getTime());
          reminderTimes(cal, { reminders: [{ workingDaysBefore: 3, at: '07:30' }, { workingDaysBefore: 0, at: '07:30' }, { hoursBefore: 2 }] }, due, instant);
          expect(escalationTimes(cal, { steps: [{ workingDaysAfter: 0 }, { workingDaysAfter: 2 }, { hoursAfter: 30 }] }, due)).toHaveLength(3);
          for (const kind of regimeKinds.filter((k) => k !== 'ad_hoc' && k !== 'end_of_campaign')) {
            const p = periodOf(kind, day);
            periodDeadlines(cal, { kind: 'working_days_after_end', days: 5 }, p, 5);
            periodDeadlines(cal, { kind: 'day_of_last_month', day: 31, at: '17:00' }, p, 5);
          }
        },
      ),
      { numRuns: 400, seed: 20261203 },
    );
    // The generator must reach accepted settings often enough for the property to mean something.
    expect(accepted).toBeGreaterThan(40);
  });

  it('that read as impossible are refused with the field named', () => {
    for (const [input, field] of [
      [{ extraHolidays: [{ monthDay: '02-30', nameVi: 'x', nameEn: 'x' }] }, 'extraHolidays'],
      [{ extraHolidays: [{ monthDay: '02-29', nameVi: 'x', nameEn: 'x' }] }, 'extraHolidays'],
      [
        {
          workingHours: [
            ['13:30', '17:00'],
            ['07:30', '11:30'],
          ],
        },
        'workingHours',
      ],
      [{ workingHours: [['17:00', '07:30']] }, 'workingHours'],
      [{ workingHours: [['17:00', '24:00']] }, 'workingHours'],
      [{}, ''],
    ] as const) {
      const r = calendarSettingsSchema.safeParse(input);
      expect(r.success, JSON.stringify(input)).toBe(false);
      expect(r.error!.issues[0]!.path.join('.').startsWith(field)).toBe(true);
    }
  });
});
