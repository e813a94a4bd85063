import { sql } from 'kysely';
import { ASSIGNMENT_FINAL_STATES, atLocalTime, type Subject } from '@dondoc/domain';
import type { DbOrTx } from './database.ts';
import { assignmentProgressColumns } from './query.repository.ts';

/** States in which an assignment is finished: neither overdue nor due any more. */
const finished = ASSIGNMENT_FINAL_STATES;

export async function findDirective(db: DbOrTx, directiveId: string) {
  return db.selectFrom('directives').selectAll().where('id', '=', directiveId).executeTakeFirst();
}

/** The units holding an assignment of the directive (once each). */
export async function assignedUnitIds(db: DbOrTx, directiveId: string): Promise<string[]> {
  const rows = await db.selectFrom('assignments').select('unit_id').distinct().where('directive_id', '=', directiveId).execute();
  return rows.map((r) => r.unit_id);
}

/** An id names a directive, or else an assignment. */
export async function subjectOfId(db: DbOrTx, id: string): Promise<Subject> {
  const directive = await db.selectFrom('directives').select('id').where('id', '=', id).executeTakeFirst();
  return { type: directive ? 'directive' : 'assignment', id };
}

export async function unitsById(db: DbOrTx, ids: string[]) {
  return db.selectFrom('units').select(['id', 'code', 'name']).where('id', 'in', ids).execute();
}

export async function tasksOfDirective(db: DbOrTx, directiveId: string) {
  return db.selectFrom('tasks').selectAll().where('directive_id', '=', directiveId).orderBy('ordinal').execute();
}

/** Every target of the directive's tasks, by code. */
export async function targetsOfDirective(db: DbOrTx, directiveId: string) {
  return db
    .selectFrom('task_targets as g')
    .innerJoin('tasks as t', 't.id', 'g.task_id')
    .selectAll('g')
    .where('t.directive_id', '=', directiveId)
    .orderBy('g.code')
    .execute();
}

export async function findTask(db: DbOrTx, taskId: string) {
  return db.selectFrom('tasks').selectAll().where('id', '=', taskId).executeTakeFirstOrThrow();
}

/** The targets of one task, by code. */
export async function targetsOfTask(db: DbOrTx, taskId: string) {
  return db.selectFrom('task_targets').selectAll().where('task_id', '=', taskId).orderBy('code').execute();
}

/** Assignments with their unit's code and name. */
function assignmentRows(db: DbOrTx) {
  return db
    .selectFrom('assignments as a')
    .innerJoin('units as u', 'u.id', 'a.unit_id')
    .select(['a.id', 'a.directive_id', 'a.task_id', 'a.unit_id', 'u.code as unit_code', 'u.name as unit_name', ...assignmentProgressColumns, 'a.snapshot']);
}

/** The directive's assignments (or only one unit's), by unit code. */
export async function assignmentRowsOfDirective(db: DbOrTx, directiveId: string, unitId?: string) {
  return assignmentRows(db)
    .where('a.directive_id', '=', directiveId)
    .$if(unitId !== undefined, (q) => q.where('a.unit_id', '=', unitId!))
    .orderBy('u.code')
    .execute();
}

export async function findAssignmentRow(db: DbOrTx, assignmentId: string) {
  return assignmentRows(db).where('a.id', '=', assignmentId).executeTakeFirst();
}

/** What a command on an assignment needs to know of it before the engine takes over. */
export async function findAssignmentForCommand(db: DbOrTx, assignmentId: string) {
  return db.selectFrom('assignments').select(['directive_id', 'unit_id', 'task_id', 'due_at']).where('id', '=', assignmentId).executeTakeFirst();
}

