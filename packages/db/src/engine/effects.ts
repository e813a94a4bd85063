import { sql } from 'kysely';
import type { Subject } from '@dondoc/domain';
import { jobIds, type JobName, type JobPayload, type QueueName } from '@dondoc/queue/catalog';
import type { DbOrTx } from '../database.ts';
import type { TimerKind } from './timer-kinds.ts';

/** Anything that writes outbox rows in a transaction. */
export interface OutboxWriter {
  requestId: string | undefined;
  /** Set once the transaction has written an outbox row, so the relay is woken once. */
  wroteOutbox: boolean;
}

/** Where the effects of one change come from, for tracing them back. */
export interface EffectContext extends OutboxWriter {
  subject: Subject;
  eventSeq: number;
  /** The event's fields (a reason, a new date, a reminder's number), for the messages it causes. */
  payload: Record<string, unknown>;
}

export async function enqueue<Q extends QueueName, J extends JobName<Q>>(
  tx: DbOrTx,
  ctx: OutboxWriter,
  queue: Q,
  jobName: J,
  payload: JobPayload<Q, J>,
  opts: { jobId?: string; deliverAt?: Date } = {},
): Promise<void> {
  await tx
    .insertInto('outbox')
    .values({
      queue,
      job_name: jobName,
      job_id: opts.jobId ?? null,
      payload: JSON.stringify(payload),
      deliver_at: opts.deliverAt ?? null,
      request_id: ctx.requestId ?? null,
    })
    .execute();
  ctx.wroteOutbox = true;
}

/** A timer row that stands until it fires or a newer generation replaces it, and the delayed job that wakes it. */
export async function scheduleTimer(tx: DbOrTx, ctx: EffectContext, kind: TimerKind, generation: number, fireAt: Date, step = 0): Promise<void> {
  const { id } = await tx
    .insertInto('timers')
    .values({ subject_type: ctx.subject.type, subject_id: ctx.subject.id, kind, generation, step, fire_at: fireAt, settled_at: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  await enqueue(tx, ctx, 'timers', 'fire', { timerId: id }, { jobId: jobIds.timer(id), deliverAt: fireAt });
}

/** Cancels the subject's pending timers scheduled under an older generation. */
export async function cancelTimers(tx: DbOrTx, subject: Subject, currentGeneration: number): Promise<void> {
  await tx
    .updateTable('timers')
    .set({ status: 'cancelled', settled_at: sql<Date>`now()` })
    .where('subject_type', '=', subject.type)
    .where('subject_id', '=', subject.id)
    .where('status', '=', 'pending')
    .where('generation', '<', currentGeneration)
    .execute();
}

/** Wakes the outbox relay; Postgres delivers the notification only if the transaction commits. */
export async function wakeRelay(tx: DbOrTx, ctx: OutboxWriter): Promise<void> {
  if (ctx.wroteOutbox) await sql`SELECT pg_notify('dondoc_outbox', '')`.execute(tx);
}
