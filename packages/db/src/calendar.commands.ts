import { sql } from 'kysely';
import {
  ASSIGNMENT_FINAL_STATES,
  DIRECTIVE_FINAL_STATES,
  resolveDeadline,
  type Actor,
  type WorkingCalendar,
  type CalendarOverride,
  type CalendarSettings,
} from '@dondoc/domain';
import type { DbOrTx, Db } from './database.ts';
import { applyInStep, inEngineStep } from './engine/apply.ts';
import { loadCalendar } from './calendar.reader.ts';
import { lockCalendar, writeCalendarDays } from './calendar-days.ts';

/** The request a calendar change comes from (carried into the audit trail and the outbox), and the moment it is decided at. */
export interface StepOptions {
  requestId?: string;
  now?: Date;
}

export interface MovedDeadline {
  assignmentId: string;
  from: string;
  to: string;
}

/**
 * Adds or replaces the override for one day, then moves every deadline given
 * in working days that has not passed and no longer falls where the new
 * calendar puts it; each moved assignment gets a RESCHEDULE event in its trail.
 * All in one transaction.
 */
export async function setCalendarOverride(db: Db, override: CalendarOverride, actor: Actor): Promise<MovedDeadline[]> {
  return db.transaction().execute((tx) => setCalendarOverrideInTransaction(tx, override, actor));
}

export async function setCalendarOverrideInTransaction(tx: DbOrTx, override: CalendarOverride, actor: Actor, opts: StepOptions = {}): Promise<MovedDeadline[]> {
  await lockCalendar(tx);
  await tx
    .insertInto('calendar_overrides')
    .values({ ...override, created_by: actorName(actor) })
    .onConflict((oc) =>
      oc.column('date').doUpdateSet({ kind: override.kind, reason: override.reason, created_by: actorName(actor), created_at: sql<Date>`now()` }),
    )
    .execute();
  return recomputeWorkingDayDeadlines(tx, await loadCalendar(tx), actor, opts);
}

/** Removes a day's override (the rules apply again) and moves deadlines as `setCalendarOverride` does; undefined if there was none. */
export async function removeCalendarOverride(db: Db, date: string, actor: Actor): Promise<MovedDeadline[] | undefined> {
  return db.transaction().execute((tx) => removeCalendarOverrideInTransaction(tx, date, actor));
}

export async function removeCalendarOverrideInTransaction(
  tx: DbOrTx,
  date: string,
  actor: Actor,
  opts: StepOptions = {},
): Promise<MovedDeadline[] | undefined> {
  await lockCalendar(tx);
  const gone = await tx.deleteFrom('calendar_overrides').where('date', '=', date).executeTakeFirst();
  if (gone.numDeletedRows === 0n) return undefined;
  return recomputeWorkingDayDeadlines(tx, await loadCalendar(tx), actor, opts);
}

/**
 * Changes the weekend, the working hours or the extra yearly holidays, and
 * moves deadlines as an override does.
 */
export async function updateCalendarSettingsInTransaction(
  tx: DbOrTx,
  settings: Partial<CalendarSettings>,
  actor: Actor,
  opts: StepOptions = {},
): Promise<MovedDeadline[]> {
  await lockCalendar(tx);
  await tx
    .updateTable('calendar_settings')
    .set({
      ...(settings.weekend && { weekend: [...settings.weekend] }),
      ...(settings.workingHours && { working_hours: JSON.stringify(settings.workingHours) }),
      ...(settings.extraHolidays && { extra_holidays: JSON.stringify(settings.extraHolidays) }),
      updated_at: sql<Date>`now()`,
    })
    .execute();
  return recomputeWorkingDayDeadlines(tx, await loadCalendar(tx), actor, opts);
}

const actorName = (actor: Actor) => (actor.kind === 'user' ? `user:${actor.userId}` : `system:${actor.label}`);

async function recomputeWorkingDayDeadlines(tx: DbOrTx, cal: WorkingCalendar, actor: Actor, opts: StepOptions): Promise<MovedDeadline[]> {
  const now = opts.now ?? new Date();
  // The day-by-day table SQL counts working days with changes in the same transaction as the deadlines.
  await writeCalendarDays(tx, cal);
  const tasks = await tx
    .selectFrom('tasks as t')
    .innerJoin('directives as d', 'd.id', 't.directive_id')
    .select(['t.id', 't.due_at', 't.deadline_working_days', 'd.issued_on'])
    .where('t.deadline_kind', '=', 'working_days')
    .where('t.due_at', '>', now)
    .where('d.state', 'not in', DIRECTIVE_FINAL_STATES)
    .execute();
  // One engine step for all of them: their audit events and new timers are written together at its end.
  return inEngineStep(tx, actor, opts.requestId, async (step) => {
    const moved: MovedDeadline[] = [];
    for (const task of tasks) {
      const due = resolveDeadline(cal, { kind: 'working_days', days: task.deadline_working_days! }, task.issued_on)!;
      const old = task.due_at!;
      if (due.getTime() === old.getTime()) continue;
      await tx.updateTable('tasks').set({ due_at: due }).where('id', '=', task.id).execute();
      // Assignments that kept the task's deadline move with it; one whose deadline was extended keeps its own.
      const open = await tx
        .selectFrom('assignments')
        .select('id')
        .where('task_id', '=', task.id)
        .where('due_at', '=', old)
        .where('state', 'not in', ASSIGNMENT_FINAL_STATES)
        .orderBy('id')
        .execute();
      for (const a of open) {
        await applyInStep(step, {
          subject: { type: 'assignment', id: a.id },
          event: { type: 'RESCHEDULE', dueAt: due.toISOString(), previousDueAt: old.toISOString(), reason: 'calendar' },
          actor,
        });
        moved.push({ assignmentId: a.id, from: old.toISOString(), to: due.toISOString() });
      }
    }
    return moved;
  });
}
