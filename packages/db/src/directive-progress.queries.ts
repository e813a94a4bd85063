import { sql } from 'kysely';
import type { Light, LightClock, UnitKind } from '@dondoc/domain';
import type { DbOrTx } from './database.ts';
import { lightRankSql, lightSql } from './follow-up.sql.ts';

/**
 * A directive's page at a province's scale (issue 16): a Kế hoạch sent to every
 * commune holds thousands of assignments, so the page counts them by task and
 * light in PostgreSQL and reads the units' rows a page at a time, filtered.
 */

/** Whose assignments: every unit's, or only one unit's (a unit sees its own). */
export interface DirectiveAssignmentScope {
  unitId?: string;
}

/** The filters of a directive's assignment list; none means every row in scope. */
export interface DirectiveAssignmentFilter {
  light?: Light;
  /** The assignment's state (issued, assigned, in_progress…). */
  state?: string;
  /** The unit's kinds (a tier: the province's bodies, the districts, the communes). */
  unitKinds?: readonly UnitKind[];
  /** Part of the unit's name, or of its code (so "hoa an" finds tp-hoa-an, Hòa An). */
  search?: string;
}

/** Worst first (overdue, due soon, on time, done, cancelled; then the earliest deadline), or by unit code as the page always listed them. */
export type DirectiveAssignmentOrder = 'unit' | 'worst';

const like = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
/** A search as a unit code would spell it: no diacritics, lower case, words joined by hyphens. */
const asCode = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd').toLowerCase().trim().replace(/\s+/g, '-');

/** The directive's assignments in scope with their unit, light and rank, and whether each passes the filters other than the light. */
function assignmentsInScope(db: DbOrTx, directiveId: string, clock: LightClock, scope: DirectiveAssignmentScope, f: DirectiveAssignmentFilter) {
  const search = f.search?.trim();
  return db
    .selectFrom('assignments as a')
    .innerJoin('units as u', 'u.id', 'a.unit_id')
    .select(['a.id', 'a.task_id', 'a.role', 'a.state', 'a.due_at', 'u.code as unit_code', 'u.name as unit_name'])
    .select([lightSql('a', clock).as('light'), lightRankSql('a', clock).as('rank')])
    .select((eb) => {
      const conditions = [
        ...(f.state ? [eb('a.state', '=', f.state)] : []),
        ...(f.unitKinds?.length ? [eb('u.kind', 'in', [...f.unitKinds])] : []),
        ...(search ? [eb.or([eb('u.name', 'ilike', like(search)), eb('u.code', 'ilike', like(asCode(search)))])] : []),
      ];
      return eb.and(conditions).as('passes');
    })
    .where('a.directive_id', '=', directiveId)
    .$if(scope.unitId !== undefined, (q) => q.where('a.unit_id', '=', scope.unitId!));
}

export interface TaskLightCount {
  taskId: string;
  light: Light;
  /** Every assignment of the task in scope with this light. */
  all: number;
  /** Those the filters keep. */
  matching: number;
}

/** Per task and light, how many assignments are in scope and how many the filters keep: the page's summary and its list's length, in one pass. */
export async function directiveLightCounts(
  db: DbOrTx,
  directiveId: string,
  clock: LightClock,
  scope: DirectiveAssignmentScope,
  f: DirectiveAssignmentFilter,
): Promise<TaskLightCount[]> {
  const rows = await db
    .selectFrom(assignmentsInScope(db, directiveId, clock, scope, f).as('x'))
    .select(['x.task_id', 'x.light'])
    .select(sql<string>`count(*)`.as('n'))
    .select(sql<string>`count(*) FILTER (WHERE x.passes${f.light ? sql` AND x.light = ${f.light}` : sql``})`.as('matching'))
    .groupBy(['x.task_id', 'x.light'])
    .execute();
  return rows.map((r) => ({ taskId: r.task_id, light: r.light, all: Number(r.n), matching: Number(r.matching) }));
}

export interface DirectiveAssignmentRow {
  id: string;
  taskId: string;
  unitCode: string;
  unitName: string;
  role: string;
  state: string;
  dueAt: Date | null;
  light: Light;
}

/**
 * One page of each task's filtered assignments: page `page` holds rows
 * (page-1)·size+1 … page·size of every task, in the order asked, so the page's
 * task sections page together.
 */
export async function directiveAssignmentsPage(
  db: DbOrTx,
  directiveId: string,
  clock: LightClock,
  scope: DirectiveAssignmentScope,
  f: DirectiveAssignmentFilter,
  o: { order: DirectiveAssignmentOrder; page: number; pageSize: number },
): Promise<DirectiveAssignmentRow[]> {
  const order = o.order === 'worst' ? sql`x.rank, x.due_at NULLS LAST, x.unit_code` : sql`x.unit_code`;
  const numbered = db
    .selectFrom(assignmentsInScope(db, directiveId, clock, scope, f).as('x'))
    .selectAll('x')
    .select(sql<number>`row_number() OVER (PARTITION BY x.task_id ORDER BY ${order})`.as('n'))
    .where('x.passes', '=', true)
    .$if(f.light !== undefined, (q) => q.where('x.light', '=', f.light!));
  const from = (o.page - 1) * o.pageSize;
  const rows = await db
    .selectFrom(numbered.as('y'))
    .select(['y.id', 'y.task_id', 'y.unit_code', 'y.unit_name', 'y.role', 'y.state', 'y.due_at', 'y.light'])
    .where('y.n', '>', from)
    .where('y.n', '<=', from + o.pageSize)
    .orderBy('y.task_id')
    .orderBy('y.n')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    taskId: r.task_id,
    unitCode: r.unit_code,
    unitName: r.unit_name,
    role: r.role,
    state: r.state,
    dueAt: r.due_at,
    light: r.light,
  }));
}

/**
 * Per target code, the sum over the directive's assignments in scope of the
 * values in each one's latest report. The values live only in the
 * SUBMIT_REPORT events, so only assignments that reported (reported_at is
 * set with each report) of tasks with targets are looked up there.
 */
export async function reportedValuesOfDirective(db: DbOrTx, directiveId: string, scope: DirectiveAssignmentScope): Promise<Map<string, number>> {
  // The latest report of each by a backward probe of the trail's index (a plan that does not go parallel, which costs more than it saves here).
  const rows = await db
    .selectFrom('assignments as a')
    .innerJoinLateral(
      (eb) =>
        eb
          .selectFrom('events as e')
          .select('e.payload')
          .where('e.subject_type', '=', 'assignment')
          .whereRef('e.subject_id', '=', 'a.id')
          .where('e.type', '=', 'SUBMIT_REPORT')
          .orderBy('e.seq', 'desc')
          .limit(1)
          .as('l'),
      (j) => j.onTrue(),
    )
    .innerJoin(
      sql<{ key: string; value: unknown }>`jsonb_each(CASE WHEN jsonb_typeof(l.payload->'values') = 'object' THEN l.payload->'values' END)`.as('v'),
      (j) => j.onTrue(),
    )
    .select(['v.key', sql<string>`sum((v.value)::numeric)`.as('total')])
    .where('a.directive_id', '=', directiveId)
    .where('a.reported_at', 'is not', null)
    .where((eb) => eb.exists(eb.selectFrom('task_targets as g').select('g.code').whereRef('g.task_id', '=', 'a.task_id')))
    .$if(scope.unitId !== undefined, (q) => q.where('a.unit_id', '=', scope.unitId!))
    .where(sql<boolean>`jsonb_typeof(v.value) = 'number'`)
    .groupBy('v.key')
    .execute();
  return new Map(rows.map((r) => [r.key, Number(r.total)]));
}
