import { DIRECTIVE_FINAL_STATES, type DirectiveType, type UnitKind } from '@dondoc/domain';
import type { DbOrTx } from './database.ts';

/**
 * Every assignment with what the follow-up figures (rules/follow-up-figures.ts)
 * and the dashboards need: its deadline and the original one when an extension
 * was granted, when the last report went in, how often a report was returned,
 * and its directive, task and unit: columns the engine keeps on the row
 * (reported_at, returns, extended; migration 0010).
 *
 * The original deadline of an extended assignment is its task's `due_at`: an
 * extension moves only the assignment's deadline (the machine's moveDeadline),
 * while a calendar change moves the task's and the assignment's together, so
 * the task keeps the deadline as issued on today's calendar.
 */
export interface FollowUpFilter {
  unitId?: string;
  /** Only directives still followed up (not closed or withdrawn), as the matrix shows them. */
  followedUpOnly?: boolean;
  year?: number;
  issuerUnitId?: string;
  type?: DirectiveType;
  unitKinds?: readonly UnitKind[];
}

export async function followUpRows(db: DbOrTx, filter: FollowUpFilter = {}) {
  let q = db
    .selectFrom('assignments as a')
    .innerJoin('directives as d', 'd.id', 'a.directive_id')
    .innerJoin('tasks as t', 't.id', 'a.task_id')
    .innerJoin('units as u', 'u.id', 'a.unit_id')
    .select(['a.id', 'a.state', 'a.due_at', 'a.overdue', 'a.escalation_level', 'a.requested', 'a.role'])
    .select(['d.id as directive_id', 'd.number_symbol', 'd.type as directive_type', 'd.issue_year', 'd.issuer_unit_id', 'd.classification'])
    .select(['t.ordinal as task_ordinal', 't.title as task_title', 't.due_at as task_due_at'])
    .select(['u.id as unit_id', 'u.code as unit_code', 'u.name as unit_name', 'u.kind as unit_kind'])
    .select(['a.reported_at', 'a.returns', 'a.extended'])
    // A withdrawn directive's work does not count; a closed one's does (it was done, or not, by its deadlines).
    .where('d.state', '!=', 'withdrawn');
  if (filter.followedUpOnly) q = q.where('d.state', 'not in', DIRECTIVE_FINAL_STATES);
  if (filter.unitId) q = q.where('a.unit_id', '=', filter.unitId);
  if (filter.year) q = q.where('d.issue_year', '=', filter.year);
  if (filter.issuerUnitId) q = q.where('d.issuer_unit_id', '=', filter.issuerUnitId);
  if (filter.type) q = q.where('d.type', '=', filter.type);
  if (filter.unitKinds?.length) q = q.where('u.kind', 'in', filter.unitKinds);
  const rows = await q.execute();
  return rows.map((r) => ({
    ...r,
    /** The deadline before the first extension granted, or null when none was. */
    original_due_at: r.extended ? r.task_due_at : null,
    /** When the approved report went in: the last submission of a reviewed assignment (nothing can follow the approval). */
    done_at: r.state === 'reviewed' ? (r.reported_at ?? null) : null,
  }));
}

export type FollowUpRow = Awaited<ReturnType<typeof followUpRows>>[number];

/** The years and issuers directives were issued in and by, for the filters. */
export async function directiveFacets(db: DbOrTx) {
  const [years, issuers] = await Promise.all([
    db.selectFrom('directives').select('issue_year').distinct().orderBy('issue_year', 'desc').execute(),
    db.selectFrom('directives as d').innerJoin('units as u', 'u.id', 'd.issuer_unit_id').select(['u.id', 'u.code', 'u.name']).distinct().execute(),
  ]);
  return { years: years.map((y) => y.issue_year), issuers };
}

/** A unit's contacts for the lagging-units list: the head and focal officer it was set up with, and its signed-up officers and heads. */
export async function unitContacts(db: DbOrTx, unitIds: readonly string[]) {
  if (unitIds.length === 0) return [];
  const [units, people] = await Promise.all([
    db.selectFrom('units').select(['id', 'head_name', 'head_email', 'focal_name', 'focal_email']).where('id', 'in', unitIds).execute(),
    db
      .selectFrom('users')
      .select(['unit_id', 'name', 'email', 'role'])
      .where('unit_id', 'in', unitIds)
      .where('role', 'in', ['unit_head', 'unit_officer'])
      .where('disabled_at', 'is', null)
      .execute(),
  ]);
  return units.map((u) => ({ ...u, people: people.filter((p) => p.unit_id === u.id) }));
}

/** A unit by its code: id, code, name and kind. */
export async function findUnitByCode(db: DbOrTx, code: string) {
  return db.selectFrom('units').select(['id', 'code', 'name', 'kind']).where('code', '=', code).executeTakeFirst();
}
