import { NotFoundError, type Classification } from '@dondoc/domain';
import type { AssignmentContext } from '@dondoc/workflows';
import {
  assignedUnitIds,
  assignmentRowsOfDirective,
  directivePage,
  findAssignmentRow,
  findDirective,
  findTask,
  lastReportEvent,
  nextLadderTimer,
  targetsOfDirective,
  targetsOfTask,
  tasksOfDirective,
  unitsById,
  type DbOrTx,
  type DirectiveListFilter,
  type Principal,
} from '@dondoc/db';
import { canReadContent, canSeeAssignment, canSeeDirective, seesAllAssignments, type DirectiveFacts } from '../auth/policy.ts';

/** What a caller may know of a directive, and the directive's own row. */
export async function loadDirectiveFacts(db: DbOrTx, directiveId: string) {
  const d = await findDirective(db, directiveId);
  if (!d) return undefined;
  const facts: DirectiveFacts = {
    monitoringUnitId: d.monitoring_unit_id,
    classification: d.classification,
    assignedUnitIds: new Set(await assignedUnitIds(db, directiveId)),
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

/** A directive with its tasks, targets and the assignments the caller may see; content withheld where the caller may not read it. */
export async function directiveView(db: DbOrTx, caller: Principal, directiveId: string) {
  return (await directiveWith(db, caller, directiveId, 'visible')).view;
}

/**
 * The same directive with only the caller's unit's assignments, and whether
 * the caller sees every unit's: the web page reads those a page at a time
 * (web/directive.page.ts), a Kế hoạch sent to every commune holding thousands.
 */
export async function directiveOutline(db: DbOrTx, caller: Principal, directiveId: string) {
  return directiveWith(db, caller, directiveId, 'own');
}

async function directiveWith(db: DbOrTx, caller: Principal, directiveId: string, rows: 'visible' | 'own') {
  const loaded = await loadDirectiveFacts(db, directiveId);
  if (!loaded || !canSeeDirective(caller, loaded.facts)) throw directiveNotFound(directiveId);
  const { row: d, facts } = loaded;
  const readable = canReadContent(caller, facts);
  const seeAll = seesAllAssignments(caller, facts);

  const [units, tasks, targets, assignments] = await Promise.all([
    unitsById(db, [d.issuer_unit_id, d.monitoring_unit_id]),
    tasksOfDirective(db, d.id),
    targetsOfDirective(db, d.id),
    seeAll && rows === 'visible' ? assignmentRowsOfDirective(db, d.id) : assignmentRowsOfDirective(db, d.id, caller.unitId),
  ]);
  const unit = (id: string) => units.find((u) => u.id === id)!;
  const visible = assignments.filter((a) => seeAll || a.unit_id === caller.unitId);

  const view = {
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
  return { view, seesAll: seeAll };
}

/** What the next timer of the ladder will do: the deadline passing, or a rung (head, monitoring unit, Chairman's list or a courtesy notice). */
function ladderStep(kind: string, step: number, requested: boolean): string {
  if (kind === 'deadline') return 'deadline';
  return ['unit_head', 'monitor', requested ? 'courtesy' : 'chairman_list'][step - 1] ?? `escalation_${step}`;
}

/** One assignment with its task and latest report, if the caller may see it. */
export async function assignmentView(db: DbOrTx, caller: Principal, assignmentId: string) {
  const a = await findAssignmentRow(db, assignmentId);
  if (!a) throw assignmentNotFound(assignmentId);
  const loaded = await loadDirectiveFacts(db, a.directive_id);
  if (!loaded || !canSeeAssignment(caller, loaded.facts, a.unit_id)) throw assignmentNotFound(assignmentId);
  const { row: d, facts } = loaded;
  const readable = canReadContent(caller, facts) || a.unit_id === caller.unitId;
  const [task, targets, report, nextTimer] = await Promise.all([
    findTask(db, a.task_id),
    targetsOfTask(db, a.task_id),
    lastReportEvent(db, a.id),
    nextLadderTimer(db, a.id),
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

type DirectiveFilter = DirectiveListFilter;

const fullViewRoles = new Set(['chairman', 'office', 'monitor', 'admin']);

/**
 * Directives the caller may see, newest first, with counts over the
 * assignments the caller may see. Assignment filters (due before, overdue,
 * unit) match a directive when one of those assignments matches.
 */
export async function listDirectivesView(db: DbOrTx, caller: Principal, f: DirectiveFilter) {
  // The assignments in the caller's view of a directive: all of them, or their unit's
  // (and all of those they monitor).
  const { total, rows } = await directivePage(db, { unitId: caller.unitId, allAssignments: fullViewRoles.has(caller.role) }, f);
  return {
    page: f.page,
    pageSize: f.pageSize,
    total,
    items: rows.map((r) => {
      const readable = canReadContent(caller, {
        classification: r.classification as Classification,
        monitoringUnitId: r.monitoring_unit_id,
        assignedUnitIds: new Set(r.assigned_to_unit ? [caller.unitId] : []),
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
