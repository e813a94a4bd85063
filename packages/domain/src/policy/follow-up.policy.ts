import { z } from 'zod';
import { addWorkingDays, nextWorkingTime, previousWorkingDay, startOfWorkingDay, type WorkingCalendar } from '../calendar/working-calendar.ts';
import { atLocalTime, localDateOf } from '../calendar/dates.ts';
import { issueText } from '../validation.ts';

/**
 * When to remind a unit before its deadline, and when to climb the ladder after
 * it. Offsets count working days (or plain hours, for short fuses and for tests
 * that scale time to seconds); every resulting moment is moved into working time,
 * so nobody is reminded at night or on a day off.
 */
const timeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, issueText('validation.time'));

export const reminderOffsetSchema = z.union([
  z.strictObject({ workingDaysBefore: z.number().int().min(0).max(60), at: timeOfDay.default('07:30') }),
  z.strictObject({
    hoursBefore: z
      .number()
      .positive()
      .max(24 * 60),
  }),
]);

export const reminderPolicySchema = z.strictObject({ reminders: z.array(reminderOffsetSchema).max(10) });

/** Three rungs after the deadline: the unit's head, the monitoring unit, the Chairman's list (a courtesy notice for requested units). */
export const escalationPolicySchema = z.strictObject({
  steps: z
    .array(
      z.union([
        z.strictObject({ workingDaysAfter: z.number().int().min(0).max(60) }),
        z.strictObject({
          hoursAfter: z
            .number()
            .min(0)
            .max(24 * 60),
        }),
      ]),
    )
    .length(3, issueText('validation.ladderSteps')),
});

export type ReminderPolicy = z.infer<typeof reminderPolicySchema>;
export type EscalationPolicy = z.infer<typeof escalationPolicySchema>;

export const ESCALATION_LEVELS = 3;

const HOUR_MS = 3_600_000;

/** The moments to remind at, in order, strictly before the deadline and not before `now`. */
export function reminderTimes(cal: WorkingCalendar, policy: ReminderPolicy, dueAt: Date, now: Date): Date[] {
  const dueDate = localDateOf(dueAt);
  const times = policy.reminders.map((r) => {
    const raw =
      'hoursBefore' in r ? new Date(dueAt.getTime() - r.hoursBefore * HOUR_MS) : atLocalTime(workingDaysBefore(cal, dueDate, r.workingDaysBefore), r.at);
    return nextWorkingTime(cal, raw);
  });
  const kept = times.filter((t) => t < dueAt && t >= now).sort((a, b) => a.getTime() - b.getTime());
  return kept.filter((t, i) => i === 0 || t.getTime() !== kept[i - 1]!.getTime());
}

/** When each rung of the ladder is reached: at the deadline (moved into working time) or N working days / hours after it. */
export function escalationTimes(cal: WorkingCalendar, policy: EscalationPolicy, dueAt: Date): Date[] {
  const times = policy.steps.map((s) => {
    if ('hoursAfter' in s) return nextWorkingTime(cal, new Date(dueAt.getTime() + s.hoursAfter * HOUR_MS));
    if (s.workingDaysAfter === 0) return nextWorkingTime(cal, dueAt);
    return startOfWorkingDay(cal, addWorkingDays(cal, localDateOf(dueAt), s.workingDaysAfter));
  });
  // A later rung never comes before an earlier one.
  for (let i = 1; i < times.length; i++) if (times[i]! < times[i - 1]!) times[i] = times[i - 1]!;
  return times;
}

function workingDaysBefore(cal: WorkingCalendar, date: string, n: number): string {
  let d = date;
  for (let i = 0; i < n; i++) d = previousWorkingDay(cal, d);
  return d;
}
