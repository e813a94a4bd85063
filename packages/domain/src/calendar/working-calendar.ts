import { addDays, atLocalTime, dayOfWeek, isYearlyMonthDay, localDateOf, localMinutesOf, minutesOf, type LocalDate } from './dates.ts';
import { statutoryHolidays } from './holidays.ts';
import { z } from 'zod';
import { localDate, text } from '../text.schema.ts';

/** A decision for one day that overrides the rules: a day off (a swap, an extra Tết day) or a working day (a make-up Saturday). */
export interface CalendarOverride {
  date: LocalDate;
  kind: 'day_off' | 'working_day';
  reason: string;
}

/** A decision as the API and the CLI take it. */
export const calendarOverrideSchema = z.strictObject({
  date: localDate,
  kind: z.enum(['day_off', 'working_day']),
  reason: text({ min: 1, max: 300 }),
});

// Up to 23:59: a working day that ended at 24:00 would end on the next date, which may be a day off.
const timeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'giờ có dạng hh:mm, đến 23:59 / a time is hh:mm, up to 23:59');

/** Working periods in order, each ending after it starts, none overlapping: what the calendar can count with. */
export function areWorkingHoursValid(hours: readonly (readonly [string, string])[]): boolean {
  return hours.length > 0 && hours.every(([a, b], i, all) => a < b && (i === 0 || all[i - 1]![1] <= a));
}

/** Settings as the API takes them: any of the three, each checked, at least one. */
export const calendarSettingsSchema = z
  .strictObject({
    weekend: z.array(z.number().int().min(0).max(6)).max(6),
    workingHours: z
      .array(z.tuple([timeOfDay, timeOfDay]))
      .min(1)
      .max(4),
    extraHolidays: z
      .array(
        z.strictObject({
          monthDay: z
            .string()
            .regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'ngày có dạng mm-dd / a day is mm-dd')
            .refine(
              isYearlyMonthDay,
              'ngày có dạng mm-dd và có trong mọi năm (không nhận 30/02, 31/04 hay 29/02) / a day is mm-dd and in every year (not 02-30, 04-31 or 02-29)',
            ),
          nameVi: text({ min: 1, max: 200 }),
          nameEn: text({ min: 1, max: 200 }),
        }),
      )
      .max(10),
  })
  .partial()
  .refine((s) => !s.workingHours || areWorkingHoursValid(s.workingHours), {
    message: 'giờ làm việc phải tăng dần, không chồng nhau / working periods must be ordered and not overlap',
    path: ['workingHours'],
  })
  .refine((s) => Object.keys(s).length > 0, 'cần ít nhất một thiết lập để thay đổi / give at least one setting to change');

export interface CalendarSettings {
  /** Days of the week not worked, 0 = Sunday. Default Saturday and Sunday. */
  weekend: readonly number[];
  /** Working periods of a day, local `hh:mm`. Default 07:30–11:30 and 13:30–17:00. */
  workingHours: readonly (readonly [string, string])[];
  /** Yearly holidays beyond the Labor Code's, by `mm-dd` (none by default). */
  extraHolidays: readonly { monthDay: string; nameVi: string; nameEn: string }[];
}

export const defaultCalendarSettings: CalendarSettings = {
  weekend: [0, 6],
  workingHours: [
    ['07:30', '11:30'],
    ['13:30', '17:00'],
  ],
  extraHolidays: [],
};

export type DayKind = 'working' | 'weekend' | 'holiday' | 'compensatory' | 'day_off' | 'make_up';

/** What a day is and why. `working` is true for working days, including make-up Saturdays. */
export interface DayInfo {
  date: LocalDate;
  working: boolean;
  kind: DayKind;
  reasonVi: string | null;
  reasonEn: string | null;
}

/**
 * The working-day calendar of a province: weekends, the statutory holidays
 * (lunar ones included), compensatory days for holidays on a weekend
 * (Labor Code art. 111(3): the next working day), and the Government's
 * decisions as overrides, which win.
 */
export class WorkingCalendar {
  readonly settings: CalendarSettings;
  readonly #overrides: ReadonlyMap<LocalDate, CalendarOverride>;
  readonly #years = new Map<number, Map<LocalDate, DayInfo>>();
  readonly #periods: readonly (readonly [number, number])[];

  constructor(settings: Partial<CalendarSettings> = {}, overrides: readonly CalendarOverride[] = []) {
    this.settings = { ...defaultCalendarSettings, ...settings };
    this.#overrides = new Map(overrides.map((o) => [o.date, o]));
    this.#periods = this.settings.workingHours.map(([a, b]) => [minutesOf(a), minutesOf(b)] as const);
    if (!areWorkingHoursValid(this.settings.workingHours)) throw new RangeError('working hours must be ordered, non-overlapping periods');
  }

