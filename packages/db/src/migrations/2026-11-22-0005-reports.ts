import { sql, type Kysely } from 'kysely';

/**
 * Periodic reporting: regimes on a directive, periods of a regime, one report
 * per unit per period (with its machine snapshot), attachments, and how each
 * target adds up across units.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE task_targets ADD COLUMN aggregate text NOT NULL DEFAULT 'sum' CHECK (aggregate IN ('sum', 'latest'));

    CREATE TABLE reporting_regimes (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      directive_id uuid NOT NULL REFERENCES directives(id),
      kind text NOT NULL CHECK (kind IN ('weekly', 'monthly', 'quarterly', 'half_yearly', 'yearly', 'end_of_campaign', 'ad_hoc')),
      -- when each unit's report is due for a period, and how long after that the period closes
      due_rule jsonb NOT NULL,
      close_after_working_days int NOT NULL DEFAULT 5 CHECK (close_after_working_days BETWEEN 0 AND 60),
      active boolean NOT NULL DEFAULT true,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (directive_id, kind)
    );

    CREATE TABLE report_periods (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      regime_id uuid NOT NULL REFERENCES reporting_regimes(id),
      directive_id uuid NOT NULL REFERENCES directives(id),
      period_key text NOT NULL,
      starts_on date NOT NULL,
      ends_on date NOT NULL,
      due_at timestamptz NOT NULL,
      closes_at timestamptz NOT NULL,
      state text NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'closed')),
      version int NOT NULL DEFAULT 1,
      -- set when the monitoring unit approves the consolidated report: what it approved
      approved_consolidation jsonb,
      approved_at timestamptz,
      approved_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (regime_id, period_key),
      CHECK (starts_on <= ends_on AND due_at <= closes_at)
    );
    CREATE INDEX report_periods_directive_idx ON report_periods (directive_id, starts_on);

    CREATE TABLE unit_reports (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      period_id uuid NOT NULL REFERENCES report_periods(id),
      unit_id uuid NOT NULL REFERENCES units(id),
      requested boolean NOT NULL DEFAULT false,
      machine_id text NOT NULL,
      machine_version int NOT NULL,
      snapshot jsonb NOT NULL,
      version int NOT NULL DEFAULT 1,
      state text NOT NULL,
      late boolean NOT NULL DEFAULT false,
      escalation_level int NOT NULL DEFAULT 0,
      submitted_at timestamptz,
      text text,
      "values" jsonb,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (period_id, unit_id)
    );
    CREATE INDEX unit_reports_unit_idx ON unit_reports (unit_id, state);

    CREATE TABLE report_attachments (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      unit_report_id uuid NOT NULL REFERENCES unit_reports(id),
      filename text NOT NULL,
      content_type text NOT NULL,
      size int NOT NULL CHECK (size > 0 AND size <= 5242880),
      data bytea NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );

    ALTER TABLE events DROP CONSTRAINT events_subject_type_check;
    ALTER TABLE events ADD CONSTRAINT events_subject_type_check CHECK (subject_type IN ('assignment', 'directive', 'unit_report', 'report_period'));
    ALTER TABLE timers DROP CONSTRAINT timers_subject_type_check;
    ALTER TABLE timers ADD CONSTRAINT timers_subject_type_check CHECK (subject_type IN ('assignment', 'directive', 'unit_report', 'report_period'));
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE report_attachments, unit_reports, report_periods, reporting_regimes;
    ALTER TABLE task_targets DROP COLUMN aggregate;
  `.execute(db);
}