/** The latest report submitted on an assignment (its audit event), if any. */
export async function lastReportEvent(db: DbOrTx, assignmentId: string) {
  return db
    .selectFrom('events')
    .select(['payload', 'created_at'])
    .where('subject_type', '=', 'assignment')
    .where('subject_id', '=', assignmentId)
    .where('type', '=', 'SUBMIT_REPORT')
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** The next pending deadline or escalation timer of an assignment, if any. */
export async function nextLadderTimer(db: DbOrTx, assignmentId: string) {
  return db
    .selectFrom('timers')
    .select(['kind', 'step', 'fire_at'])
    .where('subject_type', '=', 'assignment')
    .where('subject_id', '=', assignmentId)
    .where('status', '=', 'pending')
    .where('kind', 'in', ['deadline', 'escalation'])
    .orderBy('fire_at')
    .limit(1)
    .executeTakeFirst();
}

export interface DirectiveListFilter {
  state?: string;
  issuer?: string;
  type?: string;
  /** The year of issue. */
  year?: number;
  dueBefore?: string;
  overdue?: boolean;
  unit?: string;
  /** Part of the number and symbol, or of the subject (the subject of classified directives is not searched). */
  search?: string;
  page: number;
  pageSize: number;
}

/**
 * Whose assignments are counted and matched: every assignment, or only those
 * of the unit and of the directives it monitors (then only directives with one
 * of those are listed). A row's `assigned_to_unit` says whether the unit holds one.
 */
export interface DirectiveListScope {
  unitId: string;
  allAssignments: boolean;
}

/**
 * One page of directives, newest first, with counts over the assignments in
 * scope. Assignment filters (due before, overdue, unit) match a directive when
 * one of those assignments matches.
 *
 * The page is chosen first and only its directives are counted: counting every
 * filtered directive (or those skipped by the offset) read all their assignments
 * (issue 16). The overdue and open figures read the open assignments' index
 * (migration 0011), a few percent of the table once directives are done.
 */
export async function directivePage(db: DbOrTx, scope: DirectiveListScope, f: DirectiveListFilter) {
  /** The assignments of the directive that `d` names (the directives, or the page of them). */
  const ofDirective = (d: 'd' | 'p') => db.selectFrom('assignments as a').where('a.directive_id', '=', sql.ref<string>(`${d}.id`));
  /** Those in scope. */
  const scoped = (d: 'd' | 'p') =>
    ofDirective(d).$if(!scope.allAssignments, (q) =>
      q.where((eb) => eb.or([eb('a.unit_id', '=', scope.unitId), eb(sql.ref(`${d}.monitoring_unit_id`), '=', scope.unitId)])),
    );
  /** Those still open: the open assignments' index holds them. */
  const open = (d: 'd' | 'p') => scoped(d).where('a.state', 'not in', finished);

  let q = db.selectFrom('directives as d').innerJoin('units as iu', 'iu.id', 'd.issuer_unit_id');
  // A directive with an assignment in scope: monitored and assigned at all, or
  // holding one of the unit's, whose directives are looked up once by unit.
  if (!scope.allAssignments)
    q = q.where((eb) =>
      eb.or([
        eb.and([eb('d.monitoring_unit_id', '=', scope.unitId), eb.exists(ofDirective('d').select('a.id'))]),
        eb('d.id', 'in', eb.selectFrom('assignments as m').select('m.directive_id').where('m.unit_id', '=', scope.unitId)),
      ]),
    );
  if (f.state) q = q.where('d.state', '=', f.state);
  if (f.search) {
    const like = `%${f.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or([eb('d.number_symbol', 'ilike', like), eb.and([eb('d.classification', '=', 'thuong'), eb('d.subject', 'ilike', like)])]));
  }
  if (f.type) q = q.where('d.type', '=', f.type as never);
  if (f.year) q = q.where('d.issue_year', '=', f.year);
  if (f.issuer) q = q.where('iu.code', '=', f.issuer);
  if (f.unit) {
    const unit = f.unit;
    q = q.where((eb) => eb.exists(scoped('d').innerJoin('units as au', 'au.id', 'a.unit_id').select('a.id').where('au.code', '=', unit)));
  }
  if (f.overdue !== undefined) {
    const overdue = f.overdue;
    q = q.where((eb) => {
      const has = eb.exists(open('d').select('a.id').where('a.overdue', '=', true));
      return overdue ? has : eb.not(has);
    });
  }
  if (f.dueBefore) {
    const limit = atLocalTime(f.dueBefore, '00:00');
    q = q.where((eb) => eb.exists(open('d').select('a.id').where('a.due_at', '<', limit)));
  }

  const { total } = await q.select((eb) => eb.fn.countAll<string>().as('total')).executeTakeFirstOrThrow();
  const page = q
    .select([
      'd.id',
      'd.type',
      'd.number_symbol',
      'd.issued_on',
      'd.subject',
      'd.classification',
      'd.monitoring_unit_id',
      'd.state',
      'd.version',
      'iu.code as issuer_code',
      'iu.name as issuer_name',
    ])
    .orderBy('d.issued_on', 'desc')
    .orderBy('d.number_symbol')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize);
  const rows = await db
    .selectFrom(page.as('p'))
    .selectAll('p')
    .select((eb) => [
      scoped('p').select(eb.fn.countAll<string>().as('n')).as('assignments'),
      open('p').select(eb.fn.countAll<string>().as('n')).where('a.overdue', '=', true).as('overdue'),
      open('p').select(sql<Date | null>`min(a.due_at)`.as('m')).as('next_due_at'),
      eb
        .exists(eb.selectFrom('assignments as x').select('x.id').whereRef('x.directive_id', '=', 'p.id').where('x.unit_id', '=', scope.unitId))
        .as('assigned_to_unit'),
    ])
    .orderBy('p.issued_on', 'desc')
    .orderBy('p.number_symbol')
    .execute();
  return { total: Number(total), rows };
}