  /** Days of a year that differ from an ordinary weekday-or-weekend rule: holidays, compensatory days, overrides. */
  #special(year: number): Map<LocalDate, DayInfo> {
    let days = this.#years.get(year);
    if (days) return days;
    days = new Map();
    const weekend = (d: LocalDate) => this.settings.weekend.includes(dayOfWeek(d));
    const holidays = statutoryHolidays(year, this.settings.extraHolidays);
    for (const h of holidays) days.set(h.date, { date: h.date, working: false, kind: 'holiday', reasonVi: h.nameVi, reasonEn: h.nameEn });
    for (const h of holidays) {
      if (!weekend(h.date)) continue;
      let d = addDays(h.date, 1);
      while (weekend(d) || days.has(d)) d = addDays(d, 1);
      days.set(d, { date: d, working: false, kind: 'compensatory', reasonVi: `Nghỉ bù ${h.nameVi}`, reasonEn: `In lieu of ${h.nameEn}` });
    }
    for (const o of this.#overrides.values()) {
      if (!o.date.startsWith(`${year}-`)) continue;
      days.set(o.date, {
        date: o.date,
        working: o.kind === 'working_day',
        kind: o.kind === 'working_day' ? 'make_up' : 'day_off',
        reasonVi: o.reason,
        reasonEn: o.kind === 'working_day' ? 'Working day by decision' : 'Day off by decision',
      });
    }
    this.#years.set(year, days);
    return days;
  }

  day(date: LocalDate): DayInfo {
    const special = this.#special(Number(date.slice(0, 4))).get(date);
    if (special) return special;
    const weekend = this.settings.weekend.includes(dayOfWeek(date));
    return weekend
      ? { date, working: false, kind: 'weekend', reasonVi: 'Nghỉ cuối tuần', reasonEn: 'Weekend' }
      : { date, working: true, kind: 'working', reasonVi: null, reasonEn: null };
  }

  isWorkingDay(date: LocalDate): boolean {
    return this.day(date).working;
  }

  /** The holidays, compensatory days, days off and make-up days of a year, in date order (ordinary weekends left out). */
  specialDays(year: number): DayInfo[] {
    return [...this.#special(year).values()].sort((a, b) => a.date.localeCompare(b.date));
  }

  /** Working-period boundaries in minutes since midnight. */
  get periods(): readonly (readonly [number, number])[] {
    return this.#periods;
  }
}

export function nextWorkingDay(cal: WorkingCalendar, date: LocalDate): LocalDate {
  let d = addDays(date, 1);
  while (!cal.isWorkingDay(d)) d = addDays(d, 1);
  return d;
}

/** `date` if it is a working day, else the next one: where a time limit ending on a day off moves (Civil Code art. 148(5)). */
export function onOrNextWorkingDay(cal: WorkingCalendar, date: LocalDate): LocalDate {
  return cal.isWorkingDay(date) ? date : nextWorkingDay(cal, date);
}

export function previousWorkingDay(cal: WorkingCalendar, date: LocalDate): LocalDate {
  let d = addDays(date, -1);
  while (!cal.isWorkingDay(d)) d = addDays(d, -1);
  return d;
}

/** The N-th working day after `date` (N ≥ 1); N = 0 gives `date` itself. */
export function addWorkingDays(cal: WorkingCalendar, date: LocalDate, n: number): LocalDate {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`working days must be a whole number ≥ 0: ${n}`);
  let d = date;
  for (let left = n; left > 0; left--) d = nextWorkingDay(cal, d);
  return d;
}

/** Working days after `from` up to and including `to` (negative when `to` is before `from`). */
export function workingDaysBetween(cal: WorkingCalendar, from: LocalDate, to: LocalDate): number {
  if (to < from) {
    const back = workingDaysBetween(cal, to, from);
    return back === 0 ? 0 : -back;
  }
  let count = 0;
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (cal.isWorkingDay(d)) count++;
  return count;
}

const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** The end of the last working period of `date`, as an instant. */
export function endOfWorkingDay(cal: WorkingCalendar, date: LocalDate): Date {
  return atLocalTime(date, hhmm(cal.periods.at(-1)![1]));
}

/** The start of the first working period of `date`. */
export function startOfWorkingDay(cal: WorkingCalendar, date: LocalDate): Date {
  return atLocalTime(date, hhmm(cal.periods[0]![0]));
}

/** Whether people are at work at this instant: a working day, inside a working period. */
export function isWorkingTime(cal: WorkingCalendar, instant: Date): boolean {
  if (!cal.isWorkingDay(localDateOf(instant))) return false;
  const m = localMinutesOf(instant);
  return cal.periods.some(([a, b]) => m >= a && m < b);
}

/**
 * The instant itself if it is working time, otherwise the start of the next
 * working period: after lunch, the afternoon; at night or on a day off, the
 * next working morning.
 */
export function nextWorkingTime(cal: WorkingCalendar, instant: Date): Date {
  if (isWorkingTime(cal, instant)) return instant;
  const date = localDateOf(instant);
  if (cal.isWorkingDay(date)) {
    const m = localMinutesOf(instant);
    const later = cal.periods.find(([a]) => a > m);
    if (later) return atLocalTime(date, hhmm(later[0]));
  }
  return startOfWorkingDay(cal, nextWorkingDay(cal, date));
}

/** The start of the next working day's first period, strictly after the instant's day. */
export function nextWorkingMorning(cal: WorkingCalendar, instant: Date): Date {
  return startOfWorkingDay(cal, nextWorkingDay(cal, localDateOf(instant)));
}
