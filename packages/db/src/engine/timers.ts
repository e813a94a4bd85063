import { sql } from 'kysely';
import { IllegalTransitionError } from '@dondoc/domain';
import type { Db } from '../database.ts';
import { applyInTransaction } from './apply.ts';
import { timerKindOf } from './timer-kinds.ts';

export type TimerOutcome = 'fired' | 'stale' | 'missing';

/**
 * Fires a timer that fell due: feeds its event back to its subject through the
 * engine and settles the row, in one transaction. A timer that was cancelled,
 * already fired, or whose generation the machine no longer accepts is stale and
 * changes nothing else.
 *
 * The timer row is not locked up front: the engine takes its locks in one order
 * (hold.ts) and timers last, as a command that cancels timers takes them, so
 * the two cannot deadlock. The machine's generation guard decides staleness.
 */
export async function fireTimer(db: Db, timerId: string, requestId?: string): Promise<TimerOutcome> {
  return db.transaction().execute(async (tx) => {
    const timer = await tx.selectFrom('timers').selectAll().where('id', '=', timerId).executeTakeFirst();
    if (!timer) return 'missing';
    if (timer.status !== 'pending') return 'stale';
    const event = timerKindOf(timer.kind, timer.subject_type).event(timer.generation, timer.step);
    let outcome: TimerOutcome = 'fired';
    try {
      if (event) {
        const subject = { type: timer.subject_type, id: timer.subject_id };
        await applyInTransaction(tx, { subject, event, actor: { kind: 'system', label: 'timer' }, requestId });
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
