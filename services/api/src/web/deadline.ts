import { formatDate, formatNumber, localDateOf, say, workingDaysBetween, type WorkingCalendar } from '@dondoc/domain';
import type { Lang } from './html.ts';

/** A day as people write it: dd/mm/yyyy, in Asia/Ho_Chi_Minh. */
export const dayOf = (at: Date | string): string => formatDate(localDateOf(new Date(at)));

/**
 * How far an open item is from its deadline, in working days of the calendar:
 * "còn 3 ngày làm việc", "quá hạn 12 ngày làm việc", "đến hạn hôm nay"; empty
 * without a deadline.
 */
export function timeLeft(cal: WorkingCalendar, now: Date, dueAt: Date | string | null, lang: Lang): string {
  if (!dueAt) return '';
  const t = say(lang);
  const due = new Date(dueAt);
  const days = workingDaysBetween(cal, localDateOf(now), localDateOf(due));
  if (days > 0) return t('assignment.daysLeft', { n: formatNumber(days, lang) });
  if (days < 0) return t('assignment.daysOverdue', { n: formatNumber(-days, lang) });
  // Passed, but not a whole working day ago.
  if (due.getTime() < now.getTime()) return t('assignment.overdueUnderADay');
  // Today, or a later day with no working day before it (a deadline on a weekend).
  return localDateOf(due) === localDateOf(now) ? t('assignment.dueToday') : t('assignment.underADayLeft');
}
