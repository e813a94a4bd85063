import { sql, type Kysely } from 'kysely';
import { officialOverrides } from '@dondoc/domain';

/**
 * The province's working-day calendar: one settings row (weekend, working
 * hours, extra yearly holidays) and per-day overrides, with the Government's
 * 2024–2026 decisions entered.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE calendar_settings (
      id int PRIMARY KEY DEFAULT 1 CHECK (id = 1),
      weekend int[] NOT NULL DEFAULT '{0,6}',
      working_hours jsonb NOT NULL DEFAULT '[["07:30","11:30"],["13:30","17:00"]]',
      extra_holidays jsonb NOT NULL DEFAULT '[]',
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    INSERT INTO calendar_settings DEFAULT VALUES;

    CREATE TABLE calendar_overrides (
      date date PRIMARY KEY,
      kind text NOT NULL CHECK (kind IN ('day_off', 'working_day')),
      reason text NOT NULL,
      created_by text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );
  `.execute(db);
  for (const o of officialOverrides) {
    await sql`INSERT INTO calendar_overrides (date, kind, reason, created_by) VALUES (${o.date}, ${o.kind}, ${o.reason}, 'system:migration')`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE calendar_overrides, calendar_settings`.execute(db);
}
