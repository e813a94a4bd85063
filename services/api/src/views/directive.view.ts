import { sql } from 'kysely';
import { atLocalTime, NotFoundError, type Classification } from '@dondoc/domain';
import type { AssignmentContext } from '@dondoc/workflows';
import type { DbOrTx, Principal } from '@dondoc/db';
import { canReadContent, canSeeAssignment, canSeeDirective, seesAllAssignments, type DirectiveFacts } from '../auth/policy.ts';

/** What a caller may know of a directive, and the directive's own row. */
export async function loadDirectiveFacts(db: DbOrTx, directiveId: string) {
  const d = await db.selectFrom('directives').selectAll().where('id', '=', directiveId).executeTakeFirst();
  if (!d) return undefined;
  const units = await db.selectFrom('assignments').select('unit_id').distinct().where('directive_id', '=', directiveId).execute();
  const facts: DirectiveFacts = {
    monitoringUnitId: d.monitoring_unit_id,
    classification: d.classification,
    assignedUnitIds: new Set(units.map((u) => u.unit_id)),
  };
  return { row: d, facts };
}

export const directiveNotFound = (id: string) => new NotFoundError('văn bản chỉ đạo', 'directive', id);
export const assignmentNotFound = (id: string) => new NotFoundError('phân công', 'assignment', id);

const unitRef = (code: string, name: string) => ({ code, name });

function assignmentSummary(a: {
  id: string;
  unit_code: string;
  unit_name: string;
  role: string;
  requested: boolean;
  state: string;
  version: number;
  due_at: Date | null;
  overdue: boolean;
  escalation_level: number;
  snapshot: unknown;
}) {
  const ctx = (a.snapshot as { context: AssignmentContext }).context;
  return {
    id: a.id,
    unit: unitRef(a.unit_code, a.unit_name),
    role: a.role,
    requested: a.requested,
    state: a.state,
    version: a.version,
    dueAt: a.due_at?.toISOString() ?? null,
    overdue: a.overdue,
    escalationLevel: a.escalation_level,
    extensionRequest: ctx.extension,
  };
}

function assignmentRows(db: DbOrTx) {
  return db
    .selectFrom('assignments as a')
    .innerJoin('units as u', 'u.id', 'a.unit_id')
    .select([
      'a.id',
      'a.task_id',
      'a.unit_id',
      'u.code as unit_code',
      'u.name as unit_name',
      'a.role',
      'a.requested',
      'a.state',
      'a.version',
      'a.due_at',
      'a.overdue',
      'a.escalation_level',
      'a.snapshot',
    ]);
}

/** A directive with its tasks, targets and the assignments the caller may see; content withheld where the caller may not read it. */
export async function directiveView(db: DbOrTx, caller: Principal, directiveId: string) {
  const loaded = await loadDirectiveFacts(db, directiveId);
  if (!loaded || !canSeeDirective(caller, loaded.facts)) throw directiveNotFound(directiveId);
  const { row: d, facts } = loaded;
  const readable = canReadContent(caller, facts);
  const seeAll = seesAllAssignments(caller, facts);

  const [units, tasks, targets, assignments] = await Promise.all([
    db.selectFrom('units').select(['id', 'code', 'name']).where('id', 'in', [d.issuer_unit_id, d.monitoring_unit_id]).execute(),
    db.selectFrom('tasks').selectAll().where('directive_id', '=', d.id).orderBy('ordinal').execute(),
    db.selectFrom('task_targets as g').innerJoin('tasks as t', 't.id', 'g.task_id').selectAll('g').where('t.directive_id', '=', d.id).orderBy('g.code').execute(),
    assignmentRows(db).where('a.directive_id', '=', d.id).orderBy('u.code').execute(),
  ]);
  const unit = (id: string) => units.find((u) => u.id === id)!;
  const visible = assignments.filter((a) => seeAll || a.unit_id === caller.unitId);

  return {
    id: d.id,
    type: d.type,
    numberSymbol: d.number_symbol,
    issuer: unitRef(unit(d.issuer_unit_id).code, unit(d.issuer_unit_id).name),
    signer: d.signer,
    issuedOn: d.issued_on,
    classification: d.classification,
    redacted: !readable,
    subject: readable ? d.subject : null,
    body: readable ? d.body : null,
    campaign: d.campaign_label ? { label: readable ? d.campaign_label : null, startsOn: d.campaign_starts_on, endsOn: d.campaign_ends_on } : null,
    monitoringUnit: unitRef(unit(d.monitoring_unit_id).code, unit(d.monitoring_unit_id).name),
    state: d.state,
    version: d.version,
    tasks: tasks
      .map((t) => {
        const mine = visible.filter((a) => a.task_id === t.id);
        const own = mine.some((a) => a.unit_id === caller.unitId);
        const showText = readable || own;
        return {
          id: t.id,
          ordinal: t.ordinal,
          title: showText ? t.title : null,
          body: showText ? t.body : null,
          isRequest: t.is_request,
          deadline: { kind: t.deadline_kind, date: t.deadline_date, workingDays: t.deadline_working_days },
          dueAt: t.due_at?.toISOString() ?? null,
          targets: targets
            .filter((g) => g.task_id === t.id)
            .map((g) => ({ code: g.code, name: showText ? g.name : null, unitOfMeasure: g.unit_of_measure, targetValue: Number(g.target_value) })),
          assignments: mine.map(assignmentSummary),
        };
      })
      .filter((t) => seeAll || t.assignments.length > 0),
  };
}

