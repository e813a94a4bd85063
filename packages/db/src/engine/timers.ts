import { sql } from 'kysely';
import { IllegalTransitionError } from '@dondoc/domain';
import type { Db } from '../database.ts';
import { applyInTransaction, type EngineEvent } from './apply.ts';
import { timerKinds } from './assignment-effects.ts';
import { applyToUnitReport, closePeriod, reportTimerKinds } from '../reports/report.engine.ts';
import type { UnitReportEvent } from '@dondoc/workflows';

export type TimerOutcome = 'fired' | 'stale' | 'missing';

/** The event a timer of each kind feeds back to its machine; a probe feeds nothing back. */
function eventFor(kind: string, generation: number, step: number): EngineEvent | null {
  switch (kind) {
    case timerKinds.probe:
      return null;
    case timerKinds.reminder:
      return { type: 'REMIND', generation, step };
    case timerKinds.deadline:
      return { type: 'DEADLINE_PASSED', generation };
    case timerKinds.escalation:
      return { type: 'ESCALATE', generation, level: step };
    default:
      throw new Error(`unknown timer kind "${kind}"`);
  }
}

/** The event a periodic-report timer feeds back to the unit's report. */
function reportEventFor(kind: string, generation: number, step: number): UnitReportEvent {
  switch (kind) {
    case reportTimerKinds.reminder:
      return { type: 'REMIND', generation, step };
    case reportTimerKinds.due:
      return { type: 'DUE_PASSED', generation };
    case reportTimerKinds.escalation:
      return { type: 'ESCALATE', generation, level: step };
    default:
      throw new Error(`unknown report timer kind "${kind}"`);
  }
}

/**
 * Fires a timer that fell due: applies its event and settles the row in one
 * transaction. A timer that was cancelled, already fired, or whose generation
 * the machine no longer accepts is stale and changes nothing else.
 *
 * The timer row is not locked up front: locks are always taken directive, then
 * assignment, then timers (as a command that cancels timers takes them), so the
 * two cannot deadlock. The machine's generation guard decides staleness.
 */
export async function fireTimer(db: Db, timerId: string, requestId?: string): Promise<TimerOutcome> {
  return db.transaction().execute(async (tx) => {
    const timer = await tx.selectFrom('timers').selectAll().where('id', '=', timerId).executeTakeFirst();
    if (!timer) return 'missing';
    if (timer.status !== 'pending') return 'stale';
    let outcome: TimerOutcome = 'fired';
    const actor = { kind: 'system', label: 'timer' } as const;
    try {
      if (timer.subject_type === 'report_period') {
        if (!(await closePeriod(tx, timer.subject_id, actor))) outcome = 'stale';
      } else if (timer.subject_type === 'unit_report') {
        await applyToUnitReport(tx, { unitReportId: timer.subject_id, event: reportEventFor(timer.kind, timer.generation, timer.step), actor, requestId });
      } else {
        const event = eventFor(timer.kind, timer.generation, timer.step);
        if (event) await applyInTransaction(tx, { subject: { type: timer.subject_type, id: timer.subject_id }, event, actor, requestId });
      }
    } catch (e) {
      // Refused before anything was written: the work moved on since the timer was set.
      if (!(e instanceof IllegalTransitionError)) throw e;
      outcome = 'stale';
    }
    await tx
      .updateTable('timers')
      .set({ status: outcome === 'fired' ? 'fired' : 'cancelled', settled_at: sql<Date>`now()` })
      .where('id', '=', timerId)
      .where('status', '=', 'pending')
      .execute();
    return outcome;
  });
}
