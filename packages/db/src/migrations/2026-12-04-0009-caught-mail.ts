import { sql, type Kysely } from 'kysely';

/**
 * Mail caught by `dondoc start`'s embedded SMTP catcher (no SMTP_HOST), kept in
 * PostgreSQL so the trial mailbox at /mail survives a restart: the raw message
 * as received and the fields the page shows, parsed once. Bounded by the
 * catcher's store (the newest 5,000, none older than 30 days).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE caught_mail (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      caught_at timestamptz NOT NULL DEFAULT now(),
      envelope_to text[] NOT NULL,
      from_text text NOT NULL DEFAULT '',
      subject text,
      text_body text,
      raw text NOT NULL
    );
    CREATE INDEX caught_mail_caught_at_idx ON caught_mail (caught_at);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE caught_mail`.execute(db);
}
