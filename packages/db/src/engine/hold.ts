import { ASSIGNMENT_FINAL_STATES, NotFoundError, UNIT_REPORT_WAITING_STATES } from '@dondoc/domain';
import type { DbOrTx } from '../database.ts';
import type { Assignment } from '../tables/assignment.table.ts';
import type { Directive } from '../tables/directive.table.ts';
import type { ReportPeriod, UnitReport } from '../tables/report.table.ts';

/** What a change to each kind of subject holds locked while it is decided: the subject's row and what it belongs to. */
export interface Held {
  directive: { directive: Directive; row: Directive };
  assignment: { directive: Directive; row: Assignment };
  report_period: { directive: Directive; row: ReportPeriod };
  unit_report: { directive: Directive; period: ReportPeriod; row: UnitReport };
}

/*
 * The lock order, for every change of every subject: the directive, then the
 * report period, then the subject's own row, then its timers, then the
 * directive's progress counts (directive-progress.ts, the last write). Taking
 * them in one order everywhere is what keeps concurrent changes (a user's
 * command, a timer firing, a period closing) from deadlocking.
 *
 * An assignment's change holds its directive with FOR KEY SHARE, which other
 * assignments' changes share: commands on different assignments of one
 * directive run side by side (issue 17), while a change of the directive
 * itself (FOR UPDATE: withdrawing, closing, a report) waits for them and they
 * for it. The roll-up they may each write to the directive row is ordered by
 * the progress counts' row lock.
 */

export async function holdDirective(tx: DbOrTx, id: string): Promise<Held['directive']> {
  const directive = await lockDirective(tx, id);
  return { directive, row: directive };
}

export async function holdAssignment(tx: DbOrTx, id: string): Promise<Held['assignment']> {
  const seen = await tx.selectFrom('assignments').select(['directive_id']).where('id', '=', id).executeTakeFirst();
  if (!seen) throw new NotFoundError('phân công', 'assignment', id);
  const directive = await lockDirective(tx, seen.directive_id, 'share');
  const row = await tx.selectFrom('assignments').selectAll().where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
  return { directive, row };
}

export async function holdPeriod(tx: DbOrTx, id: string): Promise<Held['report_period']> {
  const seen = await tx.selectFrom('report_periods').select(['directive_id']).where('id', '=', id).executeTakeFirst();
  if (!seen) throw new NotFoundError('kỳ báo cáo', 'report period', id);
  const directive = await lockDirective(tx, seen.directive_id);
  return { directive, row: await lockPeriod(tx, id) };
}

export async function holdUnitReport(tx: DbOrTx, id: string): Promise<Held['unit_report']> {
  const seen = await tx
    .selectFrom('unit_reports as r')
    .innerJoin('report_periods as p', 'p.id', 'r.period_id')
    .select(['r.period_id', 'p.directive_id'])
    .where('r.id', '=', id)
    .executeTakeFirst();
  if (!seen) throw new NotFoundError('báo cáo', 'report', id);
  const directive = await lockDirective(tx, seen.directive_id);
  const period = await lockPeriod(tx, seen.period_id);
  const row = await tx.selectFrom('unit_reports').selectAll().where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
  return { directive, period, row };
}

/** The open assignments of a directive whose directive the caller already holds, locked in id order. */
export async function holdOpenAssignments(tx: DbOrTx, directive: Directive): Promise<Held['assignment'][]> {
  const rows = await tx
    .selectFrom('assignments')
    .selectAll()
    .where('directive_id', '=', directive.id)
    .where('state', 'not in', ASSIGNMENT_FINAL_STATES)
    .orderBy('id')
    .forUpdate()
    .execute();
  return rows.map((row) => ({ directive, row }));
}

/** The reports of a held period still waiting for the unit, locked in id order. */
export async function holdWaitingReports(tx: DbOrTx, held: Held['report_period']): Promise<Held['unit_report'][]> {
  const rows = await tx
    .selectFrom('unit_reports')
    .selectAll()
    .where('period_id', '=', held.row.id)
    .where('state', 'in', UNIT_REPORT_WAITING_STATES)
    .orderBy('id')
    .forUpdate()
    .execute();
  return rows.map((row) => ({ directive: held.directive, period: held.row, row }));
}

async function lockDirective(tx: DbOrTx, id: string, mode: 'update' | 'share' = 'update'): Promise<Directive> {
  const q = tx.selectFrom('directives').selectAll().where('id', '=', id);
  const row = await (mode === 'share' ? q.forKeyShare() : q.forUpdate()).executeTakeFirst();
  if (!row) throw new NotFoundError('văn bản chỉ đạo', 'directive', id);
  return row;
}

async function lockPeriod(tx: DbOrTx, id: string): Promise<ReportPeriod> {
  return tx.selectFrom('report_periods').selectAll().where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
}
