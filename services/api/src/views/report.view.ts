import { NotFoundError } from '@dondoc/domain';
import {
  attachmentsOfReport,
  findAttachment,
  findReportPeriod,
  findUnitReportRef,
  loadConsolidation,
  unitReportWithUnit,
  unitTargets,
  type DbOrTx,
  type Principal,
} from '@dondoc/db';
import { redactConsolidation, type Consolidation } from '@dondoc/reports';
import { canCommand, canReadContent, canSeeDirective, seesAllAssignments } from '../auth/policy.ts';
import { loadDirectiveFacts } from './directive.view.ts';

/**
 * Who sees what of periodic reports. A period is seen by those who see its
 * directive; every unit's report by those who see all of the directive's
 * assignments (the Office, the Chairman, monitors, admins, the monitoring
 * unit), otherwise only the caller's own unit's. Reviewing is the monitoring
 * unit's or the Office's.
 */
export async function periodAccess(db: DbOrTx, caller: Principal, periodId: string) {
  const period = await findReportPeriod(db, periodId);
  const loaded = period && (await loadDirectiveFacts(db, period.directive_id));
  if (!period || !loaded || !canSeeDirective(caller, loaded.facts)) throw new NotFoundError('kỳ báo cáo', 'report period', periodId);
  return {
    period,
    directive: loaded.row,
    facts: loaded.facts,
    seesAll: seesAllAssignments(caller, loaded.facts),
    reviews: canCommand(caller, loaded.facts, '', 'APPROVE'),
    readable: canReadContent(caller, loaded.facts),
  };
}

/** A unit's report the caller may see (their own unit's, or any for those who see every unit's), or 404. */
export async function reportAccess(db: DbOrTx, caller: Principal, reportId: string) {
  const notFound = () => new NotFoundError('báo cáo', 'report', reportId);
  const report = await findUnitReportRef(db, reportId);
  if (!report) throw notFound();
  const access = await periodAccess(db, caller, report.period_id).catch(() => {
    throw notFound();
  });
  if (!access.seesAll && report.unit_id !== caller.unitId) throw notFound();
  const own = report.unit_id === caller.unitId;
  return { report, ...access, own, submits: ['unit_officer', 'unit_head'].includes(caller.role) && own };
}

/** One unit's report as the caller sees it: the period, the targets the unit reports on, what it sent, its attachments. */
export async function unitReportView(db: DbOrTx, caller: Principal, reportId: string) {
  const access = await reportAccess(db, caller, reportId);
  const [row, targets, attachments] = await Promise.all([
    unitReportWithUnit(db, reportId),
    unitTargets(db, access.period.directive_id, access.report.unit_id),
    attachmentList(db, reportId),
  ]);
  // A unit reads its own tasks' targets; of a classified directive, others read them only if entitled to its content.
  const names = access.readable || access.own;
  return {
    access,
    report: {
      id: row.id,
      unit: { code: row.code, name: row.name },
      state: row.state,
      late: row.late,
      version: row.version,
      submittedAt: row.submitted_at?.toISOString() ?? null,
      text: row.text,
      values: row.values ?? {},
      escalationLevel: row.escalation_level,
      period: {
        id: access.period.id,
        key: access.period.period_key,
        startsOn: access.period.starts_on,
        endsOn: access.period.ends_on,
        dueAt: access.period.due_at.toISOString(),
        closesAt: access.period.closes_at.toISOString(),
        state: access.period.state,
      },
      directive: {
        id: access.directive.id,
        numberSymbol: access.directive.number_symbol,
        subject: access.readable ? access.directive.subject : null,
        classification: access.directive.classification,
      },
      targets: targets.map((t) => ({ code: t.code, name: names ? t.name : null, unitOfMeasure: t.unit_of_measure, targetValue: Number(t.target_value) })),
      attachments,
    },
  };
}

export function attachmentList(db: DbOrTx, reportId: string) {
  return attachmentsOfReport(db, reportId);
}

/** An attachment of a report the caller may see, with its bytes. */
export async function attachmentOf(db: DbOrTx, caller: Principal, reportId: string, attachmentId: string) {
  await reportAccess(db, caller, reportId);
  const a = await findAttachment(db, reportId, attachmentId);
  if (!a) throw new NotFoundError('tệp đính kèm', 'attachment', attachmentId);
  return a;
}

/** The consolidated report of a period for one who sees every unit's report, with target names withheld where the caller may not read them. */
export async function consolidationView(db: DbOrTx, access: { period: { id: string }; readable: boolean }): Promise<Consolidation> {
  const c = await loadConsolidation(db, access.period.id);
  return access.readable ? c : redactConsolidation(c);
}
