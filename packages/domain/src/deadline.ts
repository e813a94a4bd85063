import { addWorkingDays, endOfWorkingDay, type LocalDate, type WorkingCalendar } from './calendar.ts';
import type { DeadlineSpec } from './model.ts';

/**
 * Resolves a deadline as the text gave it to the instant it falls due: the end of
 * the working day on the date, or on the N-th working day after the issue date.
 * A standing task ("thường xuyên") has no deadline.
 */
export function resolveDeadline(cal: WorkingCalendar, spec: DeadlineSpec, issuedOn: LocalDate): Date | null {
  switch (spec.kind) {
    case 'date':
      return endOfWorkingDay(cal, spec.date);
    case 'working_days':
      return endOfWorkingDay(cal, addWorkingDays(cal, issuedOn, spec.days));
    case 'standing':
      return null;
  }
}
