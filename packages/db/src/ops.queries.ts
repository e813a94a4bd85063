import { sql } from 'kysely';
import { ASSIGNMENT_FINAL_STATES } from '@dondoc/domain';
import type { DbOrTx } from './database.ts';

/** A round trip to PostgreSQL: resolves when it answers. */
export async function pingDatabase(db: DbOrTx): Promise<void> {
  await sql`SELECT 1`.execute(db);
}

/** When each timer of a kind was due and when it was settled, if it was. */
export async function timerSettlements(db: DbOrTx, kind: string) {
  return db.selectFrom('timers').select(['fire_at', 'settled_at', 'status']).where('kind', '=', kind).execute();
}

/** How many assignments are in each state. */
export async function assignmentCountsByState(db: DbOrTx): Promise<{ state: string; n: number }[]> {
  const rows = await db
    .selectFrom('assignments')
    .select(['state', sql<string>`count(*)`.as('n')])
    .groupBy('state')
    .execute();
  return rows.map((r) => ({ state: r.state, n: Number(r.n) }));
}

/** How many open assignments are past their deadline without an approved report. */
export async function openOverdueAssignmentCount(db: DbOrTx): Promise<number> {
  const r = await db
    .selectFrom('assignments')
    .select(sql<string>`count(*)`.as('n'))
    .where('overdue', '=', true)
    .where('state', 'not in', ASSIGNMENT_FINAL_STATES)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
