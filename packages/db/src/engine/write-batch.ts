import { sql, type Insertable } from 'kysely';
import type { Subject } from '@dondoc/domain';
import { jobIds, type JobName, type JobPayload, type QueueName } from '@dondoc/queue/catalog';
import type { DbOrTx } from '../database.ts';
import type { EventTable } from '../tables/event.table.ts';
import type { NotificationTable, OutboxTable } from '../tables/outbox.table.ts';
import type { TimerKind } from './timer-kinds.ts';

/** Rows per INSERT: under PostgreSQL's 65,535 parameters for the widest row (a notification, 11 columns). */
const CHUNK = 1000;

interface PendingTimer {
  subject: Subject;
  kind: TimerKind;
  generation: number;
  step: number;
  fireAt: Date;
  requestId: string | null;
}

/**
 * The rows an engine step appends and nothing in the step reads back (audit
 * events, timers, notifications and the outbox rows that publish them), kept
 * in memory and written at the step's end in a few multi-row INSERTs instead
 * of a round trip each: a directive to 3,321 communes, or a calendar change
 * moving 10,000 deadlines, is one step (issue 17). The subject rows themselves
 * (assignments, directives) are written at once: the step reads them. The
 * digest and the Office's "Nhắc ngay" write their mail through it too.
 *
 * Written in the order they were added, so the audit trail keeps one event per
 * transition in order per subject, and the relay publishes in that order.
 */
export class WriteBatch {
  #events: Insertable<EventTable>[] = [];
  #timers: PendingTimer[] = [];
  #notifications: { row: Insertable<NotificationTable>; send: boolean }[] = [];

  event(row: Insertable<EventTable>): void {
    this.#events.push(row);
  }

  /** A timer row that stands until it fires or a newer generation replaces it, and the delayed job that wakes it. */
  timer(t: PendingTimer): void {
    this.#timers.push(t);
  }

  /** A notification row, and its mail job when it is to be sent now; a dedupe key already stored writes neither. */
  notification(row: Insertable<NotificationTable>, send: boolean): void {
    this.#notifications.push({ row, send });
  }

  /** Drops the subject's timers this step added under an older generation: they are cancelled before they are written. */
  dropTimers(subject: Subject, currentGeneration: number): void {
    this.#timers = this.#timers.filter((t) => t.subject.type !== subject.type || t.subject.id !== subject.id || t.generation >= currentGeneration);
  }

  /**
   * Writes what was added and empties the batch; wakes the outbox relay if it
   * wrote outbox rows (Postgres delivers the notification only if the
   * transaction commits). Says how many notifications were new.
   */
  async flush(tx: DbOrTx): Promise<{ notifications: number }> {
    const events = this.#events;
    const timers = this.#timers;
    const notifications = this.#notifications;
    this.#events = [];
    this.#timers = [];
    this.#notifications = [];
    let written = 0;

    for (const rows of chunks(events)) await tx.insertInto('events').values(rows).execute();

    const jobs: Insertable<OutboxTable>[] = [];
    for (const rows of chunks(timers)) {
      const written = await tx
        .insertInto('timers')
        .values(
          rows.map((t) => ({
            subject_type: t.subject.type,
            subject_id: t.subject.id,
            kind: t.kind,
            generation: t.generation,
            step: t.step,
            fire_at: t.fireAt,
            settled_at: null,
          })),
        )
        .returning(['id', 'subject_id', 'kind', 'generation', 'step'])
        .execute();
      // RETURNING's order is not promised: each row is found again by its unique key.
      const ids = new Map(written.map((w) => [`${w.subject_id}:${w.kind}:${w.generation}:${w.step}`, w.id]));
      for (const t of rows) {
        const id = ids.get(`${t.subject.id}:${t.kind}:${t.generation}:${t.step}`)!;
        jobs.push(outboxRow('timers', 'fire', { timerId: id }, jobIds.timer(id), t.fireAt, t.requestId));
      }
    }

    for (const rows of chunks(notifications)) {
      const inserted = await tx
        .insertInto('notifications')
        .values(rows.map((n) => n.row))
        .onConflict((oc) => oc.column('dedupe_key').doNothing())
        .returning(['id', 'dedupe_key'])
        .execute();
      const ids = new Map(inserted.map((w) => [w.dedupe_key, w.id]));
      written += inserted.length;
      for (const n of rows) {
        const id = ids.get(n.row.dedupe_key);
        if (id && n.send) jobs.push(outboxRow('mail', 'send', { notificationId: id }, jobIds.mail(id), null, n.row.request_id ?? null));
      }
    }

    for (const rows of chunks(jobs)) await tx.insertInto('outbox').values(rows).execute();
    if (jobs.length > 0) await sql`SELECT pg_notify('dondoc_outbox', '')`.execute(tx);
    return { notifications: written };
  }
}

function outboxRow<Q extends QueueName, J extends JobName<Q>>(
  queue: Q,
  jobName: J,
  payload: JobPayload<Q, J>,
  jobId: string,
  deliverAt: Date | null,
  requestId: string | null,
): Insertable<OutboxTable> {
  return { queue, job_name: jobName, job_id: jobId, payload: JSON.stringify(payload), deliver_at: deliverAt, request_id: requestId };
}

function* chunks<T>(rows: T[]): Generator<T[]> {
  for (let i = 0; i < rows.length; i += CHUNK) yield rows.slice(i, i + CHUNK);
}
