import type { DeadlineSpec } from '../model.ts';
import type { LocalDate } from './dates.ts';
import { addWorkingDays, endOfWorkingDay, onOrNextWorkingDay, type WorkingCalendar } from './working-calendar.ts';

/**
 * Resolves a deadline as the text gave it to the instant it falls due: the end
 * of the working day on the date, or on the N-th working day after the issue
 * date ("trong 05 ngày làm việc"). A date that is not a working day moves to
 * the end of the next working day, as the Civil Code (2015, art. 148(5)) has
 * it for a time limit ending on a day off. A standing task has no deadline.
 */
export function resolveDeadline(cal: WorkingCalendar, spec: DeadlineSpec, issuedOn: LocalDate): Date | null {
  switch (spec.kind) {
    case 'date':
      return endOfWorkingDay(cal, onOrNextWorkingDay(cal, spec.date));
    case 'working_days':
      return endOfWorkingDay(cal, addWorkingDays(cal, issuedOn, spec.days));
    case 'standing':
      return null;
  }
}
