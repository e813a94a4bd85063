import { sql, type Kysely } from 'kysely';

/**
 * The outbox relay claims rows with a lease instead of holding their row locks
 * while it publishes: no transaction stays open across a call to the queue
 * store (which may be the same database, where that would wait on itself).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE outbox ADD COLUMN claimed_until timestamptz`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE outbox DROP COLUMN claimed_until`.execute(db);
}
