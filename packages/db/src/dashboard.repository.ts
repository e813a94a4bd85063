import { sql } from 'kysely';
import { ASSIGNMENT_FINAL_STATES, DIRECTIVE_FINAL_STATES } from '@dondoc/domain';
import type { DbOrTx } from './database.ts';

/**
 * What the province-wide pages read: the compliance matrix, the lagging units
 * and a unit's scorecard. Rows only; the lights and the Chairman's list are
 * the domain's rules (`trafficLight`, `onChairmansList`).
 */

/** Every assignment of a directive still followed up, with its directive and unit. */
export async function complianceRows(db: DbOrTx) {
  return db
    .selectFrom('assignments as a')
    .innerJoin('directives as d', 'd.id', 'a.directive_id')
    .innerJoin('units as u', 'u.id', 'a.unit_id')
    .select(['a.state', 'a.overdue', 'a.due_at', 'd.id as directive_id', 'd.number_symbol', 'u.code', 'u.name'])
    .where('d.state', 'not in', DIRECTIVE_FINAL_STATES)
    .execute();
}

/** Overdue assignments not yet finished, of directives still followed up, with their unit and ladder rung. */
export async function openOverdueAssignments(db: DbOrTx) {
  return db
    .selectFrom('assignments as a')
    .innerJoin('units as u', 'u.id', 'a.unit_id')
    .innerJoin('directives as d', 'd.id', 'a.directive_id')
    .select(['u.code', 'u.name', 'a.due_at', 'a.escalation_level', 'a.requested', 'd.number_symbol'])
    .where('a.overdue', '=', true)
    .where('a.state', 'not in', ASSIGNMENT_FINAL_STATES)
    .where('d.state', 'not in', DIRECTIVE_FINAL_STATES)
    .execute();
}

/** A unit by its code: id, code and name. */
export async function findUnitByCode(db: DbOrTx, code: string) {
  return db.selectFrom('units').select(['id', 'code', 'name']).where('code', '=', code).executeTakeFirst();
}

/** A unit's assignments with the time of their latest report (null when none was sent). */
export async function assignmentsWithReportTime(db: DbOrTx, unitId: string) {
  return db
    .selectFrom('assignments as a')
    .select(['a.id', 'a.state', 'a.overdue', 'a.due_at'])
    .select((eb) =>
      eb
        .selectFrom('events as e')
        .select(sql<Date>`max(e.created_at)`.as('t'))
        .whereRef('e.subject_id', '=', 'a.id')
        .where('e.type', '=', 'SUBMIT_REPORT')
        .as('reported_at'),
    )
    .where('a.unit_id', '=', unitId)
    .execute();
}

/** How many of a unit's deadlines passed in each month (yyyy-mm, Asia/Ho_Chi_Minh), oldest first. */
export async function deadlinesMissedByMonth(db: DbOrTx, unitId: string): Promise<{ month: string; late: number }[]> {
  const rows = await db
    .selectFrom('events as e')
    .innerJoin('assignments as a', (j) => j.onRef('a.id', '=', 'e.subject_id').on('e.subject_type', '=', 'assignment'))
    .select([sql<string>`to_char(e.created_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM')`.as('month'), sql<string>`count(*)`.as('n')])
    .where('a.unit_id', '=', unitId)
    .where('e.type', '=', 'DEADLINE_PASSED')
    .groupBy('month')
    .orderBy('month')
    .execute();
  return rows.map((m) => ({ month: m.month, late: Number(m.n) }));
}
