import { sql, type Kysely } from 'kysely';

/** Units and users, directives and their tasks, assignments, the audit log, the outbox and timers. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE units (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      code text NOT NULL UNIQUE CHECK (code ~ '^[a-z0-9][a-z0-9-]*$'),
      name text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('province','office','department','sector','police','military','judiciary','front','mass_org','party','district','commune')),
      parent_id uuid REFERENCES units(id),
      -- false for bodies the Committee only requests ("Đề nghị"): escalation is a courtesy
      commanded boolean NOT NULL DEFAULT true,
      head_name text, head_email text,
      focal_name text, focal_email text,
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK (parent_id IS DISTINCT FROM id)
    );
    CREATE INDEX units_parent_idx ON units (parent_id);

    CREATE TABLE unit_groups (
      code text PRIMARY KEY CHECK (code ~ '^[a-z0-9][a-z0-9-]*$'),
      name text NOT NULL
    );
    CREATE TABLE unit_group_members (
      group_code text NOT NULL REFERENCES unit_groups(code) ON DELETE CASCADE,
      unit_id uuid NOT NULL REFERENCES units(id),
      PRIMARY KEY (group_code, unit_id)
    );

    CREATE TABLE users (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      unit_id uuid NOT NULL REFERENCES units(id),
      role text NOT NULL CHECK (role IN ('chairman','office','monitor','unit_head','unit_officer','admin')),
      email text NOT NULL,
      name text NOT NULL,
      disabled_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX users_email_idx ON users (lower(email));

    CREATE TABLE directives (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      type text NOT NULL CHECK (type IN ('chi_thi','cong_van','ke_hoach','thong_bao','quyet_dinh')),
      number_symbol text NOT NULL,
      issuer_unit_id uuid NOT NULL REFERENCES units(id),
      signer text NOT NULL,
      issued_on date NOT NULL,
      -- numbers restart every calendar year
      issue_year int GENERATED ALWAYS AS (extract(year FROM issued_on)::int) STORED,
      subject text NOT NULL,
      body text NOT NULL DEFAULT '',
      classification text NOT NULL DEFAULT 'thuong' CHECK (classification IN ('thuong','mat','toi_mat','tuyet_mat')),
      campaign_label text,
      campaign_starts_on date,
      campaign_ends_on date,
      monitoring_unit_id uuid NOT NULL REFERENCES units(id),
      machine_id text NOT NULL,
      machine_version int NOT NULL,
      snapshot jsonb NOT NULL,
      version int NOT NULL DEFAULT 1,
      state text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (issuer_unit_id, issue_year, number_symbol),
      CHECK ((campaign_starts_on IS NULL) = (campaign_ends_on IS NULL) AND campaign_starts_on <= campaign_ends_on)
    );
    CREATE INDEX directives_state_idx ON directives (state);

    CREATE TABLE tasks (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      directive_id uuid NOT NULL REFERENCES directives(id),
      ordinal int NOT NULL CHECK (ordinal > 0),
      title text NOT NULL,
      body text NOT NULL DEFAULT '',
      is_request boolean NOT NULL DEFAULT false,
      -- one lead when the text names one; null when it addresses a group of equals
      lead_unit_id uuid REFERENCES units(id),
      -- the addressees as the text gave them (units and groups with roles), before fan-out
      addressees jsonb NOT NULL,
      deadline_kind text NOT NULL CHECK (deadline_kind IN ('date','working_days','standing')),
      deadline_date date,
      deadline_working_days int,
      due_at timestamptz,
      UNIQUE (directive_id, ordinal),
      CHECK (CASE deadline_kind
        WHEN 'date' THEN deadline_date IS NOT NULL AND deadline_working_days IS NULL AND due_at IS NOT NULL
        WHEN 'working_days' THEN deadline_working_days > 0 AND deadline_date IS NULL AND due_at IS NOT NULL
        ELSE deadline_date IS NULL AND deadline_working_days IS NULL AND due_at IS NULL END)
    );

    CREATE TABLE task_targets (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      task_id uuid NOT NULL REFERENCES tasks(id),
      code text NOT NULL,
      name text NOT NULL,
      unit_of_measure text NOT NULL,
      target_value numeric NOT NULL CHECK (target_value >= 0),
      UNIQUE (task_id, code)
    );

    CREATE TABLE assignments (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      task_id uuid NOT NULL REFERENCES tasks(id),
      directive_id uuid NOT NULL REFERENCES directives(id),
      unit_id uuid NOT NULL REFERENCES units(id),
      role text NOT NULL CHECK (role IN ('lead','coordinate')),
      requested boolean NOT NULL DEFAULT false,
      machine_id text NOT NULL,
      machine_version int NOT NULL,
      snapshot jsonb NOT NULL,
      version int NOT NULL DEFAULT 1,
      -- read model, derived from the snapshot on every change
      state text NOT NULL,
      due_at timestamptz,
      overdue boolean NOT NULL DEFAULT false,
      escalation_level int NOT NULL DEFAULT 0,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (task_id, unit_id)
    );
    CREATE INDEX assignments_directive_idx ON assignments (directive_id);
    CREATE INDEX assignments_unit_state_idx ON assignments (unit_id, state);
    CREATE INDEX assignments_open_due_idx ON assignments (due_at) WHERE state NOT IN ('reviewed','cancelled');

    -- The audit log: appended to, never changed.
    CREATE TABLE events (
      id bigserial PRIMARY KEY,
      subject_type text NOT NULL CHECK (subject_type IN ('assignment','directive')),
      subject_id uuid NOT NULL,
      seq int NOT NULL,
      type text NOT NULL,
      actor text NOT NULL,
      actor_user_id uuid REFERENCES users(id),
      payload jsonb NOT NULL DEFAULT '{}',
      from_state text,
      to_state text NOT NULL,
      request_id text,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (subject_type, subject_id, seq)
    );
    CREATE FUNCTION events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'the audit log is append-only'; END $$;
    CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON events
      FOR EACH ROW EXECUTE FUNCTION events_append_only();

    -- Effects to deliver through BullMQ, written in the same transaction as the change.
    CREATE TABLE outbox (
      id bigserial PRIMARY KEY,
      queue text NOT NULL,
      job_name text NOT NULL,
      job_id text UNIQUE, -- null: the relay uses outbox-<id>
      payload jsonb NOT NULL,
      deliver_at timestamptz,
      request_id text,
      created_at timestamptz NOT NULL DEFAULT now(),
      published_at timestamptz,
      attempts int NOT NULL DEFAULT 0,
      last_error text,
      next_attempt_at timestamptz
    );
    CREATE INDEX outbox_unpublished_idx ON outbox (id) WHERE published_at IS NULL;

    -- Pending deadlines and reminders. The BullMQ delayed job only wakes the worker;
    -- this row says whether the timer still stands.
    CREATE TABLE timers (
      id bigserial PRIMARY KEY,
      subject_type text NOT NULL CHECK (subject_type IN ('assignment','directive')),
      subject_id uuid NOT NULL,
      kind text NOT NULL,
      generation int NOT NULL,
      fire_at timestamptz NOT NULL,
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','fired','cancelled')),
      created_at timestamptz NOT NULL DEFAULT now(),
      settled_at timestamptz,
      UNIQUE (subject_type, subject_id, kind, generation)
    );
    CREATE INDEX timers_pending_idx ON timers (fire_at) WHERE status = 'pending';
    CREATE INDEX timers_subject_idx ON timers (subject_type, subject_id) WHERE status = 'pending';
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE timers, outbox, events, assignments, task_targets, tasks, directives, users, unit_group_members, unit_groups, units;
    DROP FUNCTION events_append_only;
  `.execute(db);
}
