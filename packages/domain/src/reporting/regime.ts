import { z } from 'zod';
import { addDays, atLocalTime, dayOfWeek, localDateOf, ymd, type LocalDate } from '../calendar/dates.ts';
import { addWorkingDays, endOfWorkingDay, onOrNextWorkingDay, type WorkingCalendar } from '../calendar/working-calendar.ts';
import { localDate } from '../text.schema.ts';
import { issueText } from '../validation.ts';

/**
 * Reporting regimes: when a period closes and when each unit's report on it is
 * due. "Báo cáo tháng trước ngày 05 của tháng sau", "hằng tuần, thứ Sáu 16 giờ",
 * "trước ngày 15 của tháng cuối quý", "sau 5 ngày làm việc kể từ khi kết thúc đợt".
 */
export const regimeKinds = ['weekly', 'monthly', 'quarterly', 'half_yearly', 'yearly', 'end_of_campaign', 'ad_hoc'] as const;
export type RegimeKind = (typeof regimeKinds)[number];

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, issueText('validation.time'));

export const dueRuleSchema = z.discriminatedUnion('kind', [
  /** N working days after the period ends, at the end of that working day. */
  z.strictObject({ kind: z.literal('working_days_after_end'), days: z.number().int().min(0).max(60) }),
  /** A day of the period's last month ("by the 15th of the last month of the quarter"), at a time. */
  z.strictObject({ kind: z.literal('day_of_last_month'), day: z.number().int().min(1).max(31), at: time.default('17:00') }),
  /** A weekday of the period's week, for weekly regimes ("every Friday 16:00"): 1 Monday … 5 Friday. */
  z.strictObject({ kind: z.literal('weekday'), weekday: z.number().int().min(1).max(7), at: time.default('16:00') }),
  /** One date, for an ad hoc report. */
  z.strictObject({ kind: z.literal('date'), date: localDate, at: time.default('17:00') }),
]);
export type DueRule = z.infer<typeof dueRuleSchema>;

export const regimeInputSchema = z
  .strictObject({
    kind: z.enum(regimeKinds),
    dueRule: dueRuleSchema,
    closeAfterWorkingDays: z.number().int().min(0).max(60).default(5),
  })
  .refine((r) => r.kind === 'weekly' || r.dueRule.kind !== 'weekday', {
    message: issueText('validation.weekdayWeekly'),
    path: ['dueRule'],
  })
  .refine((r) => r.kind !== 'weekly' || r.dueRule.kind !== 'day_of_last_month', {
    message: issueText('validation.weeklyNoLastMonth'),
    path: ['dueRule'],
  });
export type RegimeInput = z.infer<typeof regimeInputSchema>;

export interface Period {
  key: string;
  startsOn: LocalDate;
  endsOn: LocalDate;
}

const monthEnd = (y: number, m: number) => addDays(ymd(m === 12 ? y + 1 : y, m === 12 ? 1 : m + 1, 1), -1);

/** The period of a regime that holds a date (campaign and ad hoc periods are given, not computed). */
export function periodOf(kind: RegimeKind, date: LocalDate): Period {
  const [y, m] = date.split('-').map(Number) as [number, number];
  switch (kind) {
    case 'weekly': {
      const monday = addDays(date, -((dayOfWeek(date) + 6) % 7));
      // ISO week number: the week holding the year's first Thursday is week 1.
      const thursday = addDays(monday, 3);
      const ty = Number(thursday.slice(0, 4));
      const week = Math.floor((Date.parse(thursday) - Date.parse(`${ty}-01-01`)) / 86_400_000 / 7) + 1;
      return { key: `${ty}-W${String(week).padStart(2, '0')}`, startsOn: monday, endsOn: addDays(monday, 6) };
    }
    case 'monthly':
      return { key: `${y}-${String(m).padStart(2, '0')}`, startsOn: ymd(y, m, 1), endsOn: monthEnd(y, m) };
    case 'quarterly': {
      const q = Math.ceil(m / 3);
      return { key: `${y}-Q${q}`, startsOn: ymd(y, q * 3 - 2, 1), endsOn: monthEnd(y, q * 3) };
    }
    case 'half_yearly': {
      const h = m <= 6 ? 1 : 2;
      return { key: `${y}-H${h}`, startsOn: ymd(y, h === 1 ? 1 : 7, 1), endsOn: monthEnd(y, h === 1 ? 6 : 12) };
    }
    case 'yearly':
      return { key: `${y}`, startsOn: ymd(y, 1, 1), endsOn: ymd(y, 12, 31) };
    default:
      throw new RangeError(`a ${kind} period is given, not computed`);
  }
}

/**
 * When units' reports on a period are due, and when the period closes (reports
 * still missing then are missing). A due day that is not a working day moves
 * to the next working day.
 */
export function periodDeadlines(cal: WorkingCalendar, rule: DueRule, period: Period, closeAfterWorkingDays: number): { dueAt: Date; closesAt: Date } {
  let dueAt: Date;
  switch (rule.kind) {
    case 'working_days_after_end':
      dueAt = endOfWorkingDay(cal, rule.days > 0 ? addWorkingDays(cal, period.endsOn, rule.days) : onOrNextWorkingDay(cal, period.endsOn));
      break;
    case 'day_of_last_month': {
      const [y, m] = period.endsOn.split('-').map(Number) as [number, number];
      const last = Number(monthEnd(y, m).slice(8));
      dueAt = atLocalTime(onOrNextWorkingDay(cal, ymd(y, m, Math.min(rule.day, last))), rule.at);
      break;
    }
    case 'weekday':
      dueAt = atLocalTime(onOrNextWorkingDay(cal, addDays(period.startsOn, rule.weekday - 1)), rule.at);
      break;
    case 'date':
      dueAt = atLocalTime(onOrNextWorkingDay(cal, rule.date), rule.at);
      break;
  }
  const closesAt = closeAfterWorkingDays === 0 ? dueAt : endOfWorkingDay(cal, addWorkingDays(cal, localDateOf(dueAt), closeAfterWorkingDays));
  return { dueAt, closesAt };
}
