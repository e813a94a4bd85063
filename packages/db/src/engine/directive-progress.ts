import { sql } from 'kysely';
import { rollupRank, type AssignmentState } from '@dondoc/workflows';
import type { DbOrTx } from '../database.ts';

/**
 * A directive's live assignments by roll-up rank (migration 0012). The engine
 * moves one count with each assignment change, as the change's last write, and
 * rolls the directive up from the counts it gets back: the row's lock orders
 * the roll-up decisions of concurrent commands on one directive (each sees the
 * counts with every earlier command in them), while the commands themselves
 * run side by side. The counts always equal the assignments' states
 * (tests/directive-progress.test.ts).
 */

const columns = ['issued', 'assigned', 'working', 'reported', 'reviewed'] as const;

/** Counts the directives' assignments afresh (`ids`, or every directive): at issue, and after a bulk load. */
export async function countDirectiveProgress(db: DbOrTx, ids?: readonly string[]): Promise<void> {
  if (ids?.length === 0) return;
  await sql`
    INSERT INTO directive_progress (directive_id, issued, assigned, working, reported, reviewed)
    SELECT d.id,
      count(*) FILTER (WHERE a.state = 'issued'),
      count(*) FILTER (WHERE a.state = 'assigned'),
      count(*) FILTER (WHERE a.state IN ('in_progress', 'returned')),
      count(*) FILTER (WHERE a.state = 'reported'),
      count(*) FILTER (WHERE a.state = 'reviewed')
    FROM directives d LEFT JOIN assignments a ON a.directive_id = d.id
    ${ids ? sql`WHERE d.id IN (${sql.join(ids)})` : sql``}
    GROUP BY d.id
    ON CONFLICT (directive_id) DO UPDATE SET issued = excluded.issued, assigned = excluded.assigned, working = excluded.working,
      reported = excluded.reported, reviewed = excluded.reviewed
  `.execute(db);
}

/**
 * Moves one assignment of the directive from one state's rank to another's and
 * returns the counts by rank after the move (every committed move included), or
 * null when both states have the same rank and nothing moves.
 */
export async function moveProgress(db: DbOrTx, directiveId: string, from: AssignmentState, to: AssignmentState): Promise<number[] | null> {
  const [a, b] = [rollupRank(from), rollupRank(to)];
  if (a === b) return null;
  const set = [
    ...(a === null ? [] : [sql`${sql.ref(columns[a]!)} = ${sql.ref(columns[a]!)} - 1`]),
    ...(b === null ? [] : [sql`${sql.ref(columns[b]!)} = ${sql.ref(columns[b]!)} + 1`]),
  ];
  const { rows } = await sql<Record<(typeof columns)[number], number>>`
    UPDATE directive_progress SET ${sql.join(set)} WHERE directive_id = ${directiveId}
    RETURNING issued, assigned, working, reported, reviewed
  `.execute(db);
  const row = rows[0];
  // Every directive gets its row when it is issued (and from the migration before that); a missing one is a defect, not a state to guess from.
  if (!row) throw new Error(`directive ${directiveId} has no directive_progress row`);
  return columns.map((c) => row[c]);
}
