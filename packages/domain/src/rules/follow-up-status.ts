import { addWorkingDays, endOfWorkingDay, type WorkingCalendar } from '../calendar/working-calendar.ts';
import { localDateOf } from '../calendar/dates.ts';
import { ESCALATION_LEVELS } from '../policy/follow-up.policy.ts';

/**
 * How follow-up reads to people: an assignment's traffic light, and who is on
 * the Chairman's list. The pages, the digests and the reports ask these, so the
 * rule is written once.
 */

/** The rungs of the escalation ladder by name (README "The follow-up ladder"); the last rung is the Chairman's list. */
export const LADDER_RUNGS = { unitHead: 1, monitoringUnit: 2, chairmansList: ESCALATION_LEVELS } as const;

/** Working days ahead within which an open assignment is "due soon". */
export const DUE_SOON_WORKING_DAYS = 3;

/** How an assignment looks on the pages: done, overdue, due within three working days, on time, cancelled. */
/** Worst first: the order in which several lights give way to one. */
export const trafficLights = ['overdue', 'due_soon', 'on_time', 'done', 'cancelled'] as const;
export type Light = (typeof trafficLights)[number];

export interface LightInput {
  state: string;
  overdue: boolean;
  due_at: Date | null;
}

/**
 * The two instants a light is judged by: `now`, and the end of the third working day ahead
 * (a deadline by then is due soon). Computed once per page, so SQL (packages/db
 * follow-up.sql.ts) and Node judge every row by the same instants.
 */
export interface LightClock {
  now: Date;
  dueSoonBy: Date;
}

export function lightClock(cal: WorkingCalendar, now: Date): LightClock {
  return { now, dueSoonBy: endOfWorkingDay(cal, addWorkingDays(cal, localDateOf(now), DUE_SOON_WORKING_DAYS)) };
}

/** An assignment's light by a clock: done, cancelled, overdue (marked, or its deadline passed), due soon, on time. */
export function lightAt(clock: LightClock, a: LightInput): Light {
  if (a.state === 'reviewed') return 'done';
  if (a.state === 'cancelled') return 'cancelled';
  if (a.overdue || (a.due_at && a.due_at < clock.now)) return 'overdue';
  if (a.due_at && a.due_at <= clock.dueSoonBy) return 'due_soon';
  return 'on_time';
}

/** An assignment's light at `now`. */
export function trafficLight(cal: WorkingCalendar, now: Date, a: LightInput): Light {
  return lightAt(lightClock(cal, now), a);
}

/** The worst of several lights (overdue before due soon before on time before done before cancelled). */
export function worstLight(lights: readonly Light[]): Light {
  return trafficLights.find((w) => lights.includes(w)) ?? 'cancelled';
}

/** Whether an overdue assignment puts its unit on the Chairman's list: the last rung reached, and not a requested body. */
export function onChairmansList(a: { escalationLevel: number; requested: boolean }): boolean {
  return a.escalationLevel >= LADDER_RUNGS.chairmansList && !a.requested;
}
