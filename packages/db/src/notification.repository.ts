import { sql } from 'kysely';
import { jobIds } from '@dondoc/queue/catalog';
import type { Db, DbOrTx } from './database.ts';
import type { Notification } from './tables/outbox.table.ts';

/**
 * Claims a notification for sending (status `sending` since now, a lease the
 * reconciler respects). A row already sent, held or failed is not claimed; a
 * `sending` row is taken over (its job runs again because its worker died).
 */
export async function claimNotification(db: DbOrTx, id: string): Promise<Notification | undefined> {
  return db
    .updateTable('notifications')
    .set({ status: 'sending', claimed_at: sql<Date>`now()` })
    .where('id', '=', id)
    .where('status', 'in', ['pending', 'sending'])
    .returningAll()
    .executeTakeFirst();
}

/** The SMTP server took it. */
export async function markNotificationSent(db: DbOrTx, id: string): Promise<void> {
  await db
    .updateTable('notifications')
    .set((eb) => ({ status: 'sent', sent_at: sql<Date>`now()`, claimed_at: null, attempts: eb('attempts', '+', 1), last_error: null }))
    .where('id', '=', id)
    .where('status', '=', 'sending')
    .execute();
}

/**
 * Records a failed attempt with its error. `final` (a permanent failure, or the
 * job's last attempt) dead-letters the row: `failed` since now, left alone by
 * the reconciler until an operator retries it; otherwise it is `pending` again
 * and BullMQ retries the job.
 */
export async function markNotificationAttemptFailed(db: DbOrTx, id: string, error: string, opts: { final: boolean }): Promise<void> {
  await db
    .updateTable('notifications')
    .set((eb) => ({
      status: opts.final ? 'failed' : 'pending',
      failed_at: opts.final ? sql<Date>`now()` : null,
      claimed_at: null,
      attempts: eb('attempts', '+', 1),
      last_error: error.slice(0, 2000),
    }))
    .where('id', '=', id)
    .where('status', 'in', ['pending', 'sending'])
    .execute();
}

/**
 * Notifications still to send whose job the reconciler should check: pending,
 * or held by a sender past `leaseMs`; older than `graceMs`, or younger with their
 * job already published. Failed ones are not among them: they wait for an operator.
 */
export async function notificationsToReconcile(db: Db, opts: { graceMs: number; leaseMs: number; limit: number }): Promise<{ id: string; retries: number }[]> {
  const cutoff = sql<Date>`now() - make_interval(secs => ${opts.graceMs / 1000})`;
  const leaseCutoff = sql<Date>`now() - make_interval(secs => ${opts.leaseMs / 1000})`;
  return db
    .selectFrom('notifications')
    .select(['id', 'retries'])
    .where((eb) =>
      eb.or([
        eb('created_at', '<', cutoff),
        sql<boolean>`exists (select 1 from outbox o where o.job_id = ${jobIds.mail('')} || notifications.id and o.published_at is not null)`,
      ]),
    )
    .where((eb) => eb.or([eb('status', '=', 'pending'), eb.and([eb('status', '=', 'sending'), eb('claimed_at', '<', leaseCutoff)])]))
    .orderBy('id')
    .limit(opts.limit)
    .execute();
}

export interface FailedNotification {
  id: string;
  to: string;
  template: string;
  subjectType: string | null;
  subjectId: string | null;
  lastError: string | null;
  attempts: number;
  retries: number;
  createdAt: Date;
  failedAt: Date | null;
}

/** The dead-lettered notifications, the most recent failure first. */
export async function listFailedNotifications(db: DbOrTx, opts: { limit?: number } = {}): Promise<FailedNotification[]> {
  const rows = await db
    .selectFrom('notifications')
    .select(['id', 'to_address', 'template', 'subject_type', 'subject_id', 'last_error', 'attempts', 'retries', 'created_at', 'failed_at'])
    .where('status', '=', 'failed')
    .orderBy('failed_at', 'desc')
    .orderBy('id', 'desc')
    .limit(opts.limit ?? 500)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    to: r.to_address,
    template: r.template,
    subjectType: r.subject_type,
    subjectId: r.subject_id,
    lastError: r.last_error,
    attempts: r.attempts,
    retries: r.retries,
    createdAt: r.created_at,
    failedAt: r.failed_at,
  }));
}

/** How many notifications are dead-lettered now. */
export async function failedNotificationCount(db: DbOrTx): Promise<number> {
  const { n } = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('status', '=', 'failed')
    .executeTakeFirstOrThrow();
  return Number(n);
}

/**
 * An operator's retry: the failed notifications named (or all of them) are
 * pending again, and each gets an outbox row for a new mail job,
 * `mail-<id>-r<n>` (the failed job keeps its own id in Redis, which would
 * swallow a second add under it). One transaction: PostgreSQL says what is
 * to send; the outbox relay publishes it. Returns the ids set back to pending;
 * a notification not failed (sent meanwhile, or retried already) is left alone.
 */
export async function retryFailedNotifications(db: Db, which: { ids: string[] } | 'all', requestId?: string): Promise<string[]> {
  if (which !== 'all' && which.ids.length === 0) return [];
  return db.transaction().execute(async (tx) => {
    let q = tx
      .updateTable('notifications')
      .set((eb) => ({ status: 'pending', failed_at: null, claimed_at: null, retries: eb('retries', '+', 1) }))
      .where('status', '=', 'failed');
    if (which !== 'all') q = q.where('id', 'in', which.ids);
    const rows = await q.returning(['id', 'retries']).execute();
    if (rows.length > 0) {
      await tx
        .insertInto('outbox')
        .values(
          rows.map((r) => ({
            queue: 'mail',
            job_name: 'send',
            job_id: jobIds.mail(r.id, r.retries),
            payload: JSON.stringify({ notificationId: r.id }),
            deliver_at: null,
            request_id: requestId ?? null,
          })),
        )
        .execute();
      // Wakes the relay at once, as the engine does after writing outbox rows.
      await sql`SELECT pg_notify('dondoc_outbox', '')`.execute(tx);
    }
    return rows.map((r) => r.id).sort((a, b) => Number(BigInt(a) - BigInt(b)));
  });
}
