import { sql } from 'kysely';
import { addCounts, DIRECTIVE_FINAL_STATES, figuresOfCounts, type DirectiveType, type FollowUpFigures } from '@dondoc/domain';
import type { DbOrTx } from './database.ts';
import { countsOf, figureCountsSql } from './follow-up.sql.ts';

/**
 * The province's four figures without counting a million rows per page: a closed
 * directive's figures never change (its assignments are final; calendar changes
 * move only open directives' deadlines), so they are counted once, when it
 * closes, into closed_directive_figures; only the directives still followed up
 * are counted live. The sum equals the rule over every row
 * (tests/follow-up-sql.test.ts).
 */

/** Counts the figures of closed directives that have none yet (`ids`, or every one): at close, and at start. */
export async function countClosedDirectiveFigures(db: DbOrTx, ids?: readonly string[]): Promise<number> {
  if (ids?.length === 0) return 0;
  const now = new Date();
  let q = db
    .selectFrom('directives as d')
    .innerJoin('assignments as a', 'a.directive_id', 'd.id')
    .innerJoin('tasks as t', 't.id', 'a.task_id')
    .select('d.id as directive_id')
    .select(figureCountsSql('a', 't', now))
    .where('d.state', '=', 'closed')
    .where((eb) => eb.not(eb.exists(eb.selectFrom('closed_directive_figures as f').select('f.directive_id').whereRef('f.directive_id', '=', 'd.id'))))
    .groupBy('d.id');
  if (ids) q = q.where('d.id', 'in', ids);
  const { numInsertedOrUpdatedRows } = await db
    .insertInto('closed_directive_figures')
    .columns(['directive_id', 'done_on_time', 'done_after_extension', 'done_late', 'open_on_time', 'open_overdue'])
    .expression(q)
    .onConflict((oc) => oc.column('directive_id').doNothing())
    .executeTakeFirst();
  return Number(numInsertedOrUpdatedRows ?? 0);
}

export interface ProvinceFilter {
  year?: number;
  issuerUnitId?: string;
  type?: DirectiveType;
}

/** The province's figures at `now` over every directive not withdrawn: the closed ones' counted figures plus the others counted live. */
export async function provinceFigureCounts(db: DbOrTx, now: Date, filter: ProvinceFilter = {}): Promise<FollowUpFigures> {
  let closed = db
    .selectFrom('closed_directive_figures as f')
    .innerJoin('directives as d', 'd.id', 'f.directive_id')
    .select([
      sql<string>`coalesce(sum(f.done_on_time), 0)`.as('done_on_time'),
      sql<string>`coalesce(sum(f.done_after_extension), 0)`.as('done_after_extension'),
      sql<string>`coalesce(sum(f.done_late), 0)`.as('done_late'),
      sql<string>`coalesce(sum(f.open_on_time), 0)`.as('open_on_time'),
      sql<string>`coalesce(sum(f.open_overdue), 0)`.as('open_overdue'),
    ]);
  let live = db
    .selectFrom('directives as d')
    .innerJoin('assignments as a', 'a.directive_id', 'd.id')
    .innerJoin('tasks as t', 't.id', 'a.task_id')
    .select(figureCountsSql('a', 't', now))
    .where('d.state', 'not in', DIRECTIVE_FINAL_STATES);
  if (filter.year) {
    closed = closed.where('d.issue_year', '=', filter.year);
    live = live.where('d.issue_year', '=', filter.year);
  }
  if (filter.issuerUnitId) {
    closed = closed.where('d.issuer_unit_id', '=', filter.issuerUnitId);
    live = live.where('d.issuer_unit_id', '=', filter.issuerUnitId);
  }
  if (filter.type) {
    closed = closed.where('d.type', '=', filter.type);
    live = live.where('d.type', '=', filter.type);
  }
  const [c, l] = await Promise.all([closed.executeTakeFirstOrThrow(), live.executeTakeFirstOrThrow()]);
  return figuresOfCounts(addCounts(countsOf(c), countsOf(l)));
}
