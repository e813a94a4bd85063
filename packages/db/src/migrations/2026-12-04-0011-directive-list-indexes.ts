import { sql, type Kysely } from 'kysely';

/**
 * The directive list at a province's scale (issue 16): its overdue filter, its
 * "due before" filter and its per-directive overdue count and next deadline
 * read only open assignments, a few percent of the table once directives are
 * done. This partial index holds just those, by directive and deadline, with
 * what the list reads of them, so each directive costs a probe instead of a
 * pass over all its assignments. README "Read-path benchmark" quotes the plans.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE INDEX assignments_open_directive_idx ON assignments (directive_id, due_at) INCLUDE (overdue, unit_id)
      WHERE state NOT IN ('reviewed', 'cancelled');
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX assignments_open_directive_idx`.execute(db);
}
