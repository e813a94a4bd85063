import { sql } from 'kysely';
import { compareVi, DIRECTIVE_FINAL_STATES, figuresOfCounts, type DirectiveType, type FollowUpFigures, type UnitKind } from '@dondoc/domain';
import type { DbOrTx } from './database.ts';
import { workingDaysLateSql } from './calendar-days.ts';
import { countsOf, figureCountsSql, onChairmansListSql, openOverdueSql } from './follow-up.sql.ts';

/**
 * The lagging units at a province's scale: units with overdue open work
 * (openOverdueSql) in directives still followed up, worst first. PostgreSQL
 * gives one row per unit (its overdue items, the working days its earliest
 * overdue deadline is past), so a page reads every unit's rank without loading
 * the assignments; the items, figures and marks are then read for the units in
 * view only. Working days are calendar_days' (workingDaysLateSql), the rules
 * follow-up.sql.ts's, so the numbers are the domain's over the same rows
 * (tests/laggards.sql.test.ts).
 */

export interface LaggardsFilter {
  year?: number;
  issuerUnitId?: string;
  type?: DirectiveType;
  unitKinds?: readonly UnitKind[];
}

export interface LaggingUnitRank {
  id: string;
  code: string;
  name: string;
  /** Its overdue items. */
  overdue: number;
  /** Working days its worst item is late (its earliest overdue deadline; 0 when none is past). */
  worst: number;
}

export interface LaggingItemRow {
  unitId: string;
  assignmentId: string;
  directiveId: string;
  numberSymbol: string;
  classification: string;
  taskOrdinal: number;
  taskTitle: string;
  dueAt: Date | null;
  workingDaysLate: number;
  returns: number;
  onChairmansList: boolean;
  requested: boolean;
  state: string;
  escalationLevel: number;
}

export interface LaggingItems {
  /** Each unit's overdue items, worst first (working days late, then number, then task), the worst `perUnit` when limited. */
  items: Map<string, LaggingItemRow[]>;
  /** Of each unit's overdue items (all of them, not only those read): one on the Chairman's list; every one a requested body's. */
  marks: Map<string, { onChairmansList: boolean; requested: boolean }>;
}

/** The directives followed up (not closed or withdrawn) that the filter keeps, as a subquery of ids. */
function followedUp(db: DbOrTx, f: LaggardsFilter) {
  let q = db.selectFrom('directives as d').select('d.id').where('d.state', 'not in', DIRECTIVE_FINAL_STATES);
  if (f.year) q = q.where('d.issue_year', '=', f.year);
  if (f.issuerUnitId) q = q.where('d.issuer_unit_id', '=', f.issuerUnitId);
  if (f.type) q = q.where('d.type', '=', f.type);
  return q;
}

/** The lagging units' order: worst working days late, then most overdue items, then name. */
export const laggardOrder = (a: LaggingUnitRank, b: LaggingUnitRank) => b.worst - a.worst || b.overdue - a.overdue || compareVi(a.name, b.name);

/**
 * Every lagging unit under the filter, in laggardOrder. The open assignments of
 * open directives come from the partial index assignments_open_directive_idx
 * (directive_id, due_at) INCLUDE (overdue, unit_id) without reading the table.
 */
export async function laggingUnitRanks(db: DbOrTx, now: Date, f: LaggardsFilter = {}): Promise<LaggingUnitRank[]> {
  let overdue = db
    .selectFrom('assignments as a')
    .select(['a.unit_id', sql<string>`count(*)`.as('overdue'), sql<Date | null>`min(a.due_at)`.as('first_due')])
    .where(sql<boolean>`a.directive_id = ANY(ARRAY(${followedUp(db, f)}))`)
    .where(openOverdueSql('a', now))
    .groupBy('a.unit_id');
  if (f.unitKinds?.length) overdue = overdue.where('a.unit_id', 'in', db.selectFrom('units').select('id').where('kind', 'in', f.unitKinds));
  const rows = await db
    .selectFrom(overdue.as('o'))
    .innerJoin('units as u', 'u.id', 'o.unit_id')
    .select(['u.id', 'u.code', 'u.name', 'o.overdue'])
    // Once per unit, from its earliest overdue deadline: lateness only grows with an earlier deadline.
    .select(workingDaysLateSql(sql`o.first_due`, now).as('worst'))
    .execute();
  return rows.map((r) => ({ id: r.id, code: r.code, name: r.name, overdue: Number(r.overdue), worst: Number(r.worst) })).sort(laggardOrder);
}

