import type { Subject } from '@dondoc/domain';
import type { DbOrTx } from './database.ts';

export interface DirectiveSummary {
  id: string;
  numberSymbol: string;
  issuedOn: string;
  subject: string;
  state: string;
  version: number;
  assignments: number;
  overdue: number;
}

/**
 * Every directive (or those in a state), newest first, with how many assignments
 * it has and how many were ever overdue. Counted per directive listed rather
 * than by grouping the whole assignments table, so a state filter reads only
 * its directives' assignments.
 */
export async function listDirectives(db: DbOrTx, filter: { state?: string } = {}): Promise<DirectiveSummary[]> {
  let q = db
    .selectFrom('directives as d')
    .select((eb) => {
      const ofDirective = () => eb.selectFrom('assignments as a').whereRef('a.directive_id', '=', 'd.id');
      return [
        'd.id',
        'd.number_symbol',
        'd.issued_on',
        'd.subject',
        'd.state',
        'd.version',
        ofDirective().select(eb.fn.countAll<string>().as('n')).as('assignments'),
        ofDirective().select(eb.fn.countAll<string>().as('n')).where('a.overdue', '=', true).as('overdue'),
      ];
    })
    .orderBy('d.issued_on', 'desc')
    .orderBy('d.number_symbol');
  if (filter.state) q = q.where('d.state', '=', filter.state);
  const rows = await q.execute();
  return rows.map((r) => ({
    id: r.id,
    numberSymbol: r.number_symbol,
    issuedOn: r.issued_on,
    subject: r.subject,
    state: r.state,
    version: r.version,
    assignments: Number(r.assignments),
    overdue: Number(r.overdue),
  }));
}

export interface AssignmentSummary {
  id: string;
  directiveId: string;
  taskOrdinal: number;
  taskTitle: string;
  unitCode: string;
  unitName: string;
  role: string;
  requested: boolean;
  state: string;
  version: number;
  dueAt: Date | null;
  overdue: boolean;
  escalationLevel: number;
}

/** What an assignment's row says of its progress (`a` being the assignments). */
export const assignmentProgressColumns = ['a.role', 'a.requested', 'a.state', 'a.version', 'a.due_at', 'a.overdue', 'a.escalation_level'] as const;

export async function listAssignments(db: DbOrTx, filter: { directiveId?: string; unitCode?: string; state?: string } = {}): Promise<AssignmentSummary[]> {
  let q = db
    .selectFrom('assignments as a')
    .innerJoin('tasks as t', 't.id', 'a.task_id')
    .innerJoin('units as u', 'u.id', 'a.unit_id')
    .select(['a.id', 'a.directive_id', 't.ordinal', 't.title', 'u.code', 'u.name', ...assignmentProgressColumns])
    .orderBy('t.ordinal')
    .orderBy('u.code');
  if (filter.directiveId) q = q.where('a.directive_id', '=', filter.directiveId);
  if (filter.unitCode) q = q.where('u.code', '=', filter.unitCode);
  if (filter.state) q = q.where('a.state', '=', filter.state);
  const rows = await q.execute();
  return rows.map((r) => ({
    id: r.id,
    directiveId: r.directive_id,
    taskOrdinal: r.ordinal,
    taskTitle: r.title,
    unitCode: r.code,
    unitName: r.name,
    role: r.role,
    requested: r.requested,
    state: r.state,
    version: r.version,
    dueAt: r.due_at,
    overdue: r.overdue,
    escalationLevel: r.escalation_level,
  }));
}

/** The subject's audit trail, oldest first. */
export async function history(db: DbOrTx, subject: Subject) {
  return db.selectFrom('events').selectAll().where('subject_type', '=', subject.type).where('subject_id', '=', subject.id).orderBy('seq').execute();
}

export async function findDirectiveByNumber(db: DbOrTx, numberSymbol: string, year: number) {
  return db.selectFrom('directives').selectAll().where('number_symbol', '=', numberSymbol).where('issue_year', '=', year).executeTakeFirst();
}

export interface PendingTimer {
  timerId: string;
  assignmentId: string;
  unitCode: string;
  kind: string;
  step: number;
  generation: number;
  fireAt: Date;
  /** What will happen, in Vietnamese and English. */
  why: { vi: string; en: string };
}

const rungs = [
  { vi: 'báo Thủ trưởng đơn vị', en: 'tell the head of unit' },
  { vi: 'báo cơ quan theo dõi', en: 'tell the monitoring unit' },
  {
    vi: 'đưa vào danh sách báo cáo Chủ tịch (cơ quan được đề nghị thì nhận thư đề nghị thông tin kết quả phối hợp)',
    en: "put on the Chairman's list (a requested body is asked for news of its part instead)",
  },
];

function explain(kind: string, step: number): { vi: string; en: string } {
  if (kind === 'reminder') return { vi: `nhắc hạn lần ${step}`, en: `reminder ${step}` };
  if (kind === 'deadline') return { vi: 'đến hạn: ghi nhận quá hạn nếu chưa có báo cáo được duyệt', en: 'deadline: overdue unless a report was approved' };
  if (kind === 'escalation') return { vi: `bậc ${step}: ${rungs[step - 1]?.vi ?? ''}`, en: `rung ${step}: ${rungs[step - 1]?.en ?? ''}` };
  return { vi: kind, en: kind };
}

/** The timers still to fire for an assignment, or for every assignment of a directive: when, and why. */
export async function pendingTimers(db: DbOrTx, subject: Subject): Promise<PendingTimer[]> {
  let q = db
    .selectFrom('timers as m')
    .innerJoin('assignments as a', (j) => j.onRef('a.id', '=', 'm.subject_id').on('m.subject_type', '=', 'assignment'))
    .innerJoin('units as u', 'u.id', 'a.unit_id')
    .select(['m.id', 'a.id as assignment_id', 'u.code', 'm.kind', 'm.step', 'm.generation', 'm.fire_at'])
    .where('m.status', '=', 'pending')
    .orderBy('m.fire_at')
    .orderBy('u.code');
  q = subject.type === 'directive' ? q.where('a.directive_id', '=', subject.id) : q.where('a.id', '=', subject.id);
  return (await q.execute()).map((r) => ({
    timerId: r.id,
    assignmentId: r.assignment_id,
    unitCode: r.code,
    kind: r.kind,
    step: r.step,
    generation: r.generation,
    fireAt: r.fire_at,
    why: explain(r.kind, r.step),
  }));
}
