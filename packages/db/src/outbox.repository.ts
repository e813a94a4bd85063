import { sql } from 'kysely';
import type { Db, DbOrTx } from './database.ts';
import type { OutboxRow } from './tables/outbox.table.ts';

/**
 * Claims a batch of unpublished rows for this transaction. SKIP LOCKED lets
 * several relays share the outbox without waiting on each other.
 */
export async function claimOutboxBatch(tx: DbOrTx, limit: number): Promise<OutboxRow[]> {
  return tx
    .selectFrom('outbox')
    .selectAll()
    .where('published_at', 'is', null)
    .where((eb) => eb.or([eb('next_attempt_at', 'is', null), eb('next_attempt_at', '<=', sql<Date>`now()`)]))
    .orderBy('id')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute();
}

export async function markPublished(tx: DbOrTx, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await tx.updateTable('outbox').set({ published_at: sql<Date>`now()` }).where('id', 'in', ids).execute();
}

/** Records a failed publish; the row is tried again after an exponential backoff capped at a minute. */
export async function markPublishFailed(tx: DbOrTx, id: string, error: string): Promise<void> {
  await tx
    .updateTable('outbox')
    .set((eb) => ({
      attempts: eb('attempts', '+', 1),
      last_error: error.slice(0, 2000),
      next_attempt_at: sql<Date>`now() + least(interval '60 seconds', interval '250 milliseconds' * power(2, attempts))`,
    }))
    .where('id', '=', id)
    .execute();
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
