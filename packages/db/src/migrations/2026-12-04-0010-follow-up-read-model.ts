import { sql, type Kysely } from 'kysely';

/**
 * What the dashboards count, kept on the rows so PostgreSQL can count it at a
 * province's scale (issue 16) instead of aggregating millions of events per page:
 *
 * - assignments.reported_at: when the latest report was submitted (the figures'
 *   "done at" once the assignment is reviewed); returns: how often a report was
 *   sent back; extended: whether an extension was ever granted (the original
 *   deadline is then the task's). The engine keeps them with the state; this
 *   backfills them from the audit trail, which is where they were read before.
 * - calendar_days: every day of the calendar's range, whether it is a working
 *   day, and how many working days there are up to it (`ordinal`), so "working
 *   days late" is a subtraction in SQL. Written from the domain's calendar by
 *   calendar-days.ts (at start and with every calendar change), never by hand.
 * - closed_directive_figures: a closed directive's four figures, counted once
 *   when it closes (nothing in it changes after: its assignments are final and
 *   calendar changes move only open directives' deadlines), so the province's
 *   figures count live only the directives still followed up.
 *   closed-directive-figures.ts writes it (at close, and at start for any
 *   closed directive without a row).
 * - A covering index for the follow-up pages; README "Read-path benchmark"
 *   quotes the plans that justify it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE assignments
      ADD COLUMN reported_at timestamptz,
      ADD COLUMN returns integer NOT NULL DEFAULT 0,
      ADD COLUMN extended boolean NOT NULL DEFAULT false;
    UPDATE assignments a SET reported_at = h.reported_at, returns = h.returns, extended = h.extended
      FROM (
        SELECT subject_id,
          max(created_at) FILTER (WHERE type = 'SUBMIT_REPORT') AS reported_at,
          count(*) FILTER (WHERE type = 'RETURN')::int AS returns,
          bool_or(type = 'GRANT_EXTENSION') AS extended
        FROM events
        WHERE subject_type = 'assignment' AND type IN ('SUBMIT_REPORT', 'RETURN', 'GRANT_EXTENSION')
        GROUP BY subject_id
      ) h
      WHERE a.id = h.subject_id;
    CREATE TABLE calendar_days (
      day date PRIMARY KEY,
      working boolean NOT NULL,
      ordinal integer NOT NULL
    );
    CREATE TABLE closed_directive_figures (
      directive_id uuid PRIMARY KEY REFERENCES directives (id),
      done_on_time integer NOT NULL,
      done_after_extension integer NOT NULL,
      done_late integer NOT NULL,
      open_on_time integer NOT NULL,
      open_overdue integer NOT NULL,
      counted_at timestamptz NOT NULL DEFAULT now()
    );
    -- The follow-up pages read an open directive's assignments from this index alone (index-only scans).
    CREATE INDEX assignments_follow_up_idx ON assignments (directive_id, unit_id)
      INCLUDE (state, due_at, overdue, reported_at, extended, task_id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP INDEX assignments_follow_up_idx;
    DROP TABLE closed_directive_figures;
    DROP TABLE calendar_days;
    ALTER TABLE assignments DROP COLUMN reported_at, DROP COLUMN returns, DROP COLUMN extended;
  `.execute(db);
}
