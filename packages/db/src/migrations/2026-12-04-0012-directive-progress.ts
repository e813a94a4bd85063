import { sql, type Kysely } from 'kysely';

/**
 * A directive's live assignments counted by roll-up rank (issue 17): issued,
 * assigned, working (in progress or returned), reported, reviewed; cancelled
 * ones are not counted. Each assignment change moves one count in the same
 * transaction, as its last write, so a command rolls its directive up from one
 * small row instead of reading all its assignments under the directive's lock,
 * and commands on different assignments of one directive no longer wait for
 * each other except for that row, for the time of a commit.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE directive_progress (
      directive_id uuid PRIMARY KEY REFERENCES directives (id) ON DELETE CASCADE,
      issued integer NOT NULL DEFAULT 0 CHECK (issued >= 0),
      assigned integer NOT NULL DEFAULT 0 CHECK (assigned >= 0),
      working integer NOT NULL DEFAULT 0 CHECK (working >= 0),
      reported integer NOT NULL DEFAULT 0 CHECK (reported >= 0),
      reviewed integer NOT NULL DEFAULT 0 CHECK (reviewed >= 0)
    ) WITH (fillfactor = 50)
  `.execute(db);
  // The same count as countDirectiveProgress (engine/directive-progress.ts), written out: a migration does not change when the engine does.
  await sql`
    INSERT INTO directive_progress (directive_id, issued, assigned, working, reported, reviewed)
    SELECT d.id,
      count(*) FILTER (WHERE a.state = 'issued'),
      count(*) FILTER (WHERE a.state = 'assigned'),
      count(*) FILTER (WHERE a.state IN ('in_progress', 'returned')),
      count(*) FILTER (WHERE a.state = 'reported'),
      count(*) FILTER (WHERE a.state = 'reviewed')
    FROM directives d LEFT JOIN assignments a ON a.directive_id = d.id
    GROUP BY d.id
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE directive_progress`.execute(db);
}