/** What the next timer of the ladder will do: the deadline passing, or a rung (head, monitoring unit, Chairman's list or a courtesy notice). */
function ladderStep(kind: string, step: number, requested: boolean): string {
  if (kind === 'deadline') return 'deadline';
  return ['unit_head', 'monitor', requested ? 'courtesy' : 'chairman_list'][step - 1] ?? `escalation_${step}`;
}

/** One assignment with its task and latest report, if the caller may see it. */
export async function assignmentView(db: DbOrTx, caller: Principal, assignmentId: string) {
  const a = await assignmentRows(db).select(['a.directive_id']).where('a.id', '=', assignmentId).executeTakeFirst();
  if (!a) throw assignmentNotFound(assignmentId);
  const loaded = await loadDirectiveFacts(db, a.directive_id);
  if (!loaded || !canSeeAssignment(caller, loaded.facts, a.unit_id)) throw assignmentNotFound(assignmentId);
  const { row: d, facts } = loaded;
  const readable = canReadContent(caller, facts) || a.unit_id === caller.unitId;
  const [task, targets, report, nextTimer] = await Promise.all([
    db.selectFrom('tasks').selectAll().where('id', '=', a.task_id).executeTakeFirstOrThrow(),
    db.selectFrom('task_targets').selectAll().where('task_id', '=', a.task_id).orderBy('code').execute(),
    db
      .selectFrom('events')
      .select(['payload', 'created_at'])
      .where('subject_type', '=', 'assignment')
      .where('subject_id', '=', a.id)
      .where('type', '=', 'SUBMIT_REPORT')
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst(),
    db
      .selectFrom('timers')
      .select(['kind', 'step', 'fire_at'])
      .where('subject_type', '=', 'assignment')
      .where('subject_id', '=', a.id)
      .where('status', '=', 'pending')
      .where('kind', 'in', ['deadline', 'escalation'])
      .orderBy('fire_at')
      .limit(1)
      .executeTakeFirst(),
  ]);
  const ctx = (a.snapshot as { context: AssignmentContext }).context;
  const lastReport = report ? { ...(report.payload as { text: string; values?: Record<string, number> }), at: report.created_at.toISOString() } : null;
  return {
    ...assignmentSummary(a),
    directive: { id: d.id, numberSymbol: d.number_symbol, subject: canReadContent(caller, facts) ? d.subject : null, classification: d.classification },
    task: {
      id: task.id,
      ordinal: task.ordinal,
      title: readable ? task.title : null,
      body: readable ? task.body : null,
      targets: targets.map((g) => ({ code: g.code, name: readable ? g.name : null, unitOfMeasure: g.unit_of_measure, targetValue: Number(g.target_value) })),
    },
    returns: ctx.returns,
    lastReturnReason: ctx.lastReturnReason,
    ladder: {
      level: ctx.escalationLevel ?? 0,
      next: nextTimer ? { step: ladderStep(nextTimer.kind, nextTimer.step, a.requested), at: nextTimer.fire_at.toISOString() } : null,
    },
    lastReport: lastReport && { text: lastReport.text, values: lastReport.values ?? {}, at: lastReport.at },
  };
}

