import { sql, type Kysely } from 'kysely';

/**
 * Dead-lettered mail: a notification whose send failed for good (a permanent
 * refusal, or every attempt used up) is `failed`, since `failed_at`, with its
 * last error, and waits for an operator. `retries` counts the operator's
 * retries; each is published as a new job (`mail-<id>-r<n>`).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE notifications DROP CONSTRAINT notifications_status_check;
    ALTER TABLE notifications ADD CONSTRAINT notifications_status_check CHECK (status IN ('pending', 'sending', 'sent', 'held', 'failed'));
    ALTER TABLE notifications ADD COLUMN failed_at timestamptz, ADD COLUMN retries int NOT NULL DEFAULT 0;
    CREATE INDEX notifications_failed_idx ON notifications (failed_at) WHERE status = 'failed';
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    UPDATE notifications SET status = 'pending' WHERE status = 'failed';
    DROP INDEX notifications_failed_idx;
    ALTER TABLE notifications DROP COLUMN failed_at, DROP COLUMN retries;
    ALTER TABLE notifications DROP CONSTRAINT notifications_status_check;
    ALTER TABLE notifications ADD CONSTRAINT notifications_status_check CHECK (status IN ('pending', 'sending', 'sent', 'held'));
  `.execute(db);
}