const itemOrder = (a: LaggingItemRow, b: LaggingItemRow) =>
  b.workingDaysLate - a.workingDaysLate || compareVi(a.numberSymbol, b.numberSymbol) || a.taskOrdinal - b.taskOrdinal;

/**
 * The overdue items of the given units (or of every unit the filter keeps) in directives followed up under the filter,
 * with the units' marks over all their overdue items. `perUnit` keeps each unit's
 * worst that many: PostgreSQL keeps the items ranked within them by lateness (ties
 * at the edge too), and the final order (compareVi on the number) is applied here.
 */
export async function laggingItems(db: DbOrTx, now: Date, units: readonly string[] | 'every', f: LaggardsFilter = {}, perUnit?: number): Promise<LaggingItems> {
  const out: LaggingItems = { items: new Map(), marks: new Map() };
  if (units.length === 0) return out;
  const late = workingDaysLateSql(sql.ref('a.due_at'), now);
  const ranked = db
    .selectFrom('assignments as a')
    .innerJoin('directives as d', 'd.id', 'a.directive_id')
    .innerJoin('tasks as t', 't.id', 'a.task_id')
    .select(['a.unit_id', 'a.id', 'a.directive_id', 'a.due_at', 'a.returns', 'a.requested', 'a.state', 'a.escalation_level'])
    .select(['d.number_symbol', 'd.classification', 't.ordinal', 't.title'])
    .select([
      late.as('late'),
      onChairmansListSql('a').as('chairman'),
      sql<number>`rank() OVER (PARTITION BY a.unit_id ORDER BY ${late} DESC)`.as('rank'),
      sql<boolean>`bool_or(${onChairmansListSql('a')}) OVER (PARTITION BY a.unit_id)`.as('any_chairman'),
      sql<boolean>`bool_and(a.requested) OVER (PARTITION BY a.unit_id)`.as('all_requested'),
    ])
    .where(sql<boolean>`a.directive_id = ANY(ARRAY(${followedUp(db, f)}))`)
    .where(openOverdueSql('a', now))
    .$if(units !== 'every', (q) => q.where('a.unit_id', 'in', units as readonly string[]))
    .$if(!!f.unitKinds?.length, (q) => q.where('a.unit_id', 'in', db.selectFrom('units').select('id').where('kind', 'in', f.unitKinds!)));
  let q = db.selectFrom(ranked.as('r')).selectAll();
  if (perUnit !== undefined) q = q.where('r.rank', '<=', perUnit);
  for (const r of await q.execute()) {
    const list = out.items.get(r.unit_id) ?? [];
    list.push({
      unitId: r.unit_id,
      assignmentId: r.id,
      directiveId: r.directive_id,
      numberSymbol: r.number_symbol,
      classification: r.classification,
      taskOrdinal: r.ordinal,
      taskTitle: r.title,
      dueAt: r.due_at,
      workingDaysLate: Number(r.late),
      returns: r.returns,
      onChairmansList: r.chairman,
      requested: r.requested,
      state: r.state,
      escalationLevel: r.escalation_level,
    });
    out.items.set(r.unit_id, list);
    out.marks.set(r.unit_id, { onChairmansList: r.any_chairman, requested: r.all_requested });
  }
  for (const [id, list] of out.items) out.items.set(id, list.sort(itemOrder).slice(0, perUnit));
  return out;
}

/** The four figures of each given unit over its work in directives followed up under the filter. */
export async function unitFollowUpFigures(db: DbOrTx, now: Date, unitIds: readonly string[], f: LaggardsFilter = {}): Promise<Map<string, FollowUpFigures>> {
  if (unitIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('assignments as a')
    .innerJoin('tasks as t', 't.id', 'a.task_id')
    .select('a.unit_id')
    .select(figureCountsSql('a', 't', now))
    .where('a.unit_id', 'in', unitIds)
    .where(sql<boolean>`a.directive_id = ANY(ARRAY(${followedUp(db, f)}))`)
    .groupBy('a.unit_id')
    .execute();
  return new Map(rows.map((r) => [r.unit_id, figuresOfCounts(countsOf(r))]));
}
