import { sql } from 'kysely';
import { ASSIGNMENT_FINAL_STATES, DIRECTIVE_FINAL_STATES, UNIT_REPORT_WAITING_STATES } from '@dondoc/domain';
import type { DbOrTx } from './database.ts';

/** What a unit's inbox lists: its open assignments and the periodic reports it still owes, by deadline. */

/** The unit's assignments not yet finished, of directives still followed up, earliest deadline first. */
export async function openAssignmentsOfUnit(db: DbOrTx, unitId: string) {
  // From the machine's context: why the last report came back, and the day a pending extension request asks for.
  const returnReason = sql<string | null>`a.snapshot->'context'->>'lastReturnReason'`.as('last_return_reason');
  const extensionDueAt = sql<string | null>`a.snapshot->'context'->'extension'->>'dueAt'`.as('extension_due_at');
  return db
    .selectFrom('assignments as a')
    .innerJoin('tasks as t', 't.id', 'a.task_id')
    .innerJoin('directives as d', 'd.id', 'a.directive_id')
    .select(['a.id', 'a.state', 'a.overdue', 'a.due_at', 't.ordinal', 't.title', 'd.number_symbol', 'd.classification', returnReason, extensionDueAt])
    .where('a.unit_id', '=', unitId)
    .where('a.state', 'not in', ASSIGNMENT_FINAL_STATES)
    .where('d.state', 'not in', DIRECTIVE_FINAL_STATES)
    .orderBy('a.due_at')
    .execute();
}

/** The unit's reports still waiting to be sent, earliest deadline first. */
export async function waitingReportsOfUnit(db: DbOrTx, unitId: string) {
  return db
    .selectFrom('unit_reports as r')
    .innerJoin('report_periods as p', 'p.id', 'r.period_id')
    .innerJoin('directives as d', 'd.id', 'p.directive_id')
    .select(['r.id', 'r.state', 'p.period_key', 'p.due_at', 'd.number_symbol'])
    .where('r.unit_id', '=', unitId)
    .where('r.state', 'in', UNIT_REPORT_WAITING_STATES)
    .orderBy('p.due_at')
    .execute();
}
