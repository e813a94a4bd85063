import { sql } from 'kysely';
import { jobIds } from '@dondoc/queue/catalog';
import type { Db, DbOrTx } from './database.ts';
import type { OutboxRow } from './tables/outbox.table.ts';

/**
 * Claims up to `limit` ready rows for `leaseMs`, in one statement: no other
 * relay takes them until they are marked or the lease runs out (the relay
 * died). SKIP LOCKED lets several relays claim at once without waiting.
 */
export async function claimOutboxBatch(db: DbOrTx, limit: number, leaseMs: number): Promise<OutboxRow[]> {
  const rows = await db
    .updateTable('outbox')
    .set({ claimed_until: sql<Date>`now() + ${leaseMs} * interval '1 millisecond'` })
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('outbox')
        .select('id')
        .where('published_at', 'is', null)
        .where((w) => w.or([w('next_attempt_at', 'is', null), w('next_attempt_at', '<=', sql<Date>`now()`)]))
        .where((w) => w.or([w('claimed_until', 'is', null), w('claimed_until', '<=', sql<Date>`now()`)]))
        .orderBy('id')
        .limit(limit)
        .forUpdate()
        .skipLocked(),
    )
    .returningAll()
    .execute();
  return rows.sort((a, b) => Number(BigInt(a.id) - BigInt(b.id)));
}

export async function markPublished(db: DbOrTx, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await db.updateTable('outbox').set({ published_at: sql<Date>`now()`, claimed_until: null }).where('id', 'in', ids).execute();
}

/** Records a failed publish; the row is tried again after an exponential backoff capped at a minute. */
export async function markPublishFailed(db: DbOrTx, id: string, error: string): Promise<void> {
  await db
    .updateTable('outbox')
    .set((eb) => ({
      claimed_until: null,
      attempts: eb('attempts', '+', 1),
      last_error: error.slice(0, 2000),
      next_attempt_at: sql<Date>`now() + least(interval '60 seconds', interval '250 milliseconds' * power(2, attempts))`,
    }))
    .where('id', '=', id)
    .execute();
}

/** How many rows are not yet published. */
export async function unpublishedOutboxCount(db: DbOrTx): Promise<number> {
  const { n } = await db
    .selectFrom('outbox')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('published_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(n);
}

/** Age in seconds of the oldest row not yet published, or 0. */
export async function outboxLagSeconds(db: Db): Promise<number> {
  const row = await db
    .selectFrom('outbox')
    .select(sql<string | null>`extract(epoch from now() - min(created_at))`.as('lag'))
    .where('published_at', 'is', null)
    .executeTakeFirst();
  return row?.lag ? Number(row.lag) : 0;
}

/**
 * Pending timers whose job the reconciler should check: older than `graceMs`,
 * or younger with their job already published (then a missing job was lost, not late).
 */
export async function timersToReconcile(db: Db, opts: { graceMs: number; limit: number }): Promise<{ id: string; fire_at: Date }[]> {
  const cutoff = sql<Date>`now() - make_interval(secs => ${opts.graceMs / 1000})`;
  return db
    .selectFrom('timers')
    .select(['id', 'fire_at'])
    .where('status', '=', 'pending')
    .where((eb) =>
      eb.or([
        eb('created_at', '<', cutoff),
        sql<boolean>`exists (select 1 from outbox o where o.job_id = ${jobIds.timer('')} || timers.id and o.published_at is not null)`,
      ]),
    )
    .orderBy('fire_at')
    .limit(opts.limit)
    .execute();
}
