import { sql, type Kysely } from 'kysely';

/**
 * Reminders, escalation and mail: reminder and escalation policies (province
 * defaults, per-directive choices), a step number on timers (which reminder,
 * which rung of the ladder), recipients' language and digest preference, and
 * one notification row per message to send.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE province_settings (
      id int PRIMARY KEY DEFAULT 1 CHECK (id = 1),
      reminder_policy jsonb NOT NULL,
      escalation_policy jsonb NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    INSERT INTO province_settings (reminder_policy, escalation_policy) VALUES (
      '{"reminders":[{"workingDaysBefore":3,"at":"07:30"},{"workingDaysBefore":1,"at":"07:30"},{"workingDaysBefore":0,"at":"07:30"}]}',
      '{"steps":[{"workingDaysAfter":0},{"workingDaysAfter":2},{"workingDaysAfter":5}]}'
    );

    ALTER TABLE directives
      ADD COLUMN reminder_policy jsonb,
      ADD COLUMN escalation_policy jsonb;

    ALTER TABLE timers ADD COLUMN step int NOT NULL DEFAULT 0;
    ALTER TABLE timers DROP CONSTRAINT timers_subject_type_subject_id_kind_generation_key;
    ALTER TABLE timers ADD CONSTRAINT timers_subject_kind_generation_step_key UNIQUE (subject_type, subject_id, kind, generation, step);

    ALTER TABLE users
      ADD COLUMN locale text NOT NULL DEFAULT 'vi' CHECK (locale IN ('vi', 'en')),
      ADD COLUMN mail_digest boolean NOT NULL DEFAULT false;

    -- One row per message: its recipient, what it is about, and whether it went out.
    CREATE TABLE notifications (
      id bigserial PRIMARY KEY,
      -- the same logical message is never written twice (event, template, recipient)
      dedupe_key text NOT NULL UNIQUE,
      template text NOT NULL,
      subject_type text,
      subject_id uuid,
      user_id uuid REFERENCES users(id),
      to_address text NOT NULL,
      locale text NOT NULL,
      -- what the message says, rendered in the recipient's language when it is sent
      params jsonb NOT NULL,
      -- held: folded into the recipient's daily digest instead of sent on its own;
      -- sending: a mail worker holds it since claimed_at (a lease the reconciler respects)
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'held')),
      claimed_at timestamptz,
      attempts int NOT NULL DEFAULT 0,
      last_error text,
      message_id text NOT NULL,
      request_id text,
      created_at timestamptz NOT NULL DEFAULT now(),
      sent_at timestamptz
    );
    CREATE INDEX notifications_unsent_idx ON notifications (id) WHERE status IN ('pending', 'sending');
    CREATE INDEX notifications_subject_idx ON notifications (subject_type, subject_id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE notifications;
    ALTER TABLE users DROP COLUMN locale, DROP COLUMN mail_digest;
    ALTER TABLE timers DROP CONSTRAINT timers_subject_kind_generation_step_key, DROP COLUMN step;
    ALTER TABLE timers ADD CONSTRAINT timers_subject_type_subject_id_kind_generation_key UNIQUE (subject_type, subject_id, kind, generation);
    ALTER TABLE directives DROP COLUMN reminder_policy, DROP COLUMN escalation_policy;
    DROP TABLE province_settings;
  `.execute(db);
}
