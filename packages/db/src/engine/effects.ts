import { sql } from 'kysely';
import type { Subject } from '@dondoc/domain';
import type { EngineStep } from './step.ts';
import type { TimerKind } from './timer-kinds.ts';

/** Where the effects of one change come from, for tracing them back. */
export interface EffectContext {
  subject: Subject;
  eventSeq: number;
  /** The event's fields (a reason, a new date, a reminder's number), for the messages it causes. */
  payload: Record<string, unknown>;
  requestId: string | undefined;
}

/** A timer row that stands until it fires or a newer generation replaces it, and the delayed job that wakes it (written with the step, write-batch.ts). */
export function scheduleTimer(step: EngineStep, ctx: EffectContext, kind: TimerKind, generation: number, fireAt: Date, timerStep = 0): void {
  step.batch.timer({ subject: ctx.subject, kind, generation, step: timerStep, fireAt, requestId: ctx.requestId ?? null });
}

/** Cancels the subject's pending timers scheduled under an older generation, those stored and those the step has yet to write. */
export async function cancelTimers(step: EngineStep, subject: Subject, currentGeneration: number): Promise<void> {
  step.batch.dropTimers(subject, currentGeneration);
  await step.tx
    .updateTable('timers')
    .set({ status: 'cancelled', settled_at: sql<Date>`now()` })
    .where('subject_type', '=', subject.type)
    .where('subject_id', '=', subject.id)
    .where('status', '=', 'pending')
    .where('generation', '<', currentGeneration)
    .execute();
}