export interface DirectiveFilter {
  state?: string;
  issuer?: string;
  type?: string;
  dueBefore?: string;
  overdue?: boolean;
  unit?: string;
  /** Part of the number and symbol, or of the subject (the subject of classified directives is not searched). */
  search?: string;
  page: number;
  pageSize: number;
}

const fullViewRoles = new Set(['chairman', 'office', 'monitor', 'admin']);

/**
 * Directives the caller may see, newest first, with counts over the
 * assignments the caller may see. Assignment filters (due before, overdue,
 * unit) match a directive when one of those assignments matches.
 */
export async function listDirectivesView(db: DbOrTx, caller: Principal, f: DirectiveFilter) {
  const seesAll = fullViewRoles.has(caller.role);
  // The assignments in the caller's view of a directive: all of them, or their unit's
  // (and all of those they monitor).
  const scoped = () =>
    db
      .selectFrom('assignments as a')
      .innerJoin('units as au', 'au.id', 'a.unit_id')
      .where('a.directive_id', '=', sql.ref<string>('d.id'))
      .$if(!seesAll, (q) => q.where((eb) => eb.or([eb('a.unit_id', '=', caller.unitId), eb(sql.ref('d.monitoring_unit_id'), '=', caller.unitId)])));

  let q = db.selectFrom('directives as d').innerJoin('units as iu', 'iu.id', 'd.issuer_unit_id');
  if (!seesAll) q = q.where((eb) => eb.exists(scoped().select('a.id')));
  if (f.state) q = q.where('d.state', '=', f.state);
  if (f.search) {
    const like = `%${f.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or([eb('d.number_symbol', 'ilike', like), eb.and([eb('d.classification', '=', 'thuong'), eb('d.subject', 'ilike', like)])]));
  }
  if (f.type) q = q.where('d.type', '=', f.type as never);
  if (f.issuer) q = q.where('iu.code', '=', f.issuer);
  if (f.unit) q = q.where((eb) => eb.exists(scoped().select('a.id').where('au.code', '=', f.unit!)));
  if (f.overdue !== undefined) {
    const overdue = f.overdue;
    q = q.where((eb) => {
      const has = eb.exists(scoped().select('a.id').where('a.overdue', '=', true).where('a.state', 'not in', ['reviewed', 'cancelled']));
      return overdue ? has : eb.not(has);
    });
  }
  if (f.dueBefore) {
    const limit = atLocalTime(f.dueBefore, '00:00');
    q = q.where((eb) => eb.exists(scoped().select('a.id').where('a.due_at', '<', limit).where('a.state', 'not in', ['reviewed', 'cancelled'])));
  }

  const { total } = await q.select((eb) => eb.fn.countAll<string>().as('total')).executeTakeFirstOrThrow();
  const rows = await q
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
    .select((eb) => [
      scoped().select(eb.fn.countAll<string>().as('n')).as('assignments'),
      scoped().select(eb.fn.countAll<string>().as('n')).where('a.overdue', '=', true).where('a.state', 'not in', ['reviewed', 'cancelled']).as('overdue'),
      scoped().select(sql<Date | null>`min(a.due_at)`.as('m')).where('a.state', 'not in', ['reviewed', 'cancelled']).as('next_due_at'),
      eb.exists(
        eb.selectFrom('assignments as x').select('x.id').whereRef('x.directive_id', '=', 'd.id').where('x.unit_id', '=', caller.unitId),
      ).as('assigned_to_caller'),
    ])
    .orderBy('d.issued_on', 'desc')
    .orderBy('d.number_symbol')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();

  return {
    page: f.page,
    pageSize: f.pageSize,
    total: Number(total),
    items: rows.map((r) => {
      const readable = canReadContent(caller, {
        classification: r.classification as Classification,
        monitoringUnitId: r.monitoring_unit_id,
        assignedUnitIds: new Set(r.assigned_to_caller ? [caller.unitId] : []),
      });
      return {
        id: r.id,
        type: r.type,
        numberSymbol: r.number_symbol,
        issuer: unitRef(r.issuer_code, r.issuer_name),
        issuedOn: r.issued_on,
        classification: r.classification,
        redacted: !readable,
        subject: readable ? r.subject : null,
        state: r.state,
        version: r.version,
        assignments: Number(r.assignments),
        overdue: Number(r.overdue),
        nextDueAt: r.next_due_at ? new Date(r.next_due_at).toISOString() : null,
      };
    }),
  };
}
